package io.rillflow.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.InvalidIdentifierException;
import io.rillflow.Store;
import io.rillflow.events.Event;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.projections.TickResult.Outcome;
import io.rillflow.testing.OpenAppends;
import io.rillflow.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Status, pause, reset, rebuild, leases between nodes, and bad input to every admin call. */
class ProjectionAdminTest {
    private static final String HUGE = "x".repeat(10 * 1024);

    private Store store;
    private CountingProjection all;
    private CountingProjection ticks;

    @BeforeEach
    void open() {
        store = TestDatabase.storeBuilder(getClass())
                .projectionOptions(ProjectionOptions.defaults().withNodeId("node-1"))
                .build();
        all = new CountingProjection(store, "all_events", Set.of());
        ticks = new CountingProjection(store, "ticks", Set.of("Tick"));
        store.projections().register(all).register(ticks);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void statusShowsCheckpointHeadAndLagPerProjectionTypes() {
        long tick = append("Tick");
        long tock = append("Tock");
        ProjectionStatus before = store.projections().status("ticks");
        assertThat(before.checkpoint()).isZero();
        assertThat(before.head()).isEqualTo(tock);
        assertThat(before.lagEvents())
                .as("only Tick counts for this projection")
                .isEqualTo(1);
        assertThat(before.lagTime()).isGreaterThanOrEqualTo(Duration.ZERO);
        assertThat(store.projections().status("all_events").lagEvents()).isEqualTo(2);

        store.projections().runUntilIdle();

        ProjectionStatus after = store.projections().status("ticks");
        assertThat(after.checkpoint())
                .as("moves past events of other types too")
                .isEqualTo(tock);
        assertThat(after.lagEvents()).isZero();
        assertThat(after.lagTime()).isEqualTo(Duration.ZERO);
        assertThat(after.leaseHolder()).isEqualTo("node-1");
        assertThat(after.leaseExpires()).isNotNull();
        assertThat(ticks.counts(store)).containsOnlyKeys(tick);
        assertThat(store.projections().statuses())
                .extracting(ProjectionStatus::name)
                .containsExactly("all_events", "ticks");
    }

    @Test
    void pausedProjectionAppliesNothingUntilResumed() {
        store.projections().pause("all_events");
        long seq = append("Tick");
        assertThat(store.projections().tickOnce("all_events").outcome()).isEqualTo(Outcome.PAUSED);
        assertThat(all.counts(store)).isEmpty();
        assertThat(store.projections().status("all_events").paused()).isTrue();

        store.projections().resume("all_events");
        store.projections().runUntilIdle();
        assertThat(all.counts(store)).containsExactly(Map.entry(seq, 1));
    }

    @Test
    void resetCheckpointReplaysFromThereAndRebuildStartsOver() {
        long first = append("Tick");
        long second = append("Tick");
        store.projections().runUntilIdle();

        store.projections().resetCheckpoint("all_events", first);
        store.projections().runUntilIdle();
        assertThat(all.counts(store))
                .as("reset does not touch the read model")
                .containsExactly(Map.entry(first, 1), Map.entry(second, 2));

        store.projections().rebuild("all_events");
        assertThat(store.projections().status("all_events").checkpoint()).isZero();
        assertThat(all.counts(store)).as("the rebuild hook cleared it").isEmpty();
        store.projections().runUntilIdle();
        assertThat(all.counts(store)).containsExactly(Map.entry(first, 1), Map.entry(second, 1));
    }

    @Test
    void deadNodeLosesItsLeaseAfterTheTtlAndTheOtherNodeTakesOver() throws Exception {
        ProjectionOptions shortLease = ProjectionOptions.defaults().withLeaseTtl(Duration.ofSeconds(1));
        try (Store nodeA = node(shortLease.withNodeId("node-a"));
                Store nodeB = node(shortLease.withNodeId("node-b"))) {
            CountingProjection onA = new CountingProjection(nodeA, "shared", Set.of());
            nodeA.projections().register(onA);
            nodeB.projections().register(new CountingProjection(nodeB, "shared", Set.of()));
            long one = append("Tick");
            assertThat(nodeA.projections().tickOnce("shared").applied()).isEqualTo(1);
            assertThat(nodeB.projections().tickOnce("shared").outcome()).isEqualTo(Outcome.LEASED_ELSEWHERE);

            Thread.sleep(1_500); // node A stops ticking, as if it died: its lease runs out
            long two = append("Tick");
            assertThat(nodeB.projections().tickOnce("shared").applied()).isEqualTo(1);
            assertThat(nodeB.projections().status("shared").leaseHolder()).isEqualTo("node-b");
            assertThat(nodeA.projections().tickOnce("shared").outcome()).isEqualTo(Outcome.LEASED_ELSEWHERE);
            assertThat(onA.counts(nodeA)).containsExactly(Map.entry(one, 1), Map.entry(two, 1));
        }
    }

    @Test
    void rebuildWhileAnotherNodeHoldsTheLeaseFailsAndChangesNothing() {
        try (Store other = node(ProjectionOptions.defaults().withNodeId("node-2"))) {
            other.projections().register(new CountingProjection(other, "all_events", Set.of()));
            long seq = append("Tick");
            other.projections().runUntilIdle(); // node-2 holds the lease now
            ProjectionStatus before = store.projections().status("all_events");

            assertThatThrownBy(() -> store.projections().rebuild("all_events"))
                    .isInstanceOf(ProjectionLeaseException.class)
                    .hasMessageContaining("all_events")
                    .hasMessageContaining("node-2");

            assertThat(all.counts(store)).containsExactly(Map.entry(seq, 1));
            ProjectionStatus after = store.projections().status("all_events");
            assertThat(after.checkpoint()).isEqualTo(before.checkpoint());
            assertThat(after.leaseHolder()).isEqualTo("node-2");
        }
    }

    @Test
    void runningDaemonWakesOnAppendsAndReleasesItsLeasesOnClose() throws Exception {
        // Polling once an hour: only the append's notification can wake this daemon in time.
        try (Store node = node(ProjectionOptions.defaults().withPollInterval(Duration.ofHours(1)))) {
            CountingProjection onNode = new CountingProjection(node, "all_events", Set.of());
            node.projections().register(onNode);
            try (ProjectionDaemon daemon = node.projections().start()) {
                waitUntil(() -> node.projections().status("all_events").leaseHolder() != null);
                long seq = append("Tick");
                waitUntil(() -> onNode.counts(node).containsKey(seq));
                assertThat(daemon.isRunning()).isTrue();
            }
            assertThat(node.projections().status("all_events").leaseHolder()).isNull();
        }
    }

    @Test
    void closeGivesUpOnAHangingHandlerAfterItsTimeoutAndLosesNothing() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (Store node = node(ProjectionOptions.defaults())) {
            node.projections().register(new ProjectionHandler() {
                @Override
                public String name() {
                    return "hanging";
                }

                @Override
                public void apply(EventEnvelope event, ProjectionContext context) throws Exception {
                    entered.countDown();
                    release.await();
                    context.documents(Map.class, Long.class, "hung").put(event.globalSeq(), Map.of());
                }
            });
            long seq = append("Tick");
            ProjectionDaemon daemon = node.projections().start();
            assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

            long started = System.nanoTime();
            assertThat(daemon.close(Duration.ofMillis(300))).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            waitUntil(() -> !daemon.isRunning());
            assertThat(node.documents(Map.class, Long.class, "hung").get(seq)).isEmpty();

            // The interrupted batch rolled back: a later run applies the event once.
            release.countDown();
            node.projections().runUntilIdle();
            assertThat(node.documents(Map.class, Long.class, "hung").get(seq)).isPresent();
            assertThat(node.projections().status("hanging").checkpoint()).isGreaterThanOrEqualTo(seq);
        }
    }

