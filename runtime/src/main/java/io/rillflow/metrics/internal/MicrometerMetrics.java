package io.rillflow.metrics.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store's meters on a Micrometer registry, every name under {@code rillflow.} (docs/metrics.md lists them). Meters
 * with a name tag are created on first use and kept, so a hot path costs one map lookup at most; the statement timers
 * are created up front, one per {@link StatementKind}.
 */
public final class MicrometerMetrics implements StoreMetrics {
    private final MeterRegistry registry;
    private final SlowQueryLog slow;
    private final Map<StatementKind, Timer> statementTimers = new EnumMap<>(StatementKind.class);
    private final Map<StatementKind, Counter> slowStatements = new EnumMap<>(StatementKind.class);
    private final Counter appends;
    private final Counter appendedEvents;
    private final Counter appendConflicts;
    private final Map<String, Documents> documents = new ConcurrentHashMap<>();
    private final Map<String, Projection> projections;
    private final Map<String, Subscription> subscriptions;
    private final Map<String, MicrometerMetrics> tenants = new ConcurrentHashMap<>();
    /**
     * The tags every document, append, projection and subscription meter carries: none for the store, its tenant for a
     * tenant's store.
     */
    private final Tags scope;

    /**
     * Meters on {@code registry}; with {@code slowQueryThreshold} (null: none), statements that take longer are
     * logged and counted.
     */
    public MicrometerMetrics(MeterRegistry registry, Duration slowQueryThreshold) {
        this(registry, slowQueryThreshold, false);
    }

    /** As {@link #MicrometerMetrics(MeterRegistry, Duration)}, logging the plan of slow {@code SELECT}s if asked. */
    public MicrometerMetrics(MeterRegistry registry, Duration slowQueryThreshold, boolean explainSlow) {
        this.registry = registry;
        this.slow = slowQueryThreshold == null ? null : new SlowQueryLog(slowQueryThreshold, explainSlow);
        this.projections = new ConcurrentHashMap<>();
        this.subscriptions = new ConcurrentHashMap<>();
        this.scope = Tags.empty();
        statementMeters();
        this.appends = appendCounter("rillflow.events.appends", "appends committed");
        this.appendedEvents = appendCounter("rillflow.events.appended", "events committed by appends");
        this.appendConflicts =
                appendCounter("rillflow.events.conflicts", "appends refused for an unexpected stream version");
    }

    /** {@code store}'s metrics for one tenant: every meter tagged with the tenant. */
    private MicrometerMetrics(MicrometerMetrics store, String tenant) {
        this.registry = store.registry;
        this.slow = store.slow;
        this.projections = new ConcurrentHashMap<>();
        this.subscriptions = new ConcurrentHashMap<>();
        this.scope = Tags.of("tenant", tenant);
        statementMeters();
        this.appends = appendCounter("rillflow.events.appends", "appends committed");
        this.appendedEvents = appendCounter("rillflow.events.appended", "events committed by appends");
        this.appendConflicts =
                appendCounter("rillflow.events.conflicts", "appends refused for an unexpected stream version");
    }

    /** The statement timers, and the slow statement counters if asked for, of this scope: one per kind. */
    private void statementMeters() {
        for (StatementKind kind : StatementKind.values()) {
            statementTimers.put(
                    kind,
                    Timer.builder("rillflow.query.duration")
                            .description("time to execute one statement and receive its result")
                            .tags(scope)
                            .tag("kind", kind.tag)
                            .register(registry));
            if (slow != null) {
                slowStatements.put(
                        kind,
                        Counter.builder("rillflow.query.slow")
                                .description("statements over the slow statement threshold")
                                .tags(scope)
                                .tag("kind", kind.tag)
                                .register(registry));
            }
        }
    }

    private Counter appendCounter(String name, String description) {
        return Counter.builder(name).description(description).tags(scope).register(registry);
    }

    @Override
    public StoreMetrics forTenant(String tenant) {
        // One per tenant, so a tenant's gauges (subscription pending, say) have one source however often it is asked.
        return tenants.computeIfAbsent(tenant, t -> new MicrometerMetrics(this, t));
    }

    /** Has the store's own pool report through HikariCP's Micrometer tracker ({@code hikaricp.connections.*}). */
    public static void trackPool(HikariConfig config, MeterRegistry registry) {
        config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
    }

    @Override
    public boolean timesStatements() {
        return true;
    }

    @Override
    public void statement(String sql, long nanos) {
        statement(sql, nanos, null);
    }

    @Override
    public void statement(String sql, long nanos, PlanSource plan) {
        StatementKind kind = StatementKind.of(sql);
        statementTimers.get(kind).record(nanos, TimeUnit.NANOSECONDS);
        if (slow != null && slow.check(sql, nanos, plan)) {
            slowStatements.get(kind).increment();
        }
    }

