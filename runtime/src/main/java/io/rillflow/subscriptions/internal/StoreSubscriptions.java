package io.rillflow.subscriptions.internal;

import io.rillflow.events.EventEnvelope;
import io.rillflow.subscriptions.SubscriptionFilter;
import io.rillflow.subscriptions.SubscriptionHandle;
import io.rillflow.subscriptions.SubscriptionHandler;
import io.rillflow.subscriptions.SubscriptionInfo;
import io.rillflow.subscriptions.SubscriptionOptions;
import io.rillflow.subscriptions.SubscriptionSlotStatus;
import io.rillflow.subscriptions.SubscriptionStatus;
import io.rillflow.subscriptions.Subscriptions;
import io.rillflow.subscriptions.TenantSubscriptionHandler;
import io.rillflow.subscriptions.TenantSubscriptionWorkers;
import io.rillflow.tenancy.Tenants;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The subscriptions of one store, and the workers started through it, which the store closes with it. A tenant's store
 * has its own over the tenant's schema (or its rows of a conjoined schema), whose workers the root store closes with its
 * own.
 */
public final class StoreSubscriptions implements Subscriptions {
    private final SubscriptionCatalog catalog;
    private final Set<WorkerHandle> open;
    /** The tenants of a schema-per-tenant store the builder made; null for a tenant's store or single tenancy. */
    private final TenantWorkers.Tenancy tenancy;
    /** The tenants of a conjoined store the builder made; null for a tenant's store or another tenancy. */
    private final Tenants conjoined;

    private final Set<TenantSubscriptionWorkers> following;

    /**
     * Created by the store.
     *
     * @param tenancy the store's tenants, for {@link #subscribeEachTenant}; null without schema-per-tenant tenancy
     * @param conjoined the store's tenants, for {@link #subscribeEachTenant}; null without conjoined tenancy
     */
    public StoreSubscriptions(SubscriptionCatalog catalog, TenantWorkers.Tenancy tenancy, Tenants conjoined) {
        this.catalog = catalog;
        this.open = ConcurrentHashMap.newKeySet();
        this.tenancy = tenancy;
        this.conjoined = conjoined;
        this.following = ConcurrentHashMap.newKeySet();
    }

    private StoreSubscriptions(StoreSubscriptions root, SubscriptionCatalog catalog) {
        this.catalog = catalog;
        this.open = root.open;
        this.tenancy = null;
        this.conjoined = null;
        this.following = root.following;
    }

    /** The subscriptions of {@code catalog}'s (a tenant's) schema, whose workers {@link #closeAll} closes too. */
    public StoreSubscriptions forTenant(SubscriptionCatalog catalog) {
        return new StoreSubscriptions(this, catalog);
    }

    @Override
    public TenantSubscriptionWorkers subscribeEachTenant(
            String name,
            SubscriptionFilter filter,
            long startFrom,
            SubscriptionOptions options,
            TenantSubscriptionHandler handler) {
        if (tenancy == null && conjoined == null) {
            throw new IllegalStateException("subscribeEachTenant(" + name + ") runs on the store the builder made with"
                    + " .tenancy(TenancyStrategy.schemaPerTenant()) or .tenancy(TenancyStrategy.conjoined()); for one"
                    + " tenant, subscribe on store.forTenant(tenant).subscriptions()");
        }
        SubscriptionNames.check("subscription", name);
        if (filter == null || options == null || handler == null) {
            throw new IllegalArgumentException("subscribeEachTenant(" + name + ") needs a filter, options and a"
                    + " handler; SubscriptionFilter.all() delivers every event");
        }
        if (startFrom < FROM_NOW) {
            throw new IllegalArgumentException(
                    "A subscription starts from a position of 0 or more, or FROM_NOW, not " + startFrom);
        }
        if (conjoined != null) {
            catalog.create(name, filter, startFrom, true);
            ConjoinedTenantWorkers workers = ConjoinedTenantWorkers.start(conjoined, join(name, options), handler);
            following.add(workers);
            return workers;
        }
        TenantWorkers workers = new TenantWorkers(tenancy, name, filter, startFrom, options, handler);
        following.add(workers);
        workers.start();
        return workers;
    }

    @Override
    public void create(String name, SubscriptionFilter filter, long startFrom) {
        SubscriptionNames.check("subscription", name);
        if (filter == null) {
            throw new IllegalArgumentException(
                    "Subscription " + name + " needs a filter; SubscriptionFilter.all()" + " delivers every event");
        }
        if (startFrom < FROM_NOW) {
            throw new IllegalArgumentException(
                    "A subscription starts from a position of 0 or more, or FROM_NOW, not " + startFrom);
        }
        catalog.create(name, filter, startFrom, false);
    }

    @Override
    public SubscriptionHandle subscribe(String name, SubscriptionOptions options, SubscriptionHandler handler) {
        if (handler == null) {
            throw new IllegalArgumentException("subscribe(" + name + ") needs a handler");
        }
        WorkerHandle handle = join(name, options);
        handle.push(handler);
        return handle;
    }

    @Override
    public SubscriptionHandle open(String name, SubscriptionOptions options) {
        return join(name, options);
    }

    private WorkerHandle join(String name, SubscriptionOptions options) {
        SubscriptionNames.check("subscription", name);
        WorkerHandle handle = new WorkerHandle(catalog.join(name, options), open::remove);
        open.add(handle);
        return handle;
    }

    @Override
    public List<SubscriptionInfo> list() {
        return catalog.list();
    }

    @Override
    public SubscriptionStatus status(String name, String group) {
        return catalog.status(SubscriptionNames.check("subscription", name), SubscriptionNames.check("group", group));
    }

    @Override
    public void pause(String name, String group) {
        catalog.paused(SubscriptionNames.check("subscription", name), SubscriptionNames.check("group", group), true);
    }

    @Override
    public void resume(String name, String group) {
        catalog.paused(SubscriptionNames.check("subscription", name), SubscriptionNames.check("group", group), false);
    }

    @Override
    public void reset(String name, String group, long seq) {
        catalog.reset(SubscriptionNames.check("subscription", name), SubscriptionNames.check("group", group), seq);
    }

    @Override
    public void setMaxInFlight(String name, String group, Integer max) {
        catalog.maxInFlight(
                SubscriptionNames.check("subscription", name), SubscriptionNames.check("group", group), max);
    }

    @Override
    public List<SubscriptionSlotStatus> slots(String name, String group) {
        return catalog.slots(SubscriptionNames.check("subscription", name), SubscriptionNames.check("group", group));
    }

    @Override
    public List<EventEnvelope> peek(String name, String group, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("A peek at a subscription reads 1 or more events, not " + limit);
        }
        return catalog.peek(
                SubscriptionNames.check("subscription", name), SubscriptionNames.check("group", group), limit);
    }

    /**
     * Closes every worker started through this store, all within {@code timeout}: every handler is asked to stop
     * first, so they finish their events in hand side by side; see {@link SubscriptionHandle#close(Duration)}.
     *
     * @return whether every handler finished in time
     */
    public boolean closeAll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (TenantSubscriptionWorkers workers : List.copyOf(following)) {
            workers.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        following.clear();
        List<WorkerHandle> handles = List.copyOf(open);
        handles.forEach(WorkerHandle::requestStop);
        boolean all = true;
        for (WorkerHandle handle : handles) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            all &= handle.close(left);
        }
        return all;
    }
}
