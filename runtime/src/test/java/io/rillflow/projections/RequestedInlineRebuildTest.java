package io.rillflow.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.Store;
import io.rillflow.annotations.ProjectionMode;
import io.rillflow.events.Event;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A rebuild of an {@code INLINE} projection requested through {@code store.admin()} (as the {@code rillflow} command
 * requests it, from a process without the handler) is performed by a running store that registered the projection,
 * with no daemon, once however many nodes registered it, and loses no event appended meanwhile.
 */
class RequestedInlineRebuildTest {
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aStoreThatRegisteredTheInlineProjectionPerformsTheRequestWithoutADaemon() {
        String schema = TestDatabase.freshSchema(getClass());
        try (Store store = node(schema, "app")) {
            Inline ticks = new Inline(new CountingProjection(store, "ticks", Set.of("Tick")), Duration.ZERO);
            store.projections().register(ticks);
            long first = append(store);
            long second = append(store);
            // A read model gone wrong: a row no event made, and an event counted twice; only a rebuild repairs it.
            CountingProjection.execute(store, "insert into \"" + schema + "\".counted_ticks values (999, 5)");
            CountingProjection.execute(
                    store, "update \"" + schema + "\".counted_ticks set applied = 2 where global_seq = " + first);

            store.admin().requestProjectionRebuild("ticks");
            awaitPerformed(store, "ticks");

            assertThat(ticks.counting.counts(store)).containsExactly(Map.entry(first, 1), Map.entry(second, 1));
            assertThat(ticks.rebuilds).hasValue(1);
            assertThat(store.admin().projectionStatus("ticks").checkpoint()).isEqualTo(second);
        }
    }

    @Test
    void twoNodesWithTheProjectionRebuildItOnce() throws InterruptedException {
        String schema = TestDatabase.freshSchema(getClass());
        try (Store one = node(schema, "one");
                Store two = node(schema, "two")) {
            // Slow hooks: both watchers see the request before the first rebuild ends.
            Inline onOne = new Inline(new CountingProjection(one, "ticks", Set.of("Tick")), Duration.ofMillis(400));
            Inline onTwo = new Inline(new CountingProjection(two, "ticks", Set.of("Tick")), Duration.ofMillis(400));
            one.projections().register(onOne);
            two.projections().register(onTwo);
            long seq = append(one);

            one.admin().requestProjectionRebuild("ticks");
            awaitPerformed(two, "ticks");
            Thread.sleep(POLL.multipliedBy(10).toMillis()); // time for a second rebuild, were there one

            assertThat(onOne.rebuilds.get() + onTwo.rebuilds.get())
                    .as("rebuilds on both nodes")
                    .isEqualTo(1);
            assertThat(onOne.counting.counts(one)).containsExactly(Map.entry(seq, 1));
        }
    }

    @Test
    void eventsAppendedDuringTheRebuildAreAllInTheRebuiltReadModel() throws Exception {
        String schema = TestDatabase.freshSchema(getClass());
        try (Store one = node(schema, "one");
                Store two = node(schema, "two")) {
            Inline onOne = new Inline(new CountingProjection(one, "ticks", Set.of("Tick")), Duration.ofMillis(300));
            Inline onTwo = new Inline(new CountingProjection(two, "ticks", Set.of("Tick")), Duration.ofMillis(300));
            one.projections().register(onOne);
            two.projections().register(onTwo);
            for (int i = 0; i < 20; i++) {
                append(i % 2 == 0 ? one : two);
            }
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService appenders = Executors.newFixedThreadPool(4);
            List<Future<Integer>> appended = new ArrayList<>();
            try {
                for (Store node : List.of(one, two, one, two)) {
                    appended.add(appenders.submit(() -> {
                        int n = 0;
                        while (!stop.get()) {
                            append(node);
                            n++;
                        }
                        return n;
                    }));
                }
                Thread.sleep(100);
                one.admin().requestProjectionRebuild("ticks");
                awaitPerformed(one, "ticks");
                Thread.sleep(100);
            } finally {
                stop.set(true);
                appenders.shutdown();
            }
            int during = 0;
            for (Future<Integer> f : appended) {
                during += f.get();
            }

            assertThat(during).as("appends while the test ran").isPositive();
            Map<Long, Integer> expected = CountingProjection.events(one, Set.of("Tick")).keySet().stream()
                    .collect(Collectors.toMap(seq -> seq, seq -> 1));
            assertThat(expected).hasSize(20 + during);
            assertThat(onOne.counting.counts(one)).isEqualTo(expected);
            assertThat(onOne.rebuilds.get() + onTwo.rebuilds.get())
                    .as("rebuilds on either node")
                    .isEqualTo(1);
        }
    }

