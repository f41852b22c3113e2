package io.rillflow.projections.internal;

import io.rillflow.internal.LogContext;
import io.rillflow.internal.LogListener;
import io.rillflow.projections.TickResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's loop on one node: ticks every projection of every target (the store's own schema and, with
 * schema-per-tenant tenancy, each served tenant's) in rounds on a pool of {@code concurrency} threads, goes straight
 * on while there is work, and otherwise sleeps until an append's NOTIFY arrives on any target's schema or the poll
 * interval passes (the fallback when notifications are lost, e.g. while the listening connection reconnects). On stop
 * it lets the running round finish (each batch commits or rolls back) and releases this node's leases.
 */
public final class ProjectionLoop {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectionLoop.class);
    /** The wait while the log has positions whose writers may still be in flight. */
    private static final int PENDING_WAIT_MILLIS = 20;

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ProjectionEngine engine;
    private final TenantDaemon tenants;
    private final LogListener listener;
    private final LeaseShare share;

    /** One tick of one projection of one target. */
    private record Tick(LeaseShare.Lease lease, boolean takeFree, Future<TickResult> result) {}

    /**
     * A loop over the projections of {@code engine}'s store; run it once.
     *
     * @param tenants the tenants served besides, or null
     */
    ProjectionLoop(ProjectionEngine engine, TenantDaemon tenants) {
        this.engine = engine;
        this.tenants = tenants;
        this.listener = new LogListener(engine.database().dataSource(), engine.schema(), "Projection");
        this.share = new LeaseShare(engine.database(), engine.schema(), engine.options());
    }

    /**
     * Runs until {@code stop} returns true or the thread is interrupted.
     *
     * @param targets the projections to run, read again each round so registrations and tenants added meanwhile are
     *     picked up
     */
    void run(BooleanSupplier stop, Supplier<List<StoreProjections>> targets) {
        int concurrency = engine.options().concurrency();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "rillflow-projections-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        List<StoreProjections> current = targets.get();
        try {
            listener.listenTo(schemas(current));
            listener.listenQuietly(); // before the first round, so no append between it and the first wait is missed
            // An interrupt also stops the loop (gracefully, like the stop signal).
            while (!stop.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
                current = targets.get();
                listener.listenTo(schemas(current));
                boolean busy = round(workers, current);
                if (!busy) {
                    long waitMillis =
                            current.stream().anyMatch(t -> t.engine().reader().hasPending())
                                    ? PENDING_WAIT_MILLIS
                                    : engine.options().pollInterval().toMillis();
                    listener.await(stop, waitMillis);
                }
            }
        } finally {
            // Idle workers after a stop; after an interrupt (a close that timed out), a handler still running is
            // interrupted too, so its batch rolls back and frees the projection's row for the release below.
            workers.shutdownNow();
            listener.close();
            for (StoreProjections target : current) {
                for (String name : target.daemonNames()) {
                    release(target, name);
                }
            }
            share.leave();
        }
    }

    private static List<String> schemas(List<StoreProjections> targets) {
        return targets.stream().map(StoreProjections::schema).toList();
    }

    /** Releases a lease, once more on a fresh connection if the pooled one turned out dead; else it expires. */
    private static void release(StoreProjections target, String name) {
        try (LogContext scope = target.logContext(name)) {
            for (int attempt = 1; ; attempt++) {
                try {
                    target.engine().release(name);
                    return;
                } catch (RuntimeException e) {
                    if (attempt == 2) {
                        LOG.warn(
                                "Could not release the lease of projection {}; it expires by itself: {}",
                                name,
                                e.getMessage());
                        return;
                    }
                }
            }
        }
    }

    private boolean round(ExecutorService workers, List<StoreProjections> targets) {
        List<LeaseShare.Lease> leases = new ArrayList<>();
        for (StoreProjections target : targets) {
            for (String name : target.daemonNames()) {
                leases.add(new LeaseShare.Lease(target, name));
            }
        }
        Set<String> mayTake = share.beforeRound(leases);
        List<Tick> ticks = new ArrayList<>();
        for (LeaseShare.Lease lease : leases) {
            boolean takeFree = mayTake.contains(lease.key());
            ticks.add(new Tick(
                    lease, takeFree, workers.submit(() -> lease.target().tickOnce(lease.name(), takeFree))));
        }
        boolean busy = false;
        for (Tick tick : ticks) {
            try {
                TickResult result = tick.result().get();
                share.ticked(tick.lease(), result.outcome(), tick.takeFree());
                busy |= result.more() || result.outcome() == TickResult.Outcome.DEAD_LETTERED;
            } catch (ExecutionException e) {
                share.failed(tick.lease());
                failed(tick, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return busy;
    }

    private void failed(Tick tick, Throwable error) {
        StoreProjections target = tick.lease().target();
        try (LogContext scope = target.logContext(tick.lease().name())) {
            if (tenants != null && target.tenant() != null && tenants.dropped(target)) {
                return; // logged once by the tenant daemon; its other projections' failures say nothing more
            }
            LOG.warn("Projection {} failed a tick; retrying: {}", tick.lease().name(), error.toString());
        }
    }
}
