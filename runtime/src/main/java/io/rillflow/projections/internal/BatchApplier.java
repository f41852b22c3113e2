package io.rillflow.projections.internal;

import io.rillflow.documents.internal.DocumentTables;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.internal.LogReader;
import io.rillflow.internal.LogContext;
import io.rillflow.internal.TenantColumn;
import io.rillflow.projections.ProjectionContext;
import io.rillflow.projections.ProjectionHandler;
import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Applies the events read in one transaction to one handler: with the store's documents, or, on a conjoined store
 * ({@link TenantRouting}), each event with its own tenant's documents and handler. One context per tenant met is made
 * per transaction, all bound to its connection.
 */
final class BatchApplier {
    private record Target(ProjectionHandler handler, ProjectionContext context) {}

    private final String name;
    private final ProjectionHandler handler;
    private final Connection connection;
    private final TenantRouting routing;
    private final BatchContext context;
    private final Map<String, Target> targets = new HashMap<>();

    /** @param routing how a conjoined store routes events to tenants; null to apply every event as the store */
    BatchApplier(ProjectionHandler handler, Connection connection, DocumentTables documents, TenantRouting routing) {
        this.name = handler.name();
        this.handler = handler;
        this.connection = connection;
        this.routing = routing;
        this.context = new BatchContext(name, connection, documents);
    }

    /** Applies the {@code index}th event of {@code batch}. */
    void apply(LogReader.Batch batch, int index) throws Exception {
        EventEnvelope event = batch.events().get(index);
        if (routing == null) {
            handler.apply(event, context);
            return;
        }
        String tenant = batch.tenant(index);
        Target target = targets.get(tenant);
        if (target == null) {
            target = target(routing.route(tenant));
            targets.put(tenant, target);
        }
        String previous = asTenant(tenant);
        try {
            target.handler().apply(event, target.context());
        } finally {
            restore(previous);
        }
    }

    /**
     * Puts {@code tenant} in the MDC as {@link LogContext#TENANT}, as a tenant's work under a schema per tenant has it,
     * unless it is the default tenant (the store's own work has none); returns what to {@link #restore}.
     */
    static String asTenant(String tenant) {
        String previous = MDC.get(LogContext.TENANT);
        if (tenant != null && !TenantColumn.DEFAULT.tenant().equals(tenant)) {
            MDC.put(LogContext.TENANT, tenant);
        }
        return previous;
    }

    /** Restores the MDC tenant {@link #asTenant} replaced. */
    static void restore(String previous) {
        if (previous == null) {
            MDC.remove(LogContext.TENANT);
        } else {
            MDC.put(LogContext.TENANT, previous);
        }
    }

    /** Runs the handler's rebuild hook for the store, and on a conjoined store for every tenant too. */
    void rebuild() {
        if (routing == null) {
            HandlerFailures.rebuild(handler, context);
            return;
        }
        for (TenantRouting.Route route : routing.all()) {
            Target target = target(route);
            HandlerFailures.rebuild(target.handler(), target.context());
        }
    }

    private Target target(TenantRouting.Route route) {
        return new Target(route.scope().apply(handler), new BatchContext(name, connection, route.documents()));
    }
}
