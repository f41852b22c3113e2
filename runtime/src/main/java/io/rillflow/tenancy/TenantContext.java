package io.rillflow.tenancy;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The tenant of the calling thread's work, set for the duration of a piece of work and read by the default
 * {@link TenantResolver}. Scoped, not set-and-forget: the previous tenant (usually none) is restored when the work
 * ends, however it ends, so a pooled thread never carries one request's tenant into the next. A thread the work
 * starts does not inherit it: set it again there.
 */
public final class TenantContext {
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private TenantContext() {}

    /** Runs {@code work} with {@code tenant} as the current tenant. */
    public static void run(String tenant, Runnable work) {
        Objects.requireNonNull(work, "work");
        String previous = enter(tenant);
        try {
            work.run();
        } finally {
            restore(previous);
        }
    }

    /** Calls {@code work} with {@code tenant} as the current tenant and returns what it returns. */
    public static <R> R call(String tenant, Supplier<R> work) {
        Objects.requireNonNull(work, "work");
        String previous = enter(tenant);
        try {
            return work.get();
        } finally {
            restore(previous);
        }
    }

    /** The calling thread's current tenant, if it runs inside {@link #run} or {@link #call}. */
    public static Optional<String> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    private static String enter(String tenant) {
        Objects.requireNonNull(tenant, "tenant");
        String previous = CURRENT.get();
        CURRENT.set(tenant);
        return previous;
    }

    private static void restore(String previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}
