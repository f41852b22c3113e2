package io.rillflow.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rillflow.Store;
import io.rillflow.events.Event;
import io.rillflow.events.Expected;
import io.rillflow.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The snapshot backlog per stream type, from the database alone, and the gauges that publish it. */
class SnapshotBacklogTest {
    private static Store store;
    private static UUID snapshotted;

    @BeforeAll
    static void open() {
        store = TestDatabase.store(SnapshotBacklogTest.class);
        stream("order", 5);
        stream("order", 12);
        snapshotted = stream("order", 30);
        stream("cart", 3);
        store.events().append(UUID.randomUUID(), Expected.any(), events(50)); // untyped: no aggregate's
        TestDatabase.execute("insert into \"" + store.schemaName() + "\".rf_snapshots (stream_id, aggregate_type,"
                + " stream_version, schema_version, shape, state) values ('" + snapshotted + "', 'order', 25, 1,"
                + " 'any', '{}')");
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static UUID stream(String type, int events) {
        UUID id = UUID.randomUUID();
        store.events().builder(id).streamType(type).pushAll(events(events)).send();
        return id;
    }

    private static List<Event> events(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> Event.of("Tick", Map.of("n", i)))
                .toList();
    }

    @Test
    void candidatesAndTheLargestGapPerStreamType() {
        assertThat(store.admin().snapshotBacklog(10))
                .containsExactly(new SnapshotBacklog("cart", 1, 0, 3), new SnapshotBacklog("order", 3, 1, 12));
        assertThat(store.admin().snapshotBacklog(5))
                .containsExactly(new SnapshotBacklog("cart", 1, 0, 3), new SnapshotBacklog("order", 3, 3, 12));
        assertThatThrownBy(() -> store.admin().snapshotBacklog(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 or more");
    }

    @Test
    void gaugesPublishTheBacklogUnderPrometheusNames() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        SnapshotMetrics.bind(store.admin(), registry, 10, Duration.ZERO);

        assertThat(registry.get("rillflow.snapshots.candidates")
                        .tag("aggregate", "order")
                        .gauge()
                        .value())
                .isEqualTo(1);
        assertThat(registry.get("rillflow.snapshots.largest.gap")
                        .tag("aggregate", "cart")
                        .gauge()
                        .value())
                .isEqualTo(3);
        assertThat(registry.scrape())
                .contains("rillflow_snapshots_candidates{aggregate=\"order\"} 1.0")
                .contains("rillflow_snapshots_largest_gap{aggregate=\"order\"} 12.0");
    }
}
