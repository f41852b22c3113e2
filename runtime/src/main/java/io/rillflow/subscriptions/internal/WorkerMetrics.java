package io.rillflow.subscriptions.internal;

import io.rillflow.events.EventEnvelope;
import io.rillflow.internal.Database;
import io.rillflow.internal.ErrorText;
import io.rillflow.metrics.internal.StoreMetrics;
import io.rillflow.subscriptions.SubscriptionMetrics;
import io.rillflow.subscriptions.SubscriptionOptions;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's counters, and where its errors go: never swallowed, each is counted, logged at WARN and written to the
 * group's row so {@code status()} shows it to every node.
 */
final class WorkerMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    private static final int MAX_ERROR = 2000;

    private final Database database;
    private final SubscriptionStatements sql;
    private final String subscription;
    private final String group;
    private final String worker;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong fetchErrors = new AtomicLong();
    private final AtomicLong handlerErrors = new AtomicLong();
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    /**
     * The same counts on the store's meter registry, tagged with the subscription and group; a no-op without one. Null
     * when each event is metered as its tenant's.
     */
    private final StoreMetrics.Subscription meters;
    /**
     * For a subscription of every tenant of a conjoined store, the meters of each tenant whose events it delivered
     * (tagged with the tenant too), and the tenant of each event delivered and not yet acknowledged; null otherwise.
     */
    private final Map<String, StoreMetrics.Subscription> tenantMeters;

    private final Map<Long, String> unackedTenants;

    /** @param byEventTenant whether each event is metered as its tenant's (a subscription of every tenant) */
    WorkerMetrics(
            Database database,
            SubscriptionStatements sql,
            String subscription,
            SubscriptionOptions options,
            boolean byEventTenant) {
        this.database = database;
        this.sql = sql;
        this.subscription = subscription;
        this.group = options.group();
        this.worker = options.workerId();
        this.meters = byEventTenant ? null : database.metrics().subscription(subscription, group);
        this.tenantMeters = byEventTenant ? new ConcurrentHashMap<>() : null;
        this.unackedTenants = byEventTenant ? new ConcurrentHashMap<>() : null;
    }

    void delivered(List<EventEnvelope> events) {
        delivered.addAndGet(events.size());
        if (tenantMeters == null) {
            meters.delivered(events.size());
            return;
        }
        Map<String, Integer> counts = new HashMap<>();
        for (EventEnvelope event : events) {
            String tenant = event.tenant().orElse(null);
            if (tenant != null) {
                unackedTenants.put(event.globalSeq(), tenant);
            }
            counts.merge(tenant == null ? "" : tenant, 1, Integer::sum);
        }
        counts.forEach((tenant, count) -> metersOf(tenant).delivered(count));
    }

    /** Counts the acknowledgement of the delivered events {@code seqs}; returns how many there are. */
    int acknowledged(Collection<Long> seqs) {
        int count = seqs.size();
        acknowledged.addAndGet(count);
        if (tenantMeters == null) {
            meters.acknowledged(count);
            return count;
        }
        Map<String, Integer> counts = new HashMap<>();
        for (Long seq : seqs) {
            String tenant = unackedTenants.remove(seq);
            counts.merge(tenant == null ? "" : tenant, 1, Integer::sum);
        }
        counts.forEach((tenant, n) -> metersOf(tenant).acknowledged(n));
        return count;
    }

    /** The meters of {@code tenant}'s events, made once; the untagged ones for an event without tenant (""). */
    private StoreMetrics.Subscription metersOf(String tenant) {
        return tenantMeters.computeIfAbsent(
                tenant,
                t -> (t.isEmpty() ? database.metrics() : database.metrics().forTenant(t))
                        .subscription(subscription, group));
    }

    void error(boolean handler, Exception error) {
        (handler ? handlerErrors : fetchErrors).incrementAndGet();
        String text = ErrorText.describe(error, MAX_ERROR);
        lastError = text;
        lastErrorAt = Instant.now();
        LOG.warn(
                "Subscription {} group {} worker {}: {} error, retrying after a backoff: {}",
                subscription,
                group,
                worker,
                handler ? "handler" : "fetch",
                text);
        try {
            database.withConnection(sql.recordError, c -> {
                try (PreparedStatement p = c.prepareStatement(sql.recordError)) {
                    p.setString(1, text);
                    p.setString(2, subscription);
                    p.setString(3, group);
                    return p.executeUpdate();
                }
            });
        } catch (RuntimeException e) {
            LOG.debug("Could not record the error in the group's status: {}", e.getMessage());
        }
    }

    SubscriptionMetrics snapshot() {
        return new SubscriptionMetrics(
                delivered.get(), acknowledged.get(), fetchErrors.get(), handlerErrors.get(), lastError, lastErrorAt);
    }
}
