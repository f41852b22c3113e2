package io.rillflow.projections;

import java.time.Instant;
import java.util.UUID;

/**
 * An event a projection gave up on. The event itself stays in the log; {@code requeue} applies it again.
 *
 * @param projection the projection's name
 * @param globalSeq the event's global position
 * @param streamId the event's stream
 * @param streamSeq the event's position in its stream
 * @param eventType the stored type name
 * @param error the last error, with its exception type
 * @param attempts how many times the handler failed on it
 * @param createdAt when it was dead-lettered
 */
public record DeadLetter(
        String projection,
        long globalSeq,
        UUID streamId,
        long streamSeq,
        String eventType,
        String error,
        int attempts,
        Instant createdAt) {}
