package io.rillflow.projections;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rillflow.Store;
import io.rillflow.events.Event;
import io.rillflow.events.Expected;
import io.rillflow.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The status of each projection as Micrometer gauges. */
class ProjectionMetricsTest {
    @Test
    void gaugesShowLagCheckpointAndDeadLetters() {
        try (Store store = TestDatabase.storeBuilder(getClass())
                .projectionOptions(ProjectionOptions.defaults().withMaxAttempts(1))
                .build()) {
            CountingProjection counted = new CountingProjection(store, "counted", Set.of());
            store.projections().register(counted);
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            ProjectionMetrics.bind(store.projections(), registry, Duration.ZERO);
            // The caller keeps no reference to what bind returned: the gauges must, or a collection empties them (NaN).
            System.gc();
            store.events().append(UUID.randomUUID(), Expected.any(), List.of(Event.of("Ok", Map.of())));
            long last = store.events()
                    .append(UUID.randomUUID(), Expected.any(), List.of(Event.of("Poison", Map.of())))
                    .lastGlobalSeq();

            assertThat(gauge(registry, "rillflow.projection.lag.events")).isEqualTo(2);
            assertThat(gauge(registry, "rillflow.projection.checkpoint")).isZero();

            counted.poison(e -> e.type().equals("Poison"));
            store.projections().runUntilIdle();

            assertThat(gauge(registry, "rillflow.projection.lag.events")).isZero();
            assertThat(gauge(registry, "rillflow.projection.lag.seconds")).isZero();
            assertThat(gauge(registry, "rillflow.projection.checkpoint")).isEqualTo(last);
            assertThat(gauge(registry, "rillflow.projection.head")).isEqualTo(last);
            assertThat(gauge(registry, "rillflow.projection.dead.letters")).isEqualTo(1);
            assertThat(gauge(registry, "rillflow.projection.paused")).isZero();
        }
    }

    private static double gauge(SimpleMeterRegistry registry, String name) {
        return registry.get(name).tag("projection", "counted").gauge().value();
    }
}
