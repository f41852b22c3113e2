package io.rillflow.projections;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.annotations.ProjectionMode;
import io.rillflow.events.Event;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.testing.OpenAppends;
import io.rillflow.testing.TestDatabase;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * Transactions that are open but append no events (a batch job writing other tables, a forgotten
 * {@code idle in transaction} session, a {@code pg_dump} snapshot) must not delay log readers; a writer that does
 * append is still waited for. Real transactions held open on their own connections, on the test server (embedded, or
 * {@code DATABASE_URL} when set).
 */
class ProjectionOpenTransactionTest {
    /** Generous: a reader that is not blocked catches up in milliseconds; a blocked one never does. */
    private static final Duration CATCH_UP = Duration.ofSeconds(20);

    private Store store;
    private CountingProjection all;

    @BeforeEach
    void open() {
        store = TestDatabase.storeBuilder(getClass()).build();
        all = new CountingProjection(store, "all_events", Set.of());
        store.projections().register(all);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void committedHistoryIsReadByAFreshStoreWhileAnUnrelatedTransactionHoldsAnXid() throws Exception {
        List<Long> committed = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            committed.add(append("Committed"));
        }
        try (Connection idle = TestDatabase.connection()) {
            idle.setAutoCommit(false);
            assignXid(idle); // idle in transaction, with an xid, for the rest of the test
            try (Store fresh = TestDatabase.storeBuilder(getClass())
                    .schema(store.schemaName())
                    .build()) {
                CountingProjection counting = new CountingProjection(fresh, "fresh_events", Set.of());
                fresh.projections().register(counting);
                fresh.projections().runUntilIdle();
                assertThat(counting.counts(fresh).keySet()).containsExactlyElementsOf(committed);
                assertThat(fresh.events().readAll(0, 1000))
                        .extracting(EventEnvelope::globalSeq)
                        .containsExactlyElementsOf(committed);
            }
            idle.rollback();
        }
    }