    @Test
    void runLoopStopsOnInterruptAndReleasesItsLeases() throws Exception {
        long seq = append("Tick");
        Thread loop = new Thread(() -> store.projections().runLoop(() -> false));
        loop.start();
        waitUntil(() -> all.counts(store).containsKey(seq));
        loop.interrupt();
        loop.join(30_000);
        assertThat(loop.isAlive()).isFalse();
        assertThat(store.projections().status("all_events").leaseHolder()).isNull();
    }

    @Test
    void readModelWritesRollBackWithAFailingBatch() {
        ProjectionHandler documents = new ProjectionHandler() {
            @Override
            public String name() {
                return "documents";
            }

            @Override
            public void apply(EventEnvelope event, ProjectionContext context) {
                context.documents(Map.class, Long.class, "seen").put(event.globalSeq(), Map.of("type", event.type()));
                if (event.type().equals("Poison")) {
                    throw new IllegalStateException("poison");
                }
            }
        };
        try (Store dl = TestDatabase.storeBuilder(getClass())
                .projectionOptions(ProjectionOptions.defaults().withMaxAttempts(1))
                .build()) {
            dl.projections().register(documents);
            long ok = dl.events()
                    .append(UUID.randomUUID(), Expected.any(), List.of(Event.of("Ok", Map.of())))
                    .lastGlobalSeq();
            long poison = dl.events()
                    .append(UUID.randomUUID(), Expected.any(), List.of(Event.of("Poison", Map.of())))
                    .lastGlobalSeq();
            dl.projections().runUntilIdle();
            var seen = dl.documents(Map.class, Long.class, "seen");
            assertThat(seen.load(ok)).contains(Map.of("type", "Ok"));
            assertThat(seen.load(poison))
                    .as("written in the failed batch, rolled back")
                    .isEmpty();
        }
    }

