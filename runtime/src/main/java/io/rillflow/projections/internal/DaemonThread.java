package io.rillflow.projections.internal;

import io.rillflow.internal.BoundedStop;
import io.rillflow.projections.ProjectionDaemon;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A projection daemon's background thread and its stop flag. */
public final class DaemonThread implements ProjectionDaemon {
    private static final Logger LOG = LoggerFactory.getLogger(DaemonThread.class);

    private final AtomicBoolean stop;
    private final Thread thread;

    DaemonThread(AtomicBoolean stop, Thread thread) {
        this.stop = stop;
        this.thread = thread;
    }

    @Override
    public boolean isRunning() {
        return thread.isAlive();
    }

    /** Whether someone asked the daemon to stop: a daemon not running without it ended by failing. */
    boolean stopRequested() {
        return stop.get();
    }

    /** Asks the daemon to stop after its running batch, without waiting. */
    void requestStop() {
        stop.set(true);
    }

    @Override
    public void close() {
        close(DEFAULT_CLOSE_TIMEOUT);
    }

    @Override
    public boolean close(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        stop.set(true);
        return BoundedStop.join(thread, timeout, LOG, "Projection daemon");
    }
}
