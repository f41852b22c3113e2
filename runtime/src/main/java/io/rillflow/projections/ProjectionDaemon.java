package io.rillflow.projections;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The daemon running on a background thread, from {@link Projections#start()}; close it to stop it gracefully. */
public final class ProjectionDaemon implements AutoCloseable {
    /** How long {@link #close()} waits for the running batch before interrupting the daemon's thread. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(ProjectionDaemon.class);

    private final AtomicBoolean stop;
    private final Thread thread;

    ProjectionDaemon(AtomicBoolean stop, Thread thread) {
        this.stop = stop;
        this.thread = thread;
    }

    /** Whether the daemon's thread is still running. */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /** Asks the daemon to stop after its running batch, without waiting. */
    void requestStop() {
        stop.set(true);
    }

    /** {@link #close(Duration)} with {@link #DEFAULT_CLOSE_TIMEOUT}. */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_TIMEOUT);
    }

    /**
     * Asks the daemon to stop and waits up to {@code timeout} for its running batch to finish and its leases to be
     * released. A daemon still running then (a handler that hangs) has its thread interrupted, so a handler waiting
     * in Java wakes up; its batch rolls back, and its leases lapse if it cannot release them.
     *
     * @return whether the daemon stopped within {@code timeout}
     */
    public boolean close(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        stop.set(true);
        try {
            thread.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            return true;
        }
        LOG.warn("Projection daemon still running {} after it was asked to stop; interrupting it", timeout);
        thread.interrupt();
        return false;
    }
}
