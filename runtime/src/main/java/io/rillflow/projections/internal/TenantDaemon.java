package io.rillflow.projections.internal;

import io.rillflow.TenantNotFoundException;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.tenancy.Tenants;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tenants a schema-per-tenant store's daemon serves besides the store's own schema: every provisioned tenant, or
 * those {@link ProjectionOptions#tenants()} names, each through its own tenant's projections (its schema's checkpoints,
 * leases and dead letters, so each tenant's projection has a lease of its own and nodes share the tenants).
 *
 * <p>The tenants are listed again every ten poll intervals (at most every 10 s) and at once when this store ensures, syncs or drops one,
 * so a new tenant is served without a restart. A tenant dropped while served is found by its failing tick: it is
 * left, logged once, and the daemon goes on with the others.
 */
public final class TenantDaemon {
    private static final Logger LOG = LoggerFactory.getLogger(TenantDaemon.class);
    /** The longest time between two listings of the tenants when this store provisions none. */
    private static final long MAX_REFRESH_NANOS = 10_000_000_000L;

    private final Tenants tenants;
    private final LongSupplier changes;
    private final Function<String, StoreProjections> projections;
    private final ProjectionOptions options;
    private final long refreshNanos;
    private List<StoreProjections> served = List.of();
    private long listedAt;
    private long listedChanges = -1;

    /**
     * @param tenants lists the provisioned tenants and says whether one still exists
     * @param changes a number that changes whenever this store ensures, syncs or drops a tenant
     * @param projections the projections of a tenant's store
     */
    public TenantDaemon(
            Tenants tenants,
            LongSupplier changes,
            Function<String, StoreProjections> projections,
            ProjectionOptions options) {
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.changes = Objects.requireNonNull(changes, "changes");
        this.projections = Objects.requireNonNull(projections, "projections");
        this.options = Objects.requireNonNull(options, "options");
        this.refreshNanos = Math.min(MAX_REFRESH_NANOS, options.pollInterval().toNanos() * 10);
    }

    /** The tenants' projections to serve now, listing the tenants again if due; the last list if listing fails. */
    List<StoreProjections> served() {
        return served(false);
    }

    /** As {@link #served()}, listing the tenants again now if {@code fresh}, as a wait for every tenant needs. */
    synchronized List<StoreProjections> served(boolean fresh) {
        long now = System.nanoTime();
        long changed = changes.getAsLong();
        if (!fresh && changed == listedChanges && now - listedAt < refreshNanos) {
            return served;
        }
        try {
            List<StoreProjections> found = new ArrayList<>();
            for (String tenant : tenants.list()) {
                if (options.serves(tenant)) {
                    try {
                        found.add(projections.apply(tenant));
                    } catch (TenantNotFoundException dropped) {
                        // Dropped since the listing: not served.
                    }
                }
            }
            for (StoreProjections gone : served) {
                if (found.stream().noneMatch(p -> p.tenant().equals(gone.tenant()))) {
                    LOG.info("Tenant {} was dropped: the projection daemon no longer serves it", gone.tenant());
                }
            }
            served = List.copyOf(found);
            listedChanges = changed;
            listedAt = now;
        } catch (RuntimeException e) {
            LOG.warn(
                    "Could not list the tenants for the projection daemon; serving the last known ones: {}",
                    e.toString());
            listedAt = now; // not again before the next refresh
        }
        return served;
    }

    /** The tenants' projections as last listed, without listing them (none if never listed). */
    synchronized List<StoreProjections> known() {
        return served;
    }

    /**
     * After a tick of {@code target} failed: whether its tenant was dropped, and then it is no longer served (logged
     * here, once). A tenant that still exists is served on, its failure retried as any other.
     */
    boolean dropped(StoreProjections target) {
        String tenant = target.tenant();
        boolean exists;
        try {
            exists = tenants.exists(tenant);
        } catch (RuntimeException e) {
            return false; // the database is unreachable: the failure is not the tenant's
        }
        if (exists) {
            return false;
        }
        boolean removed;
        synchronized (this) {
            List<StoreProjections> left = new ArrayList<>(served);
            removed = left.remove(target);
            served = List.copyOf(left);
        }
        if (removed) {
            LOG.info("Tenant {} was dropped: the projection daemon no longer serves it", tenant);
        }
        return true;
    }
}
