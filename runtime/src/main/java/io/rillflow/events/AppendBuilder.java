package io.rillflow.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A fluent append: events and options gathered, then written by {@link #send()} in one round trip.
 *
 * <pre>{@code
 * store.events().builder(streamId)
 *     .expected(Expected.exact(3))
 *     .idempotencyKey("req-123")
 *     .headers(Map.of("user", "ada"))
 *     .push(new ItemAdded(...)).push(new ItemAdded(...))
 *     .send();
 * }</pre>
 */
public final class AppendBuilder {
    private final EventStore store;
    private final UUID streamId;
    private final List<Object> events = new ArrayList<>();
    private Expected expected = Expected.any();
    private AppendOptions options = AppendOptions.none();
    private String idempotencyKey;
    private String streamType;
    private boolean lockStream;

    AppendBuilder(EventStore store, UUID streamId) {
        this.store = store;
        this.streamId = streamId;
    }

    /** The version the stream must be at (default: any). */
    public AppendBuilder expected(Expected expected) {
        this.expected = Objects.requireNonNull(expected, "expected");
        return this;
    }

    /**
     * A key identifying this append on its stream: sending again with the same key writes nothing and throws
     * {@link io.rillflow.IdempotencyConflictException}, so a retried request cannot append twice.
     */
    public AppendBuilder idempotencyKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("An idempotency key must not be empty");
        }
        this.idempotencyKey = key;
        return this;
    }

    /** Headers stored with every event. */
    public AppendBuilder headers(Map<String, Object> headers) {
        this.options = options.withHeaders(headers);
        return this;
    }

    /** The causation id stored with every event. */
    public AppendBuilder causationId(UUID causationId) {
        this.options = options.withCausationId(causationId);
        return this;
    }

    /** The correlation id stored with every event. */
    public AppendBuilder correlationId(UUID correlationId) {
        this.options = options.withCorrelationId(correlationId);
        return this;
    }

    /** The stream's type, recorded when this append creates the stream. */
    public AppendBuilder streamType(String streamType) {
        this.streamType = streamType;
        return this;
    }

    /**
     * Takes a per-stream advisory lock for the append's transaction, so writers of one stream queue instead of
     * failing with a conflict (useful with {@link Expected#any()} under heavy contention).
     */
    public AppendBuilder lockStream() {
        this.lockStream = true;
        return this;
    }

    /** Adds an event: a registered event object or an {@link Event}. */
    public AppendBuilder push(Object event) {
        events.add(Objects.requireNonNull(event, "event"));
        return this;
    }

    /** Adds several events. */
    public AppendBuilder pushAll(List<?> events) {
        events.forEach(this::push);
        return this;
    }

    /** Writes the events; see {@link EventStore#append}. */
    public AppendResult send() {
        return store.append(
                new AppendRequest(streamId, expected, events, options, idempotencyKey, streamType, lockStream));
    }
}
