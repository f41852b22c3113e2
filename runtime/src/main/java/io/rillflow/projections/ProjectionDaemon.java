package io.rillflow.projections;

import java.time.Duration;

/** The daemon running on a background thread, from {@link Projections#start()}; close it to stop it gracefully. */
public interface ProjectionDaemon extends AutoCloseable {
    /** How long {@link #close()} waits for the running batch before interrupting the daemon's thread. */
    Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    /** Whether the daemon's thread is still running. */
    boolean isRunning();

    /** {@link #close(Duration)} with {@link #DEFAULT_CLOSE_TIMEOUT}. */
    void close();

    /**
     * Asks the daemon to stop and waits up to {@code timeout} for its running batch to finish and its leases to be
     * released. A daemon still running then (a handler that hangs) has its thread interrupted, so a handler waiting
     * in Java wakes up; its batch rolls back, and its leases lapse if it cannot release them.
     *
     * @return whether the daemon stopped within {@code timeout}
     */
    boolean close(Duration timeout);
}
