package io.rillflow.subscriptions;

import io.rillflow.events.EventEnvelope;

/**
 * Application code that receives the events of one subscription in every tenant of a schema-per-tenant store
 * ({@link Subscriptions#subscribeEachTenant}), told which tenant each event belongs to. Each tenant's events arrive on
 * that tenant's worker thread, as for a {@link SubscriptionHandler}.
 */
@FunctionalInterface
public interface TenantSubscriptionHandler {
    /**
     * Handles one event of {@code tenant}. Throwing makes that tenant's worker deliver its unacknowledged events again
     * after a backoff; the other tenants' workers go on.
     *
     * @param tenant the tenant whose schema the event was read from
     * @param event the event
     * @param handle the tenant's worker, to acknowledge in {@link AckMode#MANUAL} or {@link AckMode#TRANSACTIONAL} mode
     */
    void handle(String tenant, EventEnvelope event, SubscriptionHandle handle) throws Exception;
}
