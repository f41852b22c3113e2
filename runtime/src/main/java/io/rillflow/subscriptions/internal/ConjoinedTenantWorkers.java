package io.rillflow.subscriptions.internal;

import io.rillflow.events.EventEnvelope;
import io.rillflow.internal.LogContext;
import io.rillflow.subscriptions.SubscriptionException;
import io.rillflow.subscriptions.SubscriptionHandle;
import io.rillflow.subscriptions.TenantSubscriptionHandler;
import io.rillflow.subscriptions.TenantSubscriptionWorkers;
import io.rillflow.tenancy.Tenants;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.MDC;

/**
 * The worker of a subscription of every tenant of a conjoined store ({@code subscribeEachTenant}). Its tenants share
 * one log, so one worker reads it, with one group's slots and checkpoints, and hands each event to the handler with
 * the tenant that appended it, as the projection daemon applies each event as its tenant: a worker per tenant would
 * read the shared table once per tenant and wait on every tenant's writers each time. A tenant provisioned later is
 * served at once (its events are in the same log), and a dropped tenant's events are deleted with it.
 */
final class ConjoinedTenantWorkers implements TenantSubscriptionWorkers {
    private final Tenants tenants;
    private final WorkerHandle handle;
    private volatile boolean closed;

    private ConjoinedTenantWorkers(Tenants tenants, WorkerHandle handle) {
        this.tenants = tenants;
        this.handle = handle;
    }

    /** Starts {@code handle}'s thread handing each event to {@code handler} with its tenant. */
    static ConjoinedTenantWorkers start(Tenants tenants, WorkerHandle handle, TenantSubscriptionHandler handler) {
        handle.push((event, h) -> deliver(handler, event, h));
        return new ConjoinedTenantWorkers(tenants, handle);
    }

    /** Hands {@code event} to {@code handler} with its tenant, which the MDC carries meanwhile, as a tenant's work does. */
    private static void deliver(TenantSubscriptionHandler handler, EventEnvelope event, SubscriptionHandle handle)
            throws Exception {
        String tenant = event.tenant()
                .orElseThrow(() -> new SubscriptionException("Event " + event.globalSeq()
                        + " was read by a subscription of every tenant without telling its tenant"));
        String previous = MDC.get(LogContext.TENANT);
        MDC.put(LogContext.TENANT, tenant);
        try {
            handler.handle(tenant, event, handle);
        } finally {
            if (previous == null) {
                MDC.remove(LogContext.TENANT);
            } else {
                MDC.put(LogContext.TENANT, previous);
            }
        }
    }

    /** Every provisioned tenant, while running: the one worker serves them all. */
    @Override
    public List<String> tenants() {
        return closed ? List.of() : tenants.list();
    }

    /** The one worker, for any provisioned tenant, while running. */
    @Override
    public Optional<SubscriptionHandle> worker(String tenant) {
        Objects.requireNonNull(tenant, "tenant");
        return !closed && tenants.exists(tenant) ? Optional.of(handle) : Optional.empty();
    }

    @Override
    public boolean isRunning() {
        return !closed;
    }

    @Override
    public void close() {
        close(SubscriptionHandle.DEFAULT_CLOSE_TIMEOUT);
    }

    @Override
    public boolean close(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        closed = true;
        return handle.close(timeout);
    }
}
