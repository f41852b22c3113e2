package io.rillflow.subscriptions.internal;

import io.rillflow.TenantNotFoundException;
import io.rillflow.internal.BoundedStop;
import io.rillflow.subscriptions.SubscriptionFilter;
import io.rillflow.subscriptions.SubscriptionHandle;
import io.rillflow.subscriptions.SubscriptionOptions;
import io.rillflow.subscriptions.Subscriptions;
import io.rillflow.subscriptions.TenantSubscriptionHandler;
import io.rillflow.subscriptions.TenantSubscriptionWorkers;
import io.rillflow.tenancy.Tenants;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscription's workers across the tenants: a thread lists the tenants again every ten poll intervals (10 s at
 * most) and at once after this store ensures, syncs or drops one, creates the subscription in each new tenant and
 * starts its worker there, and closes the worker of a tenant that is gone.
 */
public final class TenantWorkers implements TenantSubscriptionWorkers {
    /** What the workers need of a schema-per-tenant store: its tenants, their changes and each tenant's subscriptions. */
    public record Tenancy(Tenants tenants, LongSupplier changes, Function<String, Subscriptions> subscriptionsOf) {
        public Tenancy {
            Objects.requireNonNull(tenants, "tenants");
            Objects.requireNonNull(changes, "changes");
            Objects.requireNonNull(subscriptionsOf, "subscriptionsOf");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(TenantWorkers.class);
    private static final long MAX_REFRESH_NANOS = 10_000_000_000L;
    private static final long WAIT_SLICE_MILLIS = 50;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Tenancy tenancy;
    private final String name;
    private final SubscriptionFilter filter;
    private final long startFrom;
    private final SubscriptionOptions options;
    private final TenantSubscriptionHandler handler;
    private final long refreshNanos;
    private final Map<String, SubscriptionHandle> workers = new ConcurrentSkipListMap<>();
    private final Thread thread;
    private volatile boolean stopped;

    TenantWorkers(
            Tenancy tenancy,
            String name,
            SubscriptionFilter filter,
            long startFrom,
            SubscriptionOptions options,
            TenantSubscriptionHandler handler) {
        this.tenancy = tenancy;
        this.name = name;
        this.filter = filter;
        this.startFrom = startFrom;
        this.options = options;
        this.handler = handler;
        this.refreshNanos = Math.min(MAX_REFRESH_NANOS, options.pollInterval().toNanos() * 10);
        this.thread = new Thread(this::follow, "rillflow-tenant-workers-" + THREADS.incrementAndGet());
        this.thread.setDaemon(true);
    }

    /** Starts a worker in every tenant there is now, then follows the tenants on a thread of its own. */
    void start() {
        refresh();
        thread.start();
    }

    private void follow() {
        long listedAt = System.nanoTime();
        long listedChanges = tenancy.changes().getAsLong();
        while (!stopped && !Thread.currentThread().isInterrupted()) {
            long changes = tenancy.changes().getAsLong();
            if (changes != listedChanges || System.nanoTime() - listedAt >= refreshNanos) {
                listedChanges = changes;
                listedAt = System.nanoTime();
                try {
                    refresh();
                } catch (RuntimeException e) {
                    LOG.warn(
                            "Could not list the tenants for subscription {}; trying again later: {}",
                            name,
                            e.toString());
                }
            }
            try {
                Thread.sleep(WAIT_SLICE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void refresh() {
        if (stopped) {
            return;
        }
        Set<String> listed = new HashSet<>(tenancy.tenants().list());
        for (String tenant : List.copyOf(workers.keySet())) {
            if (!listed.contains(tenant)) {
                closeQuietly(tenant, workers.remove(tenant), options.leaseTtl());
                LOG.info("Tenant {} was dropped: subscription {} no longer runs a worker for it", tenant, name);
            }
        }
        for (String tenant : listed) {
            if (!workers.containsKey(tenant)) {
                startIn(tenant);
            }
        }
    }

    private void startIn(String tenant) {
        try {
            Subscriptions subscriptions = tenancy.subscriptionsOf().apply(tenant);
            subscriptions.create(name, filter, startFrom);
            workers.put(
                    tenant,
                    subscriptions.subscribe(name, options, (event, handle) -> handler.handle(tenant, event, handle)));
        } catch (TenantNotFoundException dropped) {
            // Dropped since the listing: nothing to run.
        } catch (RuntimeException e) {
            LOG.warn(
                    "Could not start a worker of subscription {} in tenant {}; trying again at the next listing: {}",
                    name,
                    tenant,
                    e.toString());
        }
    }

    private static void closeQuietly(String tenant, SubscriptionHandle handle, Duration timeout) {
        try {
            handle.close(timeout);
        } catch (RuntimeException e) {
            LOG.debug("Closing the worker of tenant {}: {}", tenant, e.toString());
        }
    }

    @Override
    public List<String> tenants() {
        return List.copyOf(workers.keySet());
    }

    @Override
    public Optional<SubscriptionHandle> worker(String tenant) {
        return Optional.ofNullable(workers.get(tenant));
    }

    @Override
    public boolean isRunning() {
        return !stopped;
    }

    @Override
    public void close() {
        close(SubscriptionHandle.DEFAULT_CLOSE_TIMEOUT);
    }

    @Override
    public boolean close(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        long deadline = System.nanoTime() + timeout.toNanos();
        stopped = true;
        BoundedStop.join(thread, timeout, LOG, "Tenant workers of subscription " + name);
        boolean all = true;
        synchronized (this) {
            for (String tenant : List.copyOf(workers.keySet())) {
                SubscriptionHandle handle = workers.remove(tenant);
                try {
                    all &= handle.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                } catch (RuntimeException e) {
                    LOG.debug("Closing the worker of tenant {}: {}", tenant, e.toString());
                }
            }
        }
        return all;
    }
}
