package io.rillflow.projections;

import java.util.concurrent.atomic.AtomicBoolean;

/** The daemon running on a background thread, from {@link Projections#start()}; close it to stop it gracefully. */
public final class ProjectionDaemon implements AutoCloseable {
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

    /** Asks the daemon to stop and waits until its running batches have finished and its leases are released. */
    @Override
    public void close() {
        stop.set(true);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