    @Override
    public Documents documents(String name) {
        return documents.computeIfAbsent(name, this::newDocuments);
    }

    private Documents newDocuments(String name) {
        Tags tags = scope.and("document", name);
        Counter reads = Counter.builder("rillflow.documents.reads")
                .description("documents read by id")
                .tags(tags)
                .register(registry);
        Counter writes = Counter.builder("rillflow.documents.writes")
                .description("document writes")
                .tags(tags)
                .register(registry);
        Counter conflicts = Counter.builder("rillflow.documents.conflicts")
                .description("document writes refused for a stale expected version")
                .tags(tags)
                .register(registry);
        return new Documents() {
            @Override
            public void read() {
                reads.increment();
            }

            @Override
            public void written(long count) {
                writes.increment(count);
            }

            @Override
            public void conflicts(long count) {
                conflicts.increment(count);
            }
        };
    }

    @Override
    public void appended(int events) {
        appends.increment();
        appendedEvents.increment(events);
    }

    @Override
    public void appendConflict() {
        appendConflicts.increment();
    }

    @Override
    public Projection projection(String name) {
        return projections.computeIfAbsent(name, this::newProjection);
    }

    private Projection newProjection(String name) {
        Tags tags = scope.and("projection", name);
        Counter events = Counter.builder("rillflow.projection.events")
                .description("events applied by this node's daemon")
                .tags(tags)
                .register(registry);
        Timer batches = Timer.builder("rillflow.projection.batch.duration")
                .description("time of one committed batch, from locking the projection to committing")
                .tags(tags)
                .register(registry);
        Counter deadLettered = Counter.builder("rillflow.projection.dead.lettered")
                .description("events that became dead letters on this node")
                .tags(tags)
                .register(registry);
        AtomicLong lag = new AtomicLong();
        AtomicLong lease = new AtomicLong();
        Gauge.builder("rillflow.projection.lease.held", lease, AtomicLong::get)
                .description("1 while this node holds the projection's lease, as of its last tick")
                .tags(tags)
                .strongReference(true)
                .register(registry);
        // The same name as ProjectionMetrics' gauge, so a registry never holds two meanings of one name; a registry
        // keeps the gauge registered first.
        Gauge.builder("rillflow.projection.lag.events", lag, AtomicLong::get)
                .description("log positions after the checkpoint, as of the last batch")
                .tags(tags)
                .strongReference(true)
                .register(registry);
        // 0: caught up. Else the epoch millisecond of the last event applied while more were left to read.
        AtomicLong behindSince = new AtomicLong();
        Gauge.builder("rillflow.projection.lag.seconds", behindSince, MicrometerMetrics::secondsSince)
                .description("seconds since the last event applied while more were left, as of the last batch;"
                        + " 0 when caught up")
                .tags(tags)
                .strongReference(true)
                .register(registry);
        return new Projection() {
            @Override
            public void behindSince(Instant since) {
                behindSince.set(since == null ? 0 : Math.max(1, since.toEpochMilli()));
            }

            @Override
            public void batch(int applied, long nanos, long behind) {
                events.increment(applied);
                batches.record(nanos, TimeUnit.NANOSECONDS);
                lag.set(behind);
            }

            @Override
            public void deadLettered() {
                deadLettered.increment();
            }

            @Override
            public void leaseHeld(boolean held) {
                lease.set(held ? 1 : 0);
            }
        };
    }

    private static double secondsSince(AtomicLong epochMillis) {
        long since = epochMillis.get();
        return since == 0 ? 0 : Math.max(0, System.currentTimeMillis() - since) / 1000.0;
    }

    @Override
    public Subscription subscription(String name, String group) {
        return subscriptions.computeIfAbsent(name + '\u0000' + group, key -> newSubscription(name, group));
    }

    private Subscription newSubscription(String name, String group) {
        Tags tags = scope.and("subscription", name).and("group", group);
        Counter delivered = Counter.builder("rillflow.subscription.delivered")
                .description("events handed to this node's handlers")
                .tags(tags)
                .register(registry);
        Counter acknowledged = Counter.builder("rillflow.subscription.acknowledged")
                .description("delivered events acknowledged on this node")
                .tags(tags)
                .register(registry);
        AtomicLong pending = new AtomicLong();
        Gauge.builder("rillflow.subscription.pending", pending, AtomicLong::get)
                .description("events delivered on this node and not acknowledged yet")
                .tags(tags)
                .strongReference(true)
                .register(registry);
        return new Subscription() {
            @Override
            public void delivered(int events) {
                delivered.increment(events);
                pending.addAndGet(events);
            }

            @Override
            public void acknowledged(int events) {
                acknowledged.increment(events);
                pending.addAndGet(-events);
            }
        };
    }

    @Override
    public Object registry() {
        return registry;
    }
}
