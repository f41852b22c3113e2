package io.rillflow.subscriptions;

import java.time.Instant;

/**
 * Counters of one worker since it started: what it delivered and acknowledged, and the errors it retried.
 *
 * @param delivered events handed to the application (redeliveries included)
 * @param acknowledged events whose acknowledgement was written
 * @param fetchErrors failed reads of the log or of the worker's slots, each retried after a backoff
 * @param handlerErrors exceptions thrown by the handler, each followed by a redelivery
 * @param lastError the last error, as type and message; null if none
 * @param lastErrorAt when it happened; null if none
 */
public record SubscriptionMetrics(
        long delivered,
        long acknowledged,
        long fetchErrors,
        long handlerErrors,
        String lastError,
        Instant lastErrorAt) {}
