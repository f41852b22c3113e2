package io.rillflow.projections;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.RillflowException;
import io.rillflow.Store;
import io.rillflow.events.Event;
import io.rillflow.events.Expected;
import io.rillflow.testing.ConnectionKiller;
import io.rillflow.testing.OpenAppends;
import io.rillflow.testing.TestDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Eight writers append to random streams while two daemons (two stores with their own pools, as two nodes would
 * be) run the same projections on short leases, and a killer terminates the daemons' database connections at
 * random (at most once per committed batch). Afterwards every event has been applied exactly once by each projection that reads its type, and every
 * checkpoint is at the head of the log.
 */
class ProjectionStressTest {
    private static final int WRITERS = 8;
    private static final Duration WRITE_FOR = Duration.ofSeconds(4);

    @Test
    void twoNodesWithConnectionKillsApplyEveryEventExactlyOnce() throws Exception {
        ProjectionOptions options = ProjectionOptions.defaults()
                .withBatchSize(100)
                .withConcurrency(2)
                .withLeaseTtl(Duration.ofMillis(300))
                .withPollInterval(Duration.ofMillis(50));
        try (Store writer = TestDatabase.storeBuilder(getClass()).build();
                Store nodeA = node(writer, "rf_node_a", options.withNodeId("node-a"));
                Store nodeB = node(writer, "rf_node_b", options.withNodeId("node-b"))) {
            List<CountingProjection> onA = register(nodeA);
            long head;
            register(nodeB);
            ExecutorService threads = Executors.newFixedThreadPool(WRITERS);
            AtomicBoolean writing = new AtomicBoolean(true);
            // At most one kill per committed batch (and 60 in all), so the daemons make progress on any machine.
            try (ConnectionKiller killer = ConnectionKiller.start("rf_node_%", writer.schemaName(), 60)) {
                try (ProjectionDaemon a = nodeA.projections().start();
                        ProjectionDaemon b = nodeB.projections().start()) {
                    List<Future<Integer>> writers = new ArrayList<>();
                    for (int w = 0; w < WRITERS; w++) {
                        boolean slow = w % 2 == 0;
                        writers.add(threads.submit(() -> write(writer, writing, slow)));
                    }
                    Thread.sleep(WRITE_FOR.toMillis());
                    writing.set(false);
                    int written = 0;
                    for (Future<Integer> f : writers) {
                        written += f.get();
                    }
                    assertThat(written).isPositive();
                    assertThat(a.isRunning()).isTrue();
                    assertThat(b.isRunning()).isTrue();
                } finally {
                    threads.shutdownNow();
                }
                head = CountingProjection.events(writer, Set.of()).keySet().stream()
                        .mapToLong(Long::longValue)
                        .max()
                        .orElseThrow();
                catchUp(nodeA, head);
                assertThat(killer.kills())
                        .as("connections killed during the run")
                        .isPositive();
            }
            for (CountingProjection projection : onA) {
                Set<String> types = projection.eventTypes();
                Map<Long, Integer> expected = CountingProjection.events(writer, types).keySet().stream()
                        .collect(Collectors.toMap(seq -> seq, seq -> 1));
                assertThat(projection.counts(writer)).as(projection.name()).isEqualTo(expected);
                ProjectionStatus status = nodeA.projections().status(projection.name());
                assertThat(status.checkpoint()).as(projection.name()).isEqualTo(head);
                assertThat(status.lagEvents()).isZero();
                assertThat(status.deadLetters()).isZero();
            }
        }
    }

    /**
     * Runs node A until every projection reached {@code head}. Its pool may still hold connections killed while idle,
     * and node B's lease may outlive a release that hit one, so a round that fails or finds nothing is tried again.
     */
    private static void catchUp(Store node, long head) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (true) {
            try {
                node.projections().runUntilIdle();
                if (node.projections().statuses().stream().allMatch(s -> s.checkpoint() >= head)) {
                    return;
                }
            } catch (RillflowException e) {
                // a connection killed earlier, found on first use: the pool replaces it
            }
            assertThat(System.nanoTime()).as("caught up within 180 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static Store node(Store writer, String applicationName, ProjectionOptions options) {
        String url = TestDatabase.jdbcUrl();
        url += (url.contains("?") ? "&" : "?") + "ApplicationName=" + applicationName;
        return Store.builder(url)
                .schema(writer.schemaName())
                .maxConnections(6)
                .projectionOptions(options)
                .build();
    }

    private static List<CountingProjection> register(Store node) {
        List<CountingProjection> projections = List.of(
                new CountingProjection(node, "every_event", Set.of()),
                new CountingProjection(node, "ticks_only", Set.of("Tick")));
        projections.forEach(node.projections()::register);
        return projections;
    }

    /**
     * Appends batches of 1-3 events to random streams. A slow writer appends inside a transaction that stays open a
     * few milliseconds longer, as an application doing more work in it would, so commits often land out of
     * global_seq order.
     */
    private static int write(Store writer, AtomicBoolean writing, boolean slow) throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<UUID> streams = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        int written = 0;
        while (writing.get()) {
            int n = 1 + random.nextInt(3);
            UUID stream = streams.get(random.nextInt(streams.size()));
            List<Event> events = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                events.add(Event.of(random.nextBoolean() ? "Tick" : "Tock", Map.of("i", i)));
            }
            if (!slow) {
                writer.events().append(stream, Expected.any(), events);
            } else {
                try (Connection c = writer.dataSource().getConnection()) {
                    c.setAutoCommit(false);
                    OpenAppends.append(
                            c, writer, stream, events.stream().map(Event::type).toList());
                    Thread.sleep(random.nextInt(10));
                    c.commit();
                    c.setAutoCommit(true);
                }
            }
            written += n;
            // Writers pause a little so the daemons keep up with the head, where commits land out of order: a daemon
            // far behind would never meet an event still in flight, and could not show that it waits for it.
            Thread.sleep(20 + random.nextInt(20));
        }
        return written;
    }
}
