package io.rillflow;

import java.util.UUID;

/**
 * An append carried an idempotency key that was already used on the stream: the earlier append went through, this
 * one wrote nothing. Callers that retry after a timeout treat this as success.
 */
public final class IdempotencyConflictException extends RillflowException {
    private static final long serialVersionUID = 1L;

    /** The stream appended to. */
    private final UUID streamId;
    /** The repeated idempotency key. */
    private final String key;

    /** @param streamId the stream appended to @param key the idempotency key that was seen before */
    public IdempotencyConflictException(UUID streamId, String key) {
        super("Idempotency key \"" + key + "\" was already used on stream " + streamId
                + ": the earlier append with this key is stored, this one wrote nothing");
        this.streamId = streamId;
        this.key = key;
    }

    /** The stream appended to. */
    public UUID streamId() {
        return streamId;
    }

    /** The repeated idempotency key. */
    public String key() {
        return key;
    }
}
