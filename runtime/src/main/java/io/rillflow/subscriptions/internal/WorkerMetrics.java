package io.rillflow.subscriptions.internal;

import io.rillflow.internal.Database;
import io.rillflow.internal.ErrorText;
import io.rillflow.metrics.internal.StoreMetrics;
import io.rillflow.subscriptions.SubscriptionMetrics;
import io.rillflow.subscriptions.SubscriptionOptions;
import java.sql.PreparedStatement;
import java.time.Instant;
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
    /** The same counts on the store's meter registry, tagged with the subscription and group; a no-op without one. */
    private final StoreMetrics.Subscription meters;

    WorkerMetrics(Database database, SubscriptionStatements sql, String subscription, SubscriptionOptions options) {
        this.database = database;
        this.sql = sql;
        this.subscription = subscription;
        this.group = options.group();
        this.worker = options.workerId();
        this.meters = database.metrics().subscription(subscription, group);
    }

    void delivered(int count) {
        delivered.addAndGet(count);
        meters.delivered(count);
    }

    void acknowledged(int count) {
        acknowledged.addAndGet(count);
        meters.acknowledged(count);
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