    @Test
    void aLongUnrelatedWriteTransactionDoesNotHoldBackARunningProjection() throws Exception {
        String unrelated = "\"" + store.schemaName() + "\".unrelated_batch_job";
        TestDatabase.execute("create table " + unrelated + " (n int)");
        try (Connection batchJob = TestDatabase.connection();
                ProjectionDaemon daemon = store.projections().start()) {
            batchJob.setAutoCommit(false);
            try (Statement s = batchJob.createStatement()) {
                s.executeUpdate("insert into " + unrelated + " values (1)");
            }
            List<Long> appended = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                for (int i = 0; i < 10; i++) {
                    appended.add(append("WhileBatchJobRuns"));
                }
                long head = appended.get(appended.size() - 1);
                assertThat(eventually(() -> all.counts(store).containsKey(head)))
                        .as("round %d applied while the unrelated transaction is open", round)
                        .isTrue();
            }
            assertThat(all.counts(store)).isEqualTo(once(appended));
            batchJob.rollback();
        }
    }

    @Test
    void aWriterThatWaitsBeforeAppendingDelaysNobodyUntilItAppendsAndIsNeverSkipped() throws Exception {
        try (Connection writer = TestDatabase.connection();
                ProjectionDaemon daemon = store.projections().start()) {
            writer.setAutoCommit(false);
            assignXid(writer); // the writer has its xid, then waits
            List<Long> others = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                others.add(append("Other"));
            }
            long lastOther = others.get(others.size() - 1);
            assertThat(eventually(() -> all.counts(store).containsKey(lastOther)))
                    .as("events committed while the writer waits are applied")
                    .isTrue();

            long held = OpenAppends.append(writer, store, UUID.randomUUID(), List.of("Held"));
            List<Long> later = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                later.add(append("Later"));
            }
            assertThat(held).isLessThan(later.get(0));
            daemon.close();
            store.projections().runUntilIdle();
            assertThat(store.projections().status("all_events").checkpoint()).isLessThan(held);
            assertThat(store.events().readAll(0, 1000))
                    .extracting(EventEnvelope::globalSeq)
                    .doesNotContainAnyElementsOf(later);

            writer.commit();
            store.projections().runUntilIdle();
            List<Long> every = new ArrayList<>(others);
            every.add(held);
            every.addAll(later);
            assertThat(all.counts(store)).isEqualTo(once(every));
        }
    }

    /**
     * An append in flight publishes its first position: a store started meanwhile reads the committed events below
     * it at once (and none above it), through {@code rf_append} and through the one-statement append alike.
     */
    @Test
    void committedEventsBelowAnAppendInFlightAreReadByAFreshStore() throws Exception {
        List<Long> below = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            below.add(append("Below"));
        }
        try (Connection writer = TestDatabase.connection()) {
            writer.setAutoCommit(false);
            long held = OpenAppends.append(writer, store, UUID.randomUUID(), List.of("Held", "Held"));
            long above = append("Above");
            try (Store fresh = TestDatabase.storeBuilder(getClass())
                    .schema(store.schemaName())
                    .build()) {
                CountingProjection counting = new CountingProjection(fresh, "fresh_below", Set.of());
                fresh.projections().register(counting);
                fresh.projections().runUntilIdle();
                assertThat(counting.counts(fresh)).isEqualTo(once(below));
                assertThat(fresh.events().readAll(0, 1000))
                        .extracting(EventEnvelope::globalSeq)
                        .containsExactlyElementsOf(below);

                writer.commit();
                fresh.projections().runUntilIdle();
                List<Long> every = new ArrayList<>(below);
                every.addAll(List.of(held - 1, held, above));
                assertThat(counting.counts(fresh)).isEqualTo(once(every));
            }
        }
    }

    @Test
    void aOneStatementAppendInFlightPublishesItsFirstPositionToo() throws Exception {
        long before = append("Before");
        CountDownLatch inFlight = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountingProjection inline = new CountingProjection(store, "slow_inline", Set.of("Slow"));
        store.projections().register(new ProjectionHandler() {
            @Override
            public String name() {
                return "slow_inline";
            }

            @Override
            public Set<String> eventTypes() {
                return Set.of("Slow");
            }

            @Override
            public ProjectionMode mode() {
                return ProjectionMode.INLINE;
            }

            @Override
            public void apply(EventEnvelope event, ProjectionContext context) throws Exception {
                inFlight.countDown();
                assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
                inline.apply(event, context);
            }
        });
        ExecutorService appender = Executors.newSingleThreadExecutor();
        try {
            Future<Long> slow = appender.submit(() -> append("Slow"));
            assertThat(inFlight.await(30, TimeUnit.SECONDS)).isTrue();
            long after = append("After");
            try (Store fresh = TestDatabase.storeBuilder(getClass())
                    .schema(store.schemaName())
                    .build()) {
                assertThat(fresh.events().readAll(0, 1000))
                        .extracting(EventEnvelope::globalSeq)
                        .containsExactly(before);
                release.countDown();
                long held = slow.get(30, TimeUnit.SECONDS);
                assertThat(eventually(() -> fresh.events().readAll(0, 1000).size() == 3))
                        .isTrue();
                assertThat(fresh.events().readAll(0, 1000))
                        .extracting(EventEnvelope::globalSeq)
                        .containsExactly(before, held, after);
            }
        } finally {
            release.countDown();
            appender.shutdownNow();
        }
    }

    /**
     * The newest writer, still open, holds the position it drew: no transaction completed after it took its xid, so
     * a bound such as the snapshot's xmax (one past the newest completed xid) does not exceed its xid.
     */
    @Test
    void theNewestWriterStillOpenIsWaitedFor() throws Exception {
        long before = append("Before");
        store.projections().runUntilIdle();
        assertThat(store.events().readAll(0, 1000))
                .extracting(EventEnvelope::globalSeq)
                .containsExactly(before);
        try (Connection writer = TestDatabase.connection()) {
            writer.setAutoCommit(false);
            long held = OpenAppends.append(writer, store, UUID.randomUUID(), List.of("Held"));
            // readAll first: nothing has completed since the writer took its xid.
            assertThat(store.events().readAll(0, 1000))
                    .extracting(EventEnvelope::globalSeq)
                    .containsExactly(before);
            store.projections().runUntilIdle();
            assertThat(all.counts(store)).isEqualTo(once(List.of(before)));
            assertThat(store.projections().status("all_events").checkpoint()).isEqualTo(before);

            writer.commit();
            store.projections().runUntilIdle();
            assertThat(all.counts(store)).isEqualTo(once(List.of(before, held)));
            assertThat(store.events().readAll(0, 1000))
                    .extracting(EventEnvelope::globalSeq)
                    .containsExactly(before, held);
        }
    }

    /**
     * Writers that are not this version's append statements (a plain INSERT that takes no xid first, as a user's own
     * SQL might; a COPY) hold the same table lock from before they draw a seq, so they are waited for alike.
     */
    @Test
    void aPlainInsertAndACopyHeldOpenAreWaitedForAndAppliedOnce() throws Exception {
        String events = "\"" + store.schemaName() + "\".rf_events";
        try (Connection insert = TestDatabase.connection();
                Connection copy = TestDatabase.connection()) {
            insert.setAutoCommit(false);
            copy.setAutoCommit(false);
            long inserted;
            try (PreparedStatement p = insert.prepareStatement("insert into " + events
                    + " (stream_id, stream_seq, type, data) values (?, 1, 'Raw', '{}') returning global_seq")) {
                p.setObject(1, UUID.randomUUID());
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    inserted = rs.getLong(1);
                }
            }
            copy.unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn(
                            "copy " + events + " (stream_id, stream_seq, type, data) from stdin",
                            new StringReader(UUID.randomUUID() + "\t1\tCopied\t{}\n"));
            long later = append("Later");

            store.projections().runUntilIdle();
            assertThat(all.counts(store)).isEmpty();
            assertThat(store.events().readAll(0, 1000)).isEmpty();

            insert.commit();
            copy.commit();
            store.projections().runUntilIdle();
            List<Long> every =
                    new ArrayList<>(CountingProjection.events(store, Set.of()).keySet());
            assertThat(every).hasSize(3).contains(inserted, later);
            assertThat(all.counts(store)).isEqualTo(once(every));
        }
    }

    @Test
    void aLongRepeatableReadSnapshotDoesNotStallReaders() throws Exception {
        try (Connection dump = TestDatabase.connection();
                ProjectionDaemon daemon = store.projections().start()) {
            dump.setAutoCommit(false);
            dump.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement s = dump.createStatement()) {
                s.executeQuery("select count(*) from \"" + store.schemaName() + "\".rf_events")
                        .close();
            }
            List<Long> appended = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                appended.add(append("DuringDump"));
            }
            long head = appended.get(appended.size() - 1);
            assertThat(eventually(() -> all.counts(store).containsKey(head))).isTrue();
            assertThat(store.events().readAll(0, 1000))
                    .extracting(EventEnvelope::globalSeq)
                    .containsExactlyElementsOf(appended);
            dump.rollback();
        }
    }

    private long append(String type) {
        return store.events()
                .append(UUID.randomUUID(), Expected.any(), List.of(Event.of(type, Map.of("n", 1))))
                .lastGlobalSeq();
    }

    private static Map<Long, Integer> once(List<Long> positions) {
        return positions.stream().collect(Collectors.toMap(p -> p, p -> 1));
    }

    private static void assignXid(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("select pg_current_xact_id()")) {
            p.executeQuery().close();
        }
    }

    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + CATCH_UP.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }
}
