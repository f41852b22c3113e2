package io.rillflow;

/**
 * A write expected a version that the stored stream or document no longer has (or not yet has). Nothing was written.
 * Reload, re-decide and retry.
 */
public final class ConcurrencyException extends RillflowException {
    private static final long serialVersionUID = 1L;

    /** The stream or document written. */
    private final String target;
    /** The expected version as the caller stated it. */
    private final String expected;
    /** The version found; 0 when the target does not exist. */
    private final long actual;

    /**
     * @param target what was written, e.g. {@code stream 7d3c...} or {@code document customer/42}
     * @param expected the expectation, as the caller stated it
     * @param actual the version found; 0 when the target does not exist
     */
    public ConcurrencyException(String target, String expected, long actual) {
        this(target, expected, actual, actual == 0 ? "it does not exist" : null);
    }

    /**
     * @param target what was written, e.g. {@code stream 7d3c...} or {@code document customer/42}
     * @param expected the expectation, as the caller stated it
     * @param actual the version found; 0 when the target does not exist
     * @param state what else the caller should know of the target's state (e.g. that it is soft-deleted), or null
     */
    public ConcurrencyException(String target, String expected, long actual, String state) {
        super("Concurrency conflict on " + target + ": expected " + expected + " but the actual version is " + actual
                + (state == null ? "" : " (" + state + ")"));
        this.target = target;
        this.expected = expected;
        this.actual = actual;
    }

    /** The stream or document that was written. */
    public String target() {
        return target;
    }

    /** The expected version as stated by the caller, e.g. {@code 3}, {@code no stream} or {@code stream exists}. */
    public String expected() {
        return expected;
    }

    /** The version actually stored; 0 when the stream or document does not exist. */
    public long actual() {
        return actual;
    }
}
