package io.rillflow.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.Store;
import io.rillflow.annotations.ProjectionMode;
import io.rillflow.events.Event;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code waitForNonStale}: returns once every projection has processed the log up to the head as of the call, with the
 * daemon on this node or another; times out naming the projections behind.
 */
class WaitForNonStaleTest {
    private Store store;
    private CountingProjection all;
    private CountingProjection ticks;

    @BeforeEach
    void open() {
        store = TestDatabase.storeBuilder(getClass()).build();
        all = new CountingProjection(store, "all_events", Set.of());
        ticks = new CountingProjection(store, "ticks", Set.of("Tick"));
        store.projections().register(all).register(ticks);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void afterAppendsTheReadModelsHoldTheEventsOnceTheWaitReturns() {
        try (ProjectionDaemon daemon = store.projections().start()) {
            List<Long> appended = appendMany(30);

            store.projections().waitForNonStale(Duration.ofSeconds(30));

            assertThat(all.counts(store).keySet()).containsAll(appended);
            assertThat(ticks.counts(store)).hasSize(15);
            assertThat(store.projections().status("ticks").checkpoint())
                    .isGreaterThanOrEqualTo(appended.get(appended.size() - 1));
        }
    }

    @Test
    void theDaemonMayRunOnAnotherNode() {
        try (Store other = Store.builder(TestDatabase.jdbcUrl())
                        .schema(store.schemaName())
                        .maxConnections(4)
                        .build();
                ProjectionDaemon daemon = other.projections()
                        .register(new CountingProjection(other, "all_events", Set.of()))
                        .register(new CountingProjection(other, "ticks", Set.of("Tick")))
                        .start()) {
            List<Long> appended = appendMany(10);

            store.projections().waitForNonStale(Duration.ofSeconds(30));

            assertThat(all.counts(store).keySet()).containsAll(appended);
        }
    }

    @Test
    void aPausedProjectionMakesItTimeOutNamingItAndItsCheckpoint() {
        store.projections().pause("ticks");
        try (ProjectionDaemon daemon = store.projections().start()) {
            List<Long> appended = appendMany(4);
            long head = appended.get(appended.size() - 1);

            assertThatThrownBy(() -> store.projections().waitForNonStale(Duration.ofMillis(500)))
                    .isInstanceOfSatisfying(StaleProjectionsException.class, e -> {
                        assertThat(e.head()).isEqualTo(head);
                        assertThat(e.behind()).containsExactly(Map.entry("ticks", 0L));
                    })
                    .hasMessage("Projections still behind log position " + head + " after PT0.5S: ticks at 0"
                            + " (paused: resume it)");
            assertThat(all.counts(store).keySet())
                    .as("the running projection caught up meanwhile")
                    .containsAll(appended);

            store.projections().resume("ticks");
            store.projections().waitForNonStale(Duration.ofSeconds(30));
            assertThat(ticks.counts(store)).hasSize(2);
        }
    }

    @Test
    void aProjectionRetryingAFailedEventIsNamedWithTheError() {
        try (Store slow = TestDatabase.storeBuilder(getClass())
                .projectionOptions(
                        ProjectionOptions.defaults().withBackoff(Duration.ofMinutes(1), Duration.ofMinutes(1)))
                .build()) {
            CountingProjection failing = new CountingProjection(slow, "failing", Set.of());
            failing.poison(e -> true);
            slow.projections().register(failing);
            try (ProjectionDaemon daemon = slow.projections().start()) {
                long head = slow.events()
                        .append(UUID.randomUUID(), Expected.any(), List.of(Event.of("Tick", Map.of())))
                        .lastGlobalSeq();

                assertThatThrownBy(() -> slow.projections().waitForNonStale(Duration.ofSeconds(2)))
                        .isInstanceOf(StaleProjectionsException.class)
                        .hasMessageStartingWith("Projections still behind log position " + head + " after PT2S:"
                                + " failing at 0 (retrying a failed event: ")
                        .hasMessageContaining("cannot project Tick #" + head);
            }
        }
    }

    @Test
    void withoutADaemonItTimesOutSayingNoNodeRunsThem() {
        long head = appendMany(1).get(0);

        assertThatThrownBy(() -> store.projections().waitForNonStale(Duration.ZERO))
                .isInstanceOf(StaleProjectionsException.class)
                .hasMessage("Projections still behind log position " + head + " after PT0S: all_events at 0 (no node"
                        + " runs it: start a daemon with store.projections().start()), ticks at 0 (no node runs it:"
                        + " start a daemon with store.projections().start())");

        store.projections().runUntilIdle();
        store.projections().waitForNonStale(Duration.ZERO);
    }

    @Test
    void inlineProjectionsAreCurrentWithoutWaiting() {
        try (Store inlineOnly = TestDatabase.storeBuilder(getClass()).build()) {
            inlineOnly.projections().register(new ProjectionHandler() {
                @Override
                public String name() {
                    return "inline_noop";
                }

                @Override
                public ProjectionMode mode() {
                    return ProjectionMode.INLINE;
                }

                @Override
                public Set<String> eventTypes() {
                    return Set.of();
                }

                @Override
                public void apply(EventEnvelope event, ProjectionContext context) {}
            });
            inlineOnly.events().append(UUID.randomUUID(), Expected.any(), List.of(Event.of("Tick", Map.of())));

            inlineOnly.projections().waitForNonStale(Duration.ZERO);
        }
        assertThatThrownBy(() -> store.projections().waitForNonStale(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT-1S");
    }

    /** Appends {@code count} events, alternately Tick and Tock; their global positions. */
    private List<Long> appendMany(int count) {
        List<Long> positions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            positions.add(store.events()
                    .append(
                            UUID.randomUUID(),
                            Expected.any(),
                            List.of(Event.of(i % 2 == 0 ? "Tick" : "Tock", Map.of())))
                    .lastGlobalSeq());
        }
        return positions;
    }
}
