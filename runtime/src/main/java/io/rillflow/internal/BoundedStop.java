package io.rillflow.internal;

import java.time.Duration;
import org.slf4j.Logger;

/**
 * The one shutdown rule of the store's background threads (projection daemons, push subscription workers): wait up
 * to a timeout for the thread to end by itself, then interrupt it, so a handler stuck in user code never makes
 * {@code close()} hang.
 */
public final class BoundedStop {
    private BoundedStop() {}

    /**
     * Waits up to {@code timeout} for {@code thread} to end, then interrupts it (logging {@code what} on {@code log}).
     *
     * @return whether the thread ended within the timeout
     */
    public static boolean join(Thread thread, Duration timeout, Logger log, String what) {
        try {
            thread.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            return true;
        }
        log.warn("{} still running {} after it was asked to stop; interrupting it", what, timeout);
        thread.interrupt();
        return false;
    }
}
