package io.rillflow.internal;

import java.time.Duration;

/** Exponential backoff shared by the projection daemon and subscription workers. */
public final class Backoff {
    private Backoff() {}

    /** The wait before retry number {@code attempts + 1}: doubling from {@code base}, never above {@code cap}. */
    public static Duration after(Duration base, Duration cap, int attempts) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 30);
        Duration wait = base.multipliedBy(1L << doublings);
        return wait.compareTo(cap) > 0 ? cap : wait;
    }
}
