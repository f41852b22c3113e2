package io.rillflow.projections.internal;

import io.rillflow.internal.LogContext;
import io.rillflow.internal.LogListener;
import io.rillflow.projections.TickResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's loop on one node: ticks every projection in rounds on a pool of {@code concurrency} threads, goes
 * straight on while there is work, and otherwise sleeps until an append's NOTIFY arrives or the poll interval
 * passes (the fallback when notifications are lost, e.g. while the listening connection reconnects). On stop it
 * lets the running round finish (each batch commits or rolls back) and releases this node's leases.
 */
public final class ProjectionLoop {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectionLoop.class);
    /** The wait while the log has positions whose writers may still be in flight. */
    private static final int PENDING_WAIT_MILLIS = 20;

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ProjectionEngine engine;
    private final LogListener listener;

    /** A loop over {@code engine}'s projections; run it once. */
    public ProjectionLoop(ProjectionEngine engine) {
        this.engine = engine;
        this.listener = new LogListener(engine.database().dataSource(), engine.schema(), "Projection");
    }

    /**
     * Runs until {@code stop} returns true or the thread is interrupted.
     *
     * @param names the projections to run, read again each round so registrations made meanwhile are picked up
     * @param tick ticks one projection by name
     */
    public void run(BooleanSupplier stop, Supplier<List<String>> names, Function<String, TickResult> tick) {
        int concurrency = engine.options().concurrency();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "rillflow-projections-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            listener.listenQuietly(); // before the first round, so no append between it and the first wait is missed
            // An interrupt also stops the loop (gracefully, like the stop signal).
            while (!stop.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
                boolean busy = round(workers, names.get(), tick);
                if (!busy) {
                    long waitMillis = engine.reader().hasPending()
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
            for (String name : names.get()) {
                release(name);
            }
        }
    }

    /** Releases a lease, once more on a fresh connection if the pooled one turned out dead; else it expires. */
    private void release(String name) {
        try (LogContext scope = StoreProjections.logContext(engine, name)) {
            releaseInContext(name);
        }
    }

    private void releaseInContext(String name) {
        for (int attempt = 1; ; attempt++) {
            try {
                engine.release(name);
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

    private boolean round(ExecutorService workers, List<String> names, Function<String, TickResult> tick) {
        List<Future<TickResult>> ticks = new ArrayList<>();
        for (String name : names) {
            ticks.add(workers.submit(() -> tick.apply(name)));
        }
        boolean busy = false;
        for (int i = 0; i < ticks.size(); i++) {
            try {
                TickResult result = ticks.get(i).get();
                busy |= result.more() || result.outcome() == TickResult.Outcome.DEAD_LETTERED;
            } catch (ExecutionException e) {
                try (LogContext scope = StoreProjections.logContext(engine, names.get(i))) {
                    LOG.warn(
                            "Projection {} failed a tick; retrying: {}",
                            names.get(i),
                            e.getCause().toString());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return busy;
    }
}
