package io.rillflow.projections.internal;

import io.rillflow.internal.BoundedStop;
import io.rillflow.internal.LogContext;
import io.rillflow.projections.internal.ProjectionRegistrations.Registration;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Performs the rebuilds of a store's {@code INLINE} projections that were requested in the database (by
 * {@code store.admin()} or the {@code rillflow} command, from a process without the handler). The daemon performs the
 * requests of the projections it runs, but inline projections need no daemon, and an application that has only those
 * runs none; so the store starts this watcher, a thread of its own, when its first inline projection is registered,
 * and stops it when it closes. Every poll interval it reads which registered inline projections have a pending request
 * (one query: an indexed lookup in {@code rf_projections} of the store's schema and, with a schema per tenant, of each
 * tenant's schema its daemon serves, listed as the daemon lists them, where it first creates the projections' rows,
 * once, so that a request can be made there) and rebuilds each in its schema through
 * {@link InlineRebuild#runIfRequested}, which clears the request in the rebuild's transaction.
 *
 * <p>Every node that registered the projection watches, and more than one may see the same request: the rebuild's
 * lock on {@code rf_events} conflicts with itself, so they queue, and each reads the request again once it holds the
 * lock. The first rebuilds; the others find the request cleared and change nothing.
 */
final class InlineRebuildWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(InlineRebuildWatcher.class);

    private final StoreProjections root;
    private final ProjectionEngine engine;
    private final Supplier<List<Registration>> inline;
    private final Supplier<List<StoreProjections>> tenants;
    private Thread thread;
    private boolean stopped;

    /**
     * A watcher of the requests for the {@code inline} registrations of {@code root}'s schema and of the schemas of
     * {@code tenants} (none without schema-per-tenant tenancy); start it once.
     */
    InlineRebuildWatcher(
            StoreProjections root,
            ProjectionEngine engine,
            Supplier<List<Registration>> inline,
            Supplier<List<StoreProjections>> tenants) {
        this.root = root;
        this.engine = engine;
        this.inline = inline;
        this.tenants = tenants;
    }
    /** Starts watching, unless it is watching already or was stopped. */
    synchronized void start() {
        if (thread != null || stopped) {
            return;
        }
        thread = new Thread(this::run, "rillflow-inline-rebuilds-" + engine.schema());
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops watching, waiting up to {@code timeout} for a rebuild in progress; it cannot be started again. */
    void stop(Duration timeout) {
        Thread running;
        synchronized (this) {
            stopped = true;
            running = thread;
            notifyAll();
        }
        if (running != null) {
            BoundedStop.join(running, timeout, LOG, "The inline rebuild watcher");
        }
    }

    /** Looks every poll interval, the first time one interval after the start, so registering stays cheap. */
    private void run() {
        while (pause()) {
            try {
                performPending();
            } catch (RuntimeException e) {
                LOG.warn("Could not look for requested rebuilds of inline projections; retrying: {}", e.toString());
            }
        }
    }

    /** Waits one poll interval; false if stopped or interrupted meanwhile. */
    private synchronized boolean pause() {
        try {
            if (!stopped) {
                wait(engine.options().pollInterval().toMillis());
            }
        } catch (InterruptedException e) {
            return false;
        }
        return !stopped;
    }

    /** Rebuilds each registered inline projection whose rebuild is pending, in each watched schema. */
    private void performPending() {
        List<String> names = inline.get().stream().map(r -> r.handler().name()).toList();
        if (names.isEmpty()) {
            return;
        }
        List<StoreProjections> targets = new ArrayList<>();
        targets.add(root);
        for (StoreProjections tenant : tenants.get()) {
            // A request in a tenant's schema needs the projection's row there, which nothing else may have made.
            names.forEach(tenant::ensureRow);
            targets.add(tenant);
        }
        List<Pending> pending = pending(targets, names);
        for (Pending p : pending) {
            try (LogContext context = p.target().logContext(p.name())) {
                perform(p.target(), p.name());
            }
        }
    }

    private void perform(StoreProjections target, String name) {
        Registration r = target.registration(name);
        try {
            if (!new InlineRebuild(target.engine()).runIfRequested(r.handler(), r.types())) {
                return; // another node performed it while this one waited for the lock, or it was withdrawn
            }
        } catch (RuntimeException e) {
            // Appends went on applying the projection meanwhile: nothing was lost, the read model is as it was.
            LOG.warn(
                    "The requested rebuild of inline projection {} in schema {} failed and is retried in {} (withdraw"
                            + " it with: rillflow projections rebuild {} --cancel{}): {}",
                    name,
                    target.schema(),
                    engine.options().pollInterval(),
                    name,
                    target.tenant() == null ? "" : " --tenant=" + target.tenant(),
                    e.toString());
            return;
        }
        LOG.info("Rebuilt inline projection {} in schema {} as requested", name, target.schema());
    }

    /** A pending request: projection {@code name} in the schema of {@code target}. */
    private record Pending(StoreProjections target, String name) {}

    /** The pending requests of {@code names} in every target's schema, read in one statement. */
    private List<Pending> pending(List<StoreProjections> targets, List<String> names) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < targets.size(); i++) {
            sql.append(i == 0 ? "" : " union all ")
                    .append("select ")
                    .append(i)
                    .append(", name from (")
                    .append(targets.get(i).engine().statements().pendingRebuilds)
                    .append(") p")
                    .append(i);
        }
        String statement = sql.toString();
        return engine.database().withConnection(statement, c -> {
            try (PreparedStatement p = c.prepareStatement(statement)) {
                Array array = c.createArrayOf("text", names.toArray());
                for (int i = 0; i < targets.size(); i++) {
                    p.setArray(i + 1, array);
                }
                List<Pending> pending = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        pending.add(new Pending(targets.get(rs.getInt(1)), rs.getString(2)));
                    }
                }
                return pending;
            }
        });
    }
}
