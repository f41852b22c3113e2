package io.rillflow.admin;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Publishes the snapshot backlog of each stream type as Micrometer gauges, tagged {@code aggregate=<stream type>}:
 * {@code rillflow.snapshots.candidates} (streams at least {@code threshold} events past their latest snapshot) and
 * {@code rillflow.snapshots.largest.gap} (the most events a stream is past its latest snapshot). The gauges read
 * {@link StoreAdmin#snapshotBacklog(long)} at most once per {@code maxAge} however many gauges a scrape reads; the read
 * visits every typed stream, so keep {@code maxAge} at a minute or more on a large store. Needs
 * {@code io.micrometer:micrometer-core} on the class path (an optional dependency of Rillflow).
 */
public final class SnapshotMetrics {
    private final StoreAdmin admin;
    private final long threshold;
    private final long maxAgeNanos;
    private List<SnapshotBacklog> backlog;
    private long readAt;

    private SnapshotMetrics(StoreAdmin admin, long threshold, Duration maxAge) {
        this.admin = admin;
        this.threshold = threshold;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /**
     * Registers the gauges of every stream type stored now.
     *
     * @param threshold the snapshotter's threshold, 1 or more: a stream this many events past its snapshot is a
     *     candidate
     * @param maxAge how long one read serves the gauges
     * @throws IllegalArgumentException if {@code threshold} is less than 1 or {@code maxAge} is negative
     */
    public static SnapshotMetrics bind(StoreAdmin admin, MeterRegistry registry, long threshold, Duration maxAge) {
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(registry, "registry");
        if (threshold < 1 || maxAge == null || maxAge.isNegative()) {
            throw new IllegalArgumentException(
                    "Snapshot gauges need a threshold of 1 or more and a maxAge of 0 or more, were " + threshold
                            + " and " + maxAge);
        }
        SnapshotMetrics metrics = new SnapshotMetrics(admin, threshold, maxAge);
        for (SnapshotBacklog type : admin.snapshotBacklog(threshold)) {
            String name = type.streamType();
            metrics.gauge(
                    registry,
                    name,
                    "rillflow.snapshots.candidates",
                    "streams at least the threshold number of events past their latest snapshot",
                    SnapshotBacklog::candidates);
            metrics.gauge(
                    registry,
                    name,
                    "rillflow.snapshots.largest.gap",
                    "the most events a stream is past its latest snapshot",
                    SnapshotBacklog::largestGap);
        }
        return metrics;
    }

    private void gauge(
            MeterRegistry registry,
            String type,
            String meter,
            String description,
            ToDoubleFunction<SnapshotBacklog> value) {
        Gauge.builder(meter, this, m -> m.read(type, value))
                .strongReference(true)
                .description(description)
                .tags(Tags.of("aggregate", type))
                .register(registry);
    }

    private synchronized double read(String type, ToDoubleFunction<SnapshotBacklog> value) {
        long now = System.nanoTime();
        if (backlog == null || now - readAt > maxAgeNanos) {
            try {
                backlog = admin.snapshotBacklog(threshold);
                readAt = now;
            } catch (RuntimeException e) {
                return Double.NaN; // the database is down: /health/ready says so
            }
        }
        return backlog.stream()
                .filter(b -> b.streamType().equals(type))
                .mapToDouble(value)
                .findFirst()
                .orElse(0);
    }
}
