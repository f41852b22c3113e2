package io.rillflow.events;

/**
 * What an append expects of the stream's current version; when the stream does not match, nothing is written and a
 * {@link io.rillflow.ConcurrencyException} names the expected and actual versions.
 */
public final class Expected {
    private static final long ANY_CODE = -1;
    private static final long EXISTS_CODE = -2;
    private static final Expected ANY = new Expected(ANY_CODE);
    private static final Expected NO_STREAM = new Expected(0);
    private static final Expected STREAM_EXISTS = new Expected(EXISTS_CODE);

    private final long code;

    private Expected(long code) {
        this.code = code;
    }

    /** Append whatever the stream's version, creating it if needed. */
    public static Expected any() {
        return ANY;
    }

    /** The stream must not exist yet: the first append of a new stream. */
    public static Expected noStream() {
        return NO_STREAM;
    }

    /** The stream must exist, at any version. */
    public static Expected streamExists() {
        return STREAM_EXISTS;
    }

    /**
     * The stream must be at exactly {@code version} (the number of events in it); {@code exact(0)} is
     * {@link #noStream()}.
     */
    public static Expected exact(long version) {
        if (version < 0) {
            throw new IllegalArgumentException("An expected stream version must be 0 or more, was " + version);
        }
        return version == 0 ? NO_STREAM : new Expected(version);
    }

    /**
     * The expectation as one number, the way appends send it to PostgreSQL: -1 any version, -2 the stream exists, 0
     * no stream, otherwise exactly that version.
     */
    public long code() {
        return code;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Expected other && other.code == code;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(code);
    }

    @Override
    public String toString() {
        if (code == ANY_CODE) {
            return "any version";
        }
        if (code == EXISTS_CODE) {
            return "stream exists";
        }
        return code == 0 ? "no stream" : Long.toString(code);
    }
}
