package io.rillflow.projections.internal;

import io.rillflow.internal.LogContext;
import io.rillflow.projections.ProjectionDaemon;
import io.rillflow.projections.ProjectionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background work of a store's projections on this node: the daemons {@code start()} started (the root store's
 * and its tenants'), the watcher that performs requested rebuilds of inline projections, and the leases they leave
 * behind. One per store the builder made, shared by its tenants' projections; its close stops them all.
 */
final class ProjectionDaemons {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectionDaemons.class);

    private final Set<DaemonThread> daemons = ConcurrentHashMap.newKeySet();
    private final InlineRebuildWatcher inlineRebuilds;

    ProjectionDaemons(InlineRebuildWatcher inlineRebuilds) {
        this.inlineRebuilds = inlineRebuilds;
    }

    /** Runs {@code loop} on a new daemon thread named {@code threadName} until the returned daemon is closed. */
    ProjectionDaemon start(Consumer<BooleanSupplier> loop, String threadName) {
        AtomicBoolean stop = new AtomicBoolean();
        Thread thread = new Thread(() -> loop.accept(stop::get), threadName);
        thread.setDaemon(true);
        DaemonThread daemon = new DaemonThread(stop, thread);
        daemons.removeIf(d -> !d.isRunning());
        daemons.add(daemon);
        thread.start();
        return daemon;
    }

    /** Starts watching for requested rebuilds of inline projections, once (at the first inline registration). */
    void watchInlineRebuilds() {
        inlineRebuilds.start();
    }

    /**
     * The readiness of the daemons for {@code /health/ready}: whether one should run and does, and the lease of each
     * of {@code names} as {@code nodeId} sees it in {@code status} (one status read per projection).
     */
    DaemonReadiness readiness(List<String> names, Function<String, ProjectionStatus> status, String nodeId) {
        List<DaemonThread> wanted =
                daemons.stream().filter(d -> !d.stopRequested()).toList();
        if (wanted.isEmpty()) {
            return new DaemonReadiness(false, false, Map.of());
        }
        Map<String, String> leases = new TreeMap<>();
        Instant now = Instant.now();
        for (String name : names) {
            ProjectionStatus s = status.apply(name);
            boolean leased = s.leaseHolder() != null
                    && s.leaseExpires() != null
                    && s.leaseExpires().isAfter(now);
            leases.put(name, !leased ? "free" : s.leaseHolder().equals(nodeId) ? "held" : "standby");
        }
        return new DaemonReadiness(true, wanted.stream().allMatch(DaemonThread::isRunning), leases);
    }

    /**
     * Stops every running daemon and the inline rebuild watcher, all within {@code timeout}: each daemon is asked to
     * stop first, so their running batches finish side by side; see {@link ProjectionDaemon#close(Duration)}.
     */
    void stop(Duration timeout) {
        List<DaemonThread> running = List.copyOf(daemons);
        running.forEach(DaemonThread::requestStop);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (DaemonThread daemon : running) {
            daemon.close(left(deadline));
        }
        daemons.removeAll(running);
        inlineRebuilds.stop(left(deadline));
    }

    /** Gives up the leases this node holds on the daemon projections of {@code targets}; see the store's close. */
    void releaseLeases(List<StoreProjections> targets) {
        for (StoreProjections target : targets) {
            for (String name : target.daemonNames()) {
                try (LogContext context = target.logContext(name)) {
                    release(target.engine(), name);
                }
            }
        }
    }

    private static void release(ProjectionEngine engine, String name) {
        try {
            engine.release(name);
        } catch (RuntimeException e) {
            LOG.warn("Could not release the lease of projection {}; it expires by itself: {}", name, e.toString());
        }
    }

    private static Duration left(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }
}