    @Test
    void everyAdminCallRejectsUnknownAndHostileNamesAndChangesNothing() {
        long seq = append("Tick");
        store.projections().runUntilIdle();
        List<String> names = List.of("nope", "all_events'; drop table rf_projections; --", "\"quoted\"", HUGE, "");
        List<Consumer<String>> calls = List.of(
                n -> store.projections().tickOnce(n),
                n -> store.projections().status(n),
                n -> store.projections().pause(n),
                n -> store.projections().resume(n),
                n -> store.projections().resetCheckpoint(n, 0),
                n -> store.projections().rebuild(n),
                n -> store.projections().deadLetters(n),
                n -> store.projections().requeue(n, seq),
                n -> store.projections().deleteDeadLetter(n, seq));
        for (String name : names) {
            for (Consumer<String> call : calls) {
                assertThatThrownBy(() -> call.accept(name))
                        .isInstanceOf(UnknownProjectionException.class)
                        .hasMessageContaining("Unknown projection")
                        .hasMessageContaining("registered: all_events, ticks")
                        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
            }
        }
        assertThatThrownBy(() -> store.projections().status(null)).isInstanceOf(UnknownProjectionException.class);
        ProjectionStatus status = store.projections().status("all_events");
        assertThat(status.checkpoint()).isEqualTo(seq);
        assertThat(status.paused()).isFalse();
        assertThat(all.counts(store)).containsExactly(Map.entry(seq, 1));
    }

    @Test
    void aCheckpointPastAnEventStillInFlightIsRefusedUntilItCommits() throws SQLException {
        long committed = append("Tick");
        store.projections().runUntilIdle();
        try (Connection writer = store.dataSource().getConnection()) {
            writer.setAutoCommit(false);
            long inFlight = OpenAppends.append(writer, store, UUID.randomUUID(), List.of("Tick"));
            assertThatThrownBy(() -> store.projections().resetCheckpoint("all_events", inFlight))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("in flight");
            assertThat(store.projections().status("all_events").checkpoint()).isEqualTo(committed);
            writer.commit();
            store.projections().resetCheckpoint("all_events", inFlight);
            assertThat(store.projections().status("all_events").checkpoint()).isEqualTo(inFlight);
        }
    }

    @Test
    void badCheckpointsAreRejectedAndChangeNothing() {
        long seq = append("Tick");
        store.projections().runUntilIdle();
        assertThatThrownBy(() -> store.projections().resetCheckpoint("all_events", -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> store.projections().resetCheckpoint("all_events", seq + 1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the log is final only up to " + seq);
        assertThat(store.projections().status("all_events").checkpoint()).isEqualTo(seq);
        assertThatThrownBy(() -> store.projections().requeue("all_events", seq))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no dead letter for event " + seq);
    }

    @Test
    void registrationRejectsBadNamesDuplicatesAndUnregisteredEventClasses() {
        for (String bad : List.of("Bad-Name", "x'; drop table t; --", HUGE, "", "9lives")) {
            assertThatThrownBy(() -> store.projections().register(handler(bad)))
                    .isInstanceOf(InvalidIdentifierException.class)
                    .hasMessageContaining("Invalid projection name")
                    .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
        }
        assertThatThrownBy(() -> store.projections().register(handler("ticks")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already registered");
        ProjectionHandler typed = new ProjectionHandler() {
            @Override
            public String name() {
                return "typed";
            }

            @Override
            public Set<Class<?>> eventClasses() {
                return Set.of(UUID.class);
            }

            @Override
            public void apply(EventEnvelope event, ProjectionContext context) {}
        };
        assertThatThrownBy(() -> store.projections().register(typed))
                .isInstanceOf(io.rillflow.UnknownEventTypeException.class)
                .hasMessageContaining("java.util.UUID")
                .hasMessageContaining("annotate it with @Event")
                .hasMessageContaining("StoreBuilder.eventType(\"UUID\", UUID.class)");
        assertThat(store.projections().names()).containsExactly("all_events", "ticks");
        assertThatThrownBy(() -> ProjectionOptions.defaults().withBatchSize(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batchSize");
        assertThatThrownBy(() -> ProjectionOptions.defaults().withBackoff(Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("backoffCap");
    }

    private static ProjectionHandler handler(String name) {
        return new ProjectionHandler() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void apply(EventEnvelope event, ProjectionContext context) {}
        };
    }

    private Store node(ProjectionOptions options) {
        return Store.builder(TestDatabase.jdbcUrl())
                .schema(store.schemaName())
                .maxConnections(4)
                .projectionOptions(options)
                .build();
    }

    private long append(String type) {
        return store.events()
                .append(UUID.randomUUID(), Expected.any(), List.of(Event.of(type, Map.of())))
                .lastGlobalSeq();
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 30 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
