package io.rillflow.events;

import java.util.List;
import java.util.Map;
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
public interface AppendBuilder {
    /** The version the stream must be at (default: any). */
    AppendBuilder expected(Expected expected);

    /**
     * A key identifying this append on its stream: sending again with the same key writes nothing and throws
     * {@link io.rillflow.IdempotencyConflictException}, so a retried request cannot append twice.
     */
    AppendBuilder idempotencyKey(String key);

    /** Headers stored with every event. */
    AppendBuilder headers(Map<String, Object> headers);

    /** The causation id stored with every event. */
    AppendBuilder causationId(UUID causationId);

    /** The correlation id stored with every event. */
    AppendBuilder correlationId(UUID correlationId);

    /** The stream's type, recorded when this append creates the stream. */
    AppendBuilder streamType(String streamType);

    /**
     * Takes a per-stream advisory lock for the append's transaction, so writers of one stream queue instead of
     * failing with a conflict (useful with {@link Expected#any()} under heavy contention).
     */
    AppendBuilder lockStream();

    /** Adds an event: a registered event object or an {@link Event}. */
    AppendBuilder push(Object event);

    /** Adds several events. */
    AppendBuilder pushAll(List<?> events);

    /** Writes the events; see {@link EventStore#append}. */
    AppendResult send();
}
