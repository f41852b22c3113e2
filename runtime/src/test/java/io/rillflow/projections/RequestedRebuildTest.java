package io.rillflow.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.Store;
import io.rillflow.events.Event;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A rebuild requested through {@code store.admin()} (from a process without the handler) is performed by the node
 * holding the projection's lease at its next tick; another node leaves the request to it.
 */
class RequestedRebuildTest {
    @Test
    void theLeaseHolderPerformsTheRequestAndTheOtherNodeLeavesIt() {
        String schema = TestDatabase.freshSchema(getClass());
        try (Store holder = node(schema, "holder");
                Store other = node(schema, "other")) {
            CountingProjection onHolder = new CountingProjection(holder, "counted", Set.of());
            holder.projections().register(onHolder);
            other.projections().register(new CountingProjection(other, "counted", Set.of()));
            long first = append(holder);
            holder.projections().runUntilIdle();
            // A read model gone wrong: a row no event made, which only the rebuild hook clears.
            CountingProjection.execute(
                    holder, "insert into \"" + schema + "\".counted_counted (global_seq, applied) values (999, 5)");

            holder.admin().requestProjectionRebuild("counted");
            assertThat(holder.admin().projectionRebuildRequestedAt("counted")).isPresent();

            other.projections().tickOnce("counted");
            assertThat(other.admin().projectionRebuildRequestedAt("counted"))
                    .as("left to the holder of the lease")
                    .isPresent();
            assertThat(onHolder.counts(holder)).containsKey(999L);

            holder.projections().runUntilIdle();

            assertThat(holder.admin().projectionRebuildRequestedAt("counted")).isEmpty();
            assertThat(onHolder.counts(holder)).containsExactly(Map.entry(first, 1));
            assertThat(holder.projections().status("counted").checkpoint()).isEqualTo(first);
        }
    }

    @Test
    void aFailingRebuildHookKeepsTheRequestAndAppliesNothingUntilItIsWithdrawn() {
        String schema = TestDatabase.freshSchema(getClass());
        try (Store store = node(schema, "only")) {
            AtomicInteger applied = new AtomicInteger();
            store.projections().register(new ProjectionHandler() {
                @Override
                public String name() {
                    return "fragile";
                }

                @Override
                public void apply(EventEnvelope event, ProjectionContext context) {
                    applied.incrementAndGet();
                }

                @Override
                public void rebuild(ProjectionContext context) {
                    throw new IllegalStateException("cannot clear");
                }
            });
            append(store);
            store.projections().runUntilIdle();
            long checkpoint = store.projections().status("fragile").checkpoint();
            store.admin().requestProjectionRebuild("fragile");
            append(store);

            assertThatThrownBy(() -> store.projections().tickOnce("fragile")).hasMessageContaining("cannot clear");
            assertThat(store.admin().projectionRebuildRequestedAt("fragile")).isPresent();
            assertThat(store.projections().status("fragile").checkpoint()).isEqualTo(checkpoint);
            assertThat(applied).hasValue(1);

            assertThat(store.admin().cancelProjectionRebuild("fragile")).isTrue();
            assertThat(store.admin().cancelProjectionRebuild("fragile")).isFalse();
            store.projections().runUntilIdle();
            assertThat(applied).hasValue(2);
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
