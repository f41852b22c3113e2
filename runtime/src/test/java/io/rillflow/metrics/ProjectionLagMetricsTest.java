package io.rillflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rillflow.Store;
import io.rillflow.events.Event;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.projections.ProjectionContext;
import io.rillflow.projections.ProjectionHandler;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code rillflow.projection.lag.seconds}: while a projection is behind, the time since the last event it applied,
 * growing until its next batch; 0 once it reached the end of the log.
 */
class ProjectionLagMetricsTest {
    @Test
    void lagInSecondsGrowsWhileBehindAndIsZeroWhenCaughtUp() throws InterruptedException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (Store store = TestDatabase.storeBuilder(getClass())
                .meterRegistry(registry)
                .projectionOptions(ProjectionOptions.defaults().withBatchSize(2))
                .build()) {
            store.projections().register(new ProjectionHandler() {
                @Override
                public String name() {
                    return "lagging";
                }

                @Override
                public void apply(EventEnvelope event, ProjectionContext context) {}
            });
            UUID stream = UUID.randomUUID();
            for (int i = 0; i < 5; i++) {
                store.events().append(stream, Expected.any(), List.of(Event.of("Tick", Map.of("n", i))));
            }

            store.projections().tickOnce("lagging");
            double first = lagSeconds(registry);
            assertThat(first).isPositive();
            Thread.sleep(120);
            assertThat(lagSeconds(registry)).as("grows until the next batch").isGreaterThanOrEqualTo(first + 0.1);
            assertThat(registry.scrape()).contains("rillflow_projection_lag_seconds{projection=\"lagging\"}");

            store.projections().runUntilIdle();
            assertThat(lagSeconds(registry)).isZero();
        }
    }

    private static double lagSeconds(PrometheusMeterRegistry registry) {
        return registry.get("rillflow.projection.lag.seconds")
                .tag("projection", "lagging")
                .gauge()
                .value();
    }
}
