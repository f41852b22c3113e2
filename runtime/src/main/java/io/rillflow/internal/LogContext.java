package io.rillflow.internal;

import java.util.Map;
import org.slf4j.MDC;

/**
 * The SLF4J MDC keys of one unit of daemon or subscription work (a projection's tick, a subscription worker's poll and
 * delivery, a lease release), set for its duration so every log line it causes names what was running and where.
 * Closing puts back the thread's previous MDC exactly: the daemon's and the caller's threads are reused, and a key
 * left behind would label unrelated log lines.
 */
public final class LogContext implements AutoCloseable {
    /** The projection (or process manager, which runs as one) being ticked. */
    public static final String PROJECTION = "rillflow.projection";
    /** The subscription a worker reads. */
    public static final String SUBSCRIPTION = "rillflow.subscription";
    /** The subscription's consumer group. */
    public static final String GROUP = "rillflow.group";
    /** The store's schema. */
    public static final String SCHEMA = "rillflow.schema";
    /** The node id (projections) or worker id (subscriptions) that holds the leases. */
    public static final String NODE = "rillflow.node";
    /** The tenant whose schema the work is on (schema-per-tenant stores); absent for the store's own schema. */
    public static final String TENANT = "rillflow.tenant";

    private final Map<String, String> previous;

    private LogContext(String tenant, String schema, String node) {
        this.previous = MDC.getCopyOfContextMap();
        MDC.put(SCHEMA, schema);
        MDC.put(NODE, node);
        if (tenant == null) {
            MDC.remove(TENANT); // work on the store's own schema, even when called from a tenant's work
        } else {
            MDC.put(TENANT, tenant);
        }
    }

    /**
     * Sets the keys of {@code projection}'s work on this node for {@code tenant} (null: the store's own schema) until
     * {@link #close()}.
     */
    public static LogContext projection(String tenant, String schema, String node, String projection) {
        LogContext context = new LogContext(tenant, schema, node);
        MDC.put(PROJECTION, projection);
        return context;
    }

    /** Sets the keys of the work of a subscription worker of {@code tenant} (null: none) until {@link #close()}. */
    public static LogContext subscription(
            String tenant, String schema, String worker, String subscription, String group) {
        LogContext context = new LogContext(tenant, schema, worker);
        MDC.put(SUBSCRIPTION, subscription);
        MDC.put(GROUP, group);
        return context;
    }

    /** Restores the MDC this thread had before. */
    @Override
    public void close() {
        if (previous == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(previous);
        }
    }
}
