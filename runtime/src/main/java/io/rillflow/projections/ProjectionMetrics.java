package io.rillflow.projections;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Publishes each registered projection's status as Micrometer gauges, tagged {@code projection=<name>}:
 *
 * <ul>
 *   <li>{@code rillflow.projection.checkpoint} and {@code rillflow.projection.head}: log positions;
 *   <li>{@code rillflow.projection.lag.events} and {@code rillflow.projection.lag.seconds}: what is left to apply;
 *   <li>{@code rillflow.projection.dead.letters}, {@code rillflow.projection.paused} (1 or 0) and
 *       {@code rillflow.projection.attempts} (failures of the next event so far).
 * </ul>
 *
 * The gauges read {@link Projections#status(String)}, at most once per projection per {@code maxAge} however many
 * gauges a scrape reads. Needs {@code io.micrometer:micrometer-core} on the class path (an optional dependency of
 * Rillflow); nothing else in Rillflow loads this class.
 */
public final class ProjectionMetrics {
    private record Snapshot(ProjectionStatus status, long readAt) {}

    private final Projections projections;
    private final long maxAgeNanos;
    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();

    private ProjectionMetrics(Projections projections, Duration maxAge) {
        this.projections = projections;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /**
     * Registers the gauges of every projection registered now with {@code store.projections()}; call it again after
     * registering more.
     *
     * @param maxAge how long one status read serves the gauges (e.g. a second, below the scrape interval)
     */
    public static ProjectionMetrics bind(Projections projections, MeterRegistry registry, Duration maxAge) {
        Objects.requireNonNull(registry, "registry");
        ProjectionMetrics metrics = new ProjectionMetrics(Objects.requireNonNull(projections, "projections"), maxAge);
        for (String name : projections.names()) {
            metrics.gauge(
                    registry,
                    name,
                    "rillflow.projection.checkpoint",
                    "log position last processed",
                    ProjectionStatus::checkpoint);
            metrics.gauge(registry, name, "rillflow.projection.head", "highest log position", ProjectionStatus::head);
            metrics.gauge(
                    registry,
                    name,
                    "rillflow.projection.lag.events",
                    "events of its types not applied yet",
                    ProjectionStatus::lagEvents);
            metrics.gauge(
                    registry,
                    name,
                    "rillflow.projection.lag.seconds",
                    "age of the oldest event not applied",
                    s -> s.lagTime().toMillis() / 1000.0);
            metrics.gauge(
                    registry, name, "rillflow.projection.dead.letters", "dead letters", ProjectionStatus::deadLetters);
            metrics.gauge(registry, name, "rillflow.projection.paused", "1 if paused", s -> s.paused() ? 1 : 0);
            metrics.gauge(
                    registry,
                    name,
                    "rillflow.projection.attempts",
                    "failures of the next event so far",
                    ProjectionStatus::attempts);
        }
        return metrics;
    }

    private void gauge(
            MeterRegistry registry,
            String projection,
            String meter,
            String description,
            ToDoubleFunction<ProjectionStatus> value) {
        Gauge.builder(meter, this, m -> value.applyAsDouble(m.status(projection)))
                // Micrometer holds a gauge's object weakly by default; callers rarely keep bind's result, so without
                // a strong reference a garbage collection turns every gauge into NaN.
                .strongReference(true)
                .description(description)
                .tags(Tags.of("projection", projection))
                .register(registry);
    }

    private ProjectionStatus status(String projection) {
        long now = System.nanoTime();
        Snapshot snapshot = snapshots.get(projection);
        if (snapshot == null || now - snapshot.readAt() > maxAgeNanos) {
            snapshot = new Snapshot(projections.status(projection), now);
            snapshots.put(projection, snapshot);
        }
        return snapshot.status();
    }
}
