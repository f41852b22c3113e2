package io.rillflow.projections;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.events.Event;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A daemon whose batches are cut by a periodic failure shorter than a full batch: a killer terminates its connection
 * whenever a batch transaction has been open for {@value #KILL_AFTER_MILLIS} ms, while a full batch takes about
 * {@value #BATCH} x {@value #MILLIS_PER_EVENT} ms. Retrying the same full batch would never commit; halving it after
 * each failure lets the projection catch up, applying every event exactly once.
 */
class ProjectionAdaptiveBatchTest {
    private static final int BATCH = 128;
    private static final int EVENTS = 150;
    private static final int MILLIS_PER_EVENT = 20;
    private static final int KILL_AFTER_MILLIS = 1000;

    @Test
    void aDaemonWhoseBatchesAreKilledMidwayShrinksThemAndStillAppliesEveryEventExactlyOnce() throws Exception {
        try (Store writer = TestDatabase.store(getClass());
                Store node = Store.builder(withApplicationName(TestDatabase.jdbcUrl(), "rf_adaptive"))
                        .schema(writer.schemaName())
                        .maxConnections(4)
                        .projectionOptions(ProjectionOptions.defaults()
                                .withBatchSize(BATCH)
                                .withPollInterval(Duration.ofMillis(50)))
                        .build()) {
            CountingProjection counting = new CountingProjection(node, "slow_count", Set.of());
            node.projections().register(new SlowHandler(counting));
            for (int i = 0; i < EVENTS / 50; i++) {
                List<Event> events = new ArrayList<>();
                for (int e = 0; e < 50; e++) {
                    events.add(Event.of("Tick", Map.of("e", e)));
                }
                writer.events().append(UUID.randomUUID(), Expected.any(), events);
            }
            long head = CountingProjection.events(writer, Set.of()).keySet().stream()
                    .mapToLong(Long::longValue)
                    .max()
                    .orElseThrow();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger kills = new AtomicInteger();
            CompletableFuture<Void> killer = CompletableFuture.runAsync(() -> kill(writer, running, kills));
            try (ProjectionDaemon daemon = node.projections().start()) {
                long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
                while (node.projections().status("slow_count").checkpoint() < head) {
                    assertThat(System.nanoTime()).as("caught up within 180 s").isLessThan(deadline);
                    Thread.sleep(100);
                }
            } finally {
                running.set(false);
                killer.join();
            }
            assertThat(kills.get()).as("batches killed").isPositive();
            Map<Long, Integer> once = CountingProjection.events(writer, Set.of()).keySet().stream()
                    .collect(Collectors.toMap(seq -> seq, seq -> 1));
            assertThat(counting.counts(writer)).hasSize(EVENTS).isEqualTo(once);
        }
    }

    private static String withApplicationName(String url, String name) {
        return url + (url.contains("?") ? "&" : "?") + "ApplicationName=" + name;
    }

    /** Terminates the daemon's connection whenever its transaction has been open for longer than the limit. */
    private static void kill(Store writer, AtomicBoolean running, AtomicInteger kills) {
        String sql = "select count(*) filter (where pg_terminate_backend(pid)) from pg_stat_activity"
                + " where application_name = 'rf_adaptive' and xact_start < now() - interval '" + KILL_AFTER_MILLIS
                + " milliseconds'";
        try (Connection c = TestDatabase.connection();
                Statement s = c.createStatement()) {
            while (running.get()) {
                try (ResultSet rs = s.executeQuery(sql)) {
                    rs.next();
                    kills.addAndGet(rs.getInt(1));
                }
                Thread.sleep(20);
            }
        } catch (SQLException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts each event, taking {@value #MILLIS_PER_EVENT} ms per event inside the batch's transaction. */
    private record SlowHandler(CountingProjection counting) implements ProjectionHandler {
        @Override
        public String name() {
            return counting.name();
        }

        @Override
        public void apply(EventEnvelope event, ProjectionContext context) throws Exception {
            Thread.sleep(MILLIS_PER_EVENT);
            counting.apply(event, context);
        }
    }
}
