package io.rillflow.metrics.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * What a store's features report: statement times, document reads and writes, appends, projection batches and
 * subscription deliveries. {@link #NONE}, the default, does nothing, and the hot paths ask it for nothing beyond one
 * call they can inline: a store given no meter registry pays no clock read, no map lookup and no allocation.
 *
 * <p>This interface names no Micrometer type, so the runtime loads and runs without Micrometer on the class path;
 * only {@link MicrometerMetrics}, created when the application gives a registry, does.
 */
public interface StoreMetrics {
    /** Measures nothing and logs no slow statement. */
    StoreMetrics NONE = new Unmetered(null);

    /** A store's metrics without a meter registry: nothing measured but the slow statements, if asked. */
    static StoreMetrics unmetered(Duration slowQueryThreshold) {
        return unmetered(slowQueryThreshold, false);
    }

    /** As {@link #unmetered(Duration)}, logging the plan of slow {@code SELECT}s when {@code explain}. */
    static StoreMetrics unmetered(Duration slowQueryThreshold, boolean explain) {
        return slowQueryThreshold == null ? NONE : new Unmetered(new SlowQueryLog(slowQueryThreshold, explain));
    }

    /** The plan of the statement just executed, read only when the slow statement log needs it. */
    @FunctionalInterface
    interface PlanSource {
        /** The {@code EXPLAIN} output, or a line saying why there is none; never throws. */
        String plan();
    }

    /** Whether {@link #statement} wants each statement's time; false means the statements skip the clock. */
    boolean timesStatements();

    /** One execution of {@code sql} took {@code nanos}. */
    void statement(String sql, long nanos);

    /** As {@link #statement(String, long)}; a slow statement's log line may carry the plan {@code plan} gives. */
    default void statement(String sql, long nanos, PlanSource plan) {
        statement(sql, nanos);
    }

    /** The meters of the documents stored as {@code name} (the {@code <name>} of {@code rf_doc_<name>}). */
    Documents documents(String name);

    /**
     * The metrics of {@code tenant}'s store: its statement, document, append, projection and subscription meters carry
     * a {@code tenant} tag.
     */
    StoreMetrics forTenant(String tenant);

    /** An append of {@code events} events committed. */
    void appended(int events);

    /** An append was refused because the stream's version was not the expected one. */
    void appendConflict();

    /** The meters of projection {@code name}. */
    Projection projection(String name);

    /** The meters of a subscription's consumer group. */
    Subscription subscription(String name, String group);

    /** The Micrometer {@code MeterRegistry} given to the store, or null; typed Object so this interface needs none. */
    Object registry();

    /** Counters of one document type. */
    interface Documents {
        Documents NONE = new Documents() {
            @Override
            public void read() {}

            @Override
            public void written(long count) {}

            @Override
            public void conflicts(long count) {}
        };

        /** A get or load by id. */
        void read();

        /** {@code count} documents put, inserted, updated, patched, deleted, soft-deleted or restored. */
        void written(long count);

        /** {@code count} writes refused for a stale expected version. */
        void conflicts(long count);
    }

    /** Meters of one projection, fed by the daemon's batches on this node. */
    interface Projection {
        Projection NONE = new Projection() {
            @Override
            public void batch(int events, long nanos, long lag) {}

            @Override
            public void deadLettered() {}

            @Override
            public void leaseHeld(boolean held) {}

            @Override
            public void behindSince(Instant since) {}
        };

        /** A batch of {@code events} committed after {@code nanos}, leaving {@code lag} log positions to read. */
        void batch(int events, long nanos, long lag);

        /** An event failed its last attempt and became a dead letter. */
        void deadLettered();

        /** Whether this node holds the projection's lease, as its last tick or release found. */
        void leaseHeld(boolean held);

        /**
         * After a batch: the time of the last event it applied when events are left to read (the lag in seconds grows
         * from there until the next batch), or null when the batch reached the end of the log.
         */
        void behindSince(Instant since);
    }

    /** Meters of one subscription's consumer group, fed by this node's workers. */
    interface Subscription {
        Subscription NONE = new Subscription() {
            @Override
            public void delivered(int events) {}

            @Override
            public void acknowledged(int events) {}
        };

        /** {@code events} events were handed to the handler. */
        void delivered(int events);

        /** {@code events} delivered events were acknowledged. */
        void acknowledged(int events);
    }
}
