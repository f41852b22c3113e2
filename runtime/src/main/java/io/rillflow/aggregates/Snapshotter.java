package io.rillflow.aggregates;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Compacts long streams of one aggregate type in the background: each tick snapshots up to {@code batchSize}
 * streams whose latest snapshot (of the current shape) is at least {@code threshold} events behind, the furthest
 * behind first. Run {@link #tickOnce()} from a scheduler, or {@link #runUntilIdle()} after a bulk import.
 *
 * <p>Several snapshotters (on several nodes) may run at once: a snapshot only ever replaces an older one, so the
 * worst case is duplicated work.
 */
public final class Snapshotter {
    private final AggregateRepository<?, ?> repository;
    private final long threshold;
    private final int batchSize;

    /**
     * @param repository the aggregate type to compact
     * @param threshold how many events a stream may grow past its snapshot before it is snapshotted again, 1 or more
     * @param batchSize the most streams one tick snapshots, 1 or more
     */
    public Snapshotter(AggregateRepository<?, ?> repository, long threshold, int batchSize) {
        this.repository = Objects.requireNonNull(repository, "repository");
        if (threshold < 1 || batchSize < 1) {
            throw new IllegalArgumentException(
                    "threshold and batchSize must be 1 or more, were " + threshold + " and " + batchSize);
        }
        this.threshold = threshold;
        this.batchSize = batchSize;
    }

    /** Snapshots one batch of streams that are far enough behind; returns how many it snapshotted. */
    public int tickOnce() {
        List<UUID> behind = repository.engine().streamsBehind(threshold, batchSize);
        for (UUID streamId : behind) {
            repository.engine().snapshotStream(streamId);
        }
        return behind.size();
    }

    /**
     * Ticks until no stream is {@code threshold} events behind; returns how many snapshots it wrote. Streams that keep
     * growing while it runs are snapshotted again as they fall behind.
     */
    public int runUntilIdle() {
        int total = 0;
        for (int n = tickOnce(); n > 0; n = tickOnce()) {
            total += n;
        }
        return total;
    }
}
