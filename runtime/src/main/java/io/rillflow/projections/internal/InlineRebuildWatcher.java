package io.rillflow.projections.internal;

import io.rillflow.internal.BoundedStop;
import io.rillflow.internal.LogContext;
import io.rillflow.projections.internal.ProjectionRegistrations.Registration;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Performs the rebuilds of a store's {@code INLINE} projections that were requested in the database (by
 * {@code store.admin()} or the {@code rillflow} command, from a process without the handler). The daemon performs the
 * requests of the projections it runs, but inline projections need no daemon, and an application that has only those
 * runs none; so the store starts this watcher, a thread of its own, when its first inline projection is registered,
 * and stops it when it closes. Every poll interval it reads which registered inline projections have a pending request
 * (one indexed lookup in {@code rf_projections}) and rebuilds each through {@link InlineRebuild#runIfRequested}, which
 * clears the request in the rebuild's transaction.
 *
 * <p>Every node that registered the projection watches, and more than one may see the same request: the rebuild's
 * lock on {@code rf_events} conflicts with itself, so they queue, and each reads the request again once it holds the
 * lock. The first rebuilds; the others find the request cleared and change nothing.
 */
final class InlineRebuildWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(InlineRebuildWatcher.class);

    private final ProjectionEngine engine;
    private final InlineRebuild rebuild;
    private final Supplier<List<Registration>> inline;
    private Thread thread;
    private boolean stopped;

    /** A watcher of the requests for the {@code inline} registrations of {@code engine}'s schema; start it once. */
    InlineRebuildWatcher(ProjectionEngine engine, Supplier<List<Registration>> inline) {
        this.engine = engine;
        this.rebuild = new InlineRebuild(engine);
        this.inline = inline;
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

    /** Rebuilds each registered inline projection whose rebuild is pending. */
    private void performPending() {
        Map<String, Registration> registered =
                inline.get().stream().collect(Collectors.toMap(r -> r.handler().name(), r -> r));
        if (registered.isEmpty()) {
            return;
        }
        for (String name : pending(List.copyOf(registered.keySet()))) {
            try (LogContext context = LogContext.projection(
                    null, engine.schema(), engine.options().nodeId(), name)) {
                perform(registered.get(name));
            }
        }
    }

    private void perform(Registration r) {
        String name = r.handler().name();
        try {
            if (!rebuild.runIfRequested(r.handler(), r.types())) {
                return; // another node performed it while this one waited for the lock, or it was withdrawn
            }
        } catch (RuntimeException e) {
            // Appends went on applying the projection meanwhile: nothing was lost, the read model is as it was.
            LOG.warn(
                    "The requested rebuild of inline projection {} failed and is retried in {} (withdraw it with:"
                            + " rillflow projections rebuild {} --cancel): {}",
                    name,
                    engine.options().pollInterval(),
                    name,
                    e.toString());
            return;
        }
        LOG.info("Rebuilt inline projection {} as requested", name);
    }

    private List<String> pending(List<String> names) {
        String statement = engine.statements().pendingRebuilds;
        return engine.database().withConnection(statement, c -> {
            try (PreparedStatement p = c.prepareStatement(statement)) {
                p.setArray(1, c.createArrayOf("text", names.toArray()));
                List<String> pending = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        pending.add(rs.getString(1));
                    }
                }
                return pending;
            }
        });
    }
}
