package io.rillflow.projections;

import io.rillflow.RillflowException;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link Projections#waitForNonStale} ran out of time: some projections had not processed the log up to the position
 * that was its head when the wait began. Nothing was changed.
 */
public final class StaleProjectionsException extends RillflowException {
    private static final long serialVersionUID = 1L;

    private final long head;
    private final TreeMap<String, Long> behind;

    /**
     * @param message names the projections behind, their checkpoints and the head
     * @param head the log position waited for
     * @param behind the checkpoint of each projection still behind it, by name
     */
    public StaleProjectionsException(String message, long head, Map<String, Long> behind) {
        super(message);
        this.head = head;
        this.behind = new TreeMap<>(behind);
    }

    /** The log position the wait was for: the highest committed {@code global_seq} when it began. */
    public long head() {
        return head;
    }

    /** The checkpoint of each projection still behind {@link #head()} when the time ran out, by name. */
    public Map<String, Long> behind() {
        return Map.copyOf(behind);
    }
}
