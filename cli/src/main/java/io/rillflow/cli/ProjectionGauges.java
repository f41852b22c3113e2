package io.rillflow.cli;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.rillflow.admin.StoreAdmin;
import io.rillflow.projections.ProjectionStatus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The status of every projection stored in the schema, from its row, as the gauges {@code ProjectionMetrics} publishes
 * in an application (same names and tag): so {@code rillflow serve} shows each projection's lag, dead letters and
 * pause without the application's handlers. One status read per projection per second at most, however many gauges a
 * scrape reads; a projection that is gone reads as NaN.
 */
final class ProjectionGauges {
    private static final long MAX_AGE_NANOS = 1_000_000_000L;

    private record Snapshot(ProjectionStatus status, long readAt) {}

    private final StoreAdmin admin;
    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();

    private ProjectionGauges(StoreAdmin admin) {
        this.admin = admin;
    }

    /** Registers the gauges of the projections stored now; returns how many projections. */
    static int bind(StoreAdmin admin, MeterRegistry registry) {
        return bind(admin, registry, admin.projectionNames());
    }

    /** Registers the gauges of the projections {@code names}; returns how many projections. */
    static int bind(StoreAdmin admin, MeterRegistry registry, List<String> names) {
        ProjectionGauges gauges = new ProjectionGauges(admin);
        for (String name : names) {
            gauges.gauge(registry, name, "rillflow.projection.checkpoint", ProjectionStatus::checkpoint);
            gauges.gauge(registry, name, "rillflow.projection.head", ProjectionStatus::head);
            gauges.gauge(registry, name, "rillflow.projection.lag.events", ProjectionStatus::lagEvents);
            gauges.gauge(
                    registry,
                    name,
                    "rillflow.projection.lag.seconds",
                    s -> s.lagTime().toMillis() / 1000.0);
            gauges.gauge(registry, name, "rillflow.projection.dead.letters", ProjectionStatus::deadLetters);
            gauges.gauge(registry, name, "rillflow.projection.paused", s -> s.paused() ? 1 : 0);
            gauges.gauge(registry, name, "rillflow.projection.attempts", ProjectionStatus::attempts);
        }
        return names.size();
    }

    private void gauge(
            MeterRegistry registry, String projection, String meter, ToDoubleFunction<ProjectionStatus> value) {
        Gauge.builder(meter, this, g -> g.read(projection, value))
                .strongReference(true)
                .tags(Tags.of("projection", projection))
                .register(registry);
    }

    private double read(String projection, ToDoubleFunction<ProjectionStatus> value) {
        long now = System.nanoTime();
        Snapshot snapshot = snapshots.get(projection);
        if (snapshot == null || now - snapshot.readAt() > MAX_AGE_NANOS) {
            try {
                snapshot = new Snapshot(admin.projectionStatus(projection), now);
            } catch (RuntimeException e) {
                return Double.NaN; // dropped meanwhile, or the database is down: /health/ready says which
            }
            snapshots.put(projection, snapshot);
        }
        return value.applyAsDouble(snapshot.status());
    }
}
