package io.rillflow.projections;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.events.Event;
import io.rillflow.events.Expected;
import io.rillflow.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A process that ran {@code runUntilIdle()} and closed its store leaves no lease behind: the next process on the
 * same database (the application started again, a batch job's next run) applies new events at once, instead of
 * finding the projection leased by a node that is gone and skipping it until the lease expires.
 */
class ProjectionLeaseOnCloseTest {
    @Test
    void closingTheStoreReleasesTheLeasesRunUntilIdleTook() {
        String schema = TestDatabase.freshSchema(getClass());
        long first;
        try (Store run = node(schema, "first-run")) {
            CountingProjection projection = new CountingProjection(run, "counted", Set.of());
            run.projections().register(projection);
            first = append(run);
            run.projections().runUntilIdle();
            assertThat(projection.counts(run)).containsOnlyKeys(first);
            assertThat(run.projections().status("counted").leaseHolder()).isEqualTo("first-run");
        }

        try (Store next = node(schema, "next-run")) {
            CountingProjection projection = new CountingProjection(next, "counted", Set.of());
            next.projections().register(projection);
            assertThat(next.projections().status("counted").leaseHolder())
                    .as("released when the first store closed")
                    .isNull();
            long second = append(next);

            next.projections().runUntilIdle();

            assertThat(projection.counts(next)).containsOnlyKeys(first, second);
        }
    }

    private static Store node(String schema, String nodeId) {
        return Store.builder(TestDatabase.jdbcUrl())
                .schema(schema)
                .maxConnections(4)
                .projectionOptions(ProjectionOptions.defaults().withNodeId(nodeId))
                .build();
    }

    private static long append(Store store) {
        return store.events()
                .append(UUID.randomUUID(), Expected.any(), List.of(Event.of("Tick", Map.of())))
                .lastGlobalSeq();
    }
}