    @Test
    void aRequestForAProjectionNoRunningStoreRegisteredStaysPending() throws InterruptedException {
        String schema = TestDatabase.freshSchema(getClass());
        try (Store gone = node(schema, "gone")) {
            gone.projections().register(new Inline(new CountingProjection(gone, "elsewhere", Set.of()), Duration.ZERO));
        }
        try (Store store = node(schema, "app")) {
            Inline ticks = new Inline(new CountingProjection(store, "ticks", Set.of("Tick")), Duration.ZERO);
            store.projections().register(ticks);

            store.admin().requestProjectionRebuild("elsewhere");
            Thread.sleep(POLL.multipliedBy(10).toMillis());

            assertThat(store.admin().projectionRebuildRequestedAt("elsewhere")).isPresent();
            assertThat(ticks.rebuilds).hasValue(0);
            assertThatThrownBy(() -> store.admin().requestProjectionRebuild("nope"))
                    .isInstanceOf(UnknownProjectionException.class)
                    .hasMessage("No projection named \"nope\" in this schema; the projections are elsewhere, ticks");
        }
    }

    @Test
    void aRebuildInTheApplicationFulfilsAPendingRequest() {
        String schema = TestDatabase.freshSchema(getClass());
        try (Store store = Store.builder(TestDatabase.jdbcUrl())
                .schema(schema)
                // Polls rarely: the test's own rebuild must clear the request, not the watcher.
                .projectionOptions(ProjectionOptions.defaults().withPollInterval(Duration.ofMinutes(10)))
                .build()) {
            Inline ticks = new Inline(new CountingProjection(store, "ticks", Set.of("Tick")), Duration.ZERO);
            store.projections().register(ticks);
            store.admin().requestProjectionRebuild("ticks");
            store.projections().rebuild("ticks");
            assertThat(store.admin().projectionRebuildRequestedAt("ticks")).isEmpty();
        }
    }

    @Test
    void theWatcherRunsOnceAnInlineProjectionIsRegisteredAndStopsWithTheStore() {
        String schema = TestDatabase.freshSchema(getClass());
        String watcher = "rillflow-inline-rebuilds-" + schema;
        try (Store store = node(schema, "app")) {
            store.projections().register(new CountingProjection(store, "async_ticks", Set.of("Tick")));
            assertThat(threadsNamed(watcher))
                    .as("no inline projection registered")
                    .isZero();
            store.projections().register(new Inline(new CountingProjection(store, "a", Set.of()), Duration.ZERO));
            store.projections().register(new Inline(new CountingProjection(store, "b", Set.of()), Duration.ZERO));
            assertThat(threadsNamed(watcher)).isOne();
        }
        assertThat(threadsNamed(watcher)).as("after close").isZero();
    }

    private static long threadsNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals(name))
                .count();
    }

    private static void awaitPerformed(Store store, String name) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (store.admin().projectionRebuildRequestedAt(name).isPresent()) {
            assertThat(System.nanoTime())
                    .as("the request of " + name + " performed")
                    .isLessThan(deadline);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static Store node(String schema, String nodeId) {
        return Store.builder(TestDatabase.jdbcUrl())
                .schema(schema)
                .maxConnections(6)
                .projectionOptions(
                        ProjectionOptions.defaults().withNodeId(nodeId).withPollInterval(POLL))
                .build();
    }

    private static long append(Store store) {
        return store.events()
                .append(UUID.randomUUID(), Expected.any(), List.of(Event.of("Tick", Map.of())))
                .lastGlobalSeq();
    }

    /** A counting projection applied inline, counting its rebuilds, whose rebuild hook takes {@code slow}. */
    private static final class Inline implements ProjectionHandler {
        final CountingProjection counting;
        final AtomicInteger rebuilds = new AtomicInteger();
        private final Duration slow;

        Inline(CountingProjection counting, Duration slow) {
            this.counting = counting;
            this.slow = slow;
        }

        @Override
        public String name() {
            return counting.name();
        }

        @Override
        public ProjectionMode mode() {
            return ProjectionMode.INLINE;
        }

        @Override
        public Set<String> eventTypes() {
            return counting.eventTypes();
        }

        @Override
        public void apply(EventEnvelope event, ProjectionContext context) throws SQLException {
            counting.apply(event, context);
        }

        @Override
        public void rebuild(ProjectionContext context) throws SQLException {
            rebuilds.incrementAndGet();
            counting.rebuild(context);
            try {
                Thread.sleep(slow.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
