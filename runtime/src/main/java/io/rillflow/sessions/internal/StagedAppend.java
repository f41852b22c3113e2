package io.rillflow.sessions.internal;

import io.rillflow.events.AppendBuilder;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.EventStore;
import io.rillflow.events.Expected;
import java.util.List;
import java.util.UUID;

/**
 * An append a session staged, with everything it stores besides the events.
 *
 * @param streamId the stream
 * @param expected what the stream's version must be when the session saves
 * @param events the events
 * @param options headers and ids, the session's merged with the append's own
 * @param streamType the stream's type for a stream this append creates (an aggregate's name), or null
 * @param idempotencyKey the key of a command's append, or null
 */
record StagedAppend(
        UUID streamId,
        Expected expected,
        List<Object> events,
        AppendOptions options,
        String streamType,
        String idempotencyKey) {
    StagedAppend {
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("An append to stream " + streamId + " needs at least one event");
        }
    }

    /** Writes the append through {@code events}, the event store bound to the session's transaction. */
    void send(EventStore events) {
        AppendBuilder append = events.builder(streamId)
                .expected(expected)
                .headers(options.headers())
                .causationId(options.causationId())
                .correlationId(options.correlationId())
                .pushAll(this.events);
        if (streamType != null) {
            append.streamType(streamType);
        }
        if (idempotencyKey != null) {
            append.idempotencyKey(idempotencyKey);
        }
        append.send();
    }
}
