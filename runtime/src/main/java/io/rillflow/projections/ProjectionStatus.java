package io.rillflow.projections;

import java.time.Duration;
import java.time.Instant;

/**
 * Where a projection stands.
 *
 * @param name the projection's name
 * @param checkpoint the last log position processed (every event at or below it is applied, skipped by type, or
 *     dead-lettered)
 * @param head the highest global position in the log
 * @param lagEvents how many events of the projection's types are after the checkpoint
 * @param lagTime how old the oldest of those events is; zero when there are none
 * @param paused whether it is paused (by an operator, or stopped by a failure)
 * @param leaseHolder the node holding its lease, or null
 * @param leaseExpires when that lease runs out unless renewed, or null
 * @param deadLetters how many dead letters it has
 * @param attempts how many times the next event has failed so far
 * @param backoffUntil when the next retry may run, or null
 * @param lastError the last handler error, or null
 * @param lastErrorAt when it happened, or null
 */
public record ProjectionStatus(
        String name,
        long checkpoint,
        long head,
        long lagEvents,
        Duration lagTime,
        boolean paused,
        String leaseHolder,
        Instant leaseExpires,
        long deadLetters,
        int attempts,
        Instant backoffUntil,
        String lastError,
        Instant lastErrorAt) {}
