package io.rillflow.subscriptions;

import io.rillflow.events.EventEnvelope;

/**
 * Application code that receives a subscription's events, outside any Rillflow transaction (send an e-mail, publish
 * to a broker). Events of one stream arrive in order, one at a time, on the worker's thread.
 */
@FunctionalInterface
public interface SubscriptionHandler {
    /**
     * Handles one event. Throwing makes the worker deliver the unacknowledged events again after a backoff.
     *
     * @param event the event; {@link EventEnvelope#event()} decodes it to its typed record
     * @param handle the worker's handle, to acknowledge in {@link AckMode#MANUAL} or
     *     {@link AckMode#TRANSACTIONAL} mode
     */
    void handle(EventEnvelope event, SubscriptionHandle handle) throws Exception;
}
