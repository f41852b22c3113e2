package io.rillflow.events.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.ConcurrencyException;
import io.rillflow.Store;
import io.rillflow.events.AppendBuilder;
import io.rillflow.events.AppendResult;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.EventStore;
import io.rillflow.events.Expected;
import io.rillflow.events.StreamInfo;
import io.rillflow.internal.LogListener;
import io.rillflow.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * What the insert-only appends promise beyond the version check: every route takes its transaction id before it
 * draws a global position and wakes LISTENing readers; "any version" and "stream exists" appends racing on one
 * stream all land, in one gap-free sequence; a stream's version and last change come from its last event.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InsertOnlyAppendTest {
    private static final int COPY = AppendWriter.COPY_THRESHOLD;

    record Noted(int n) {}

    private Store store;
    private EventStore events;

    @BeforeAll
    void open() {
        store = TestDatabase.storeBuilder(getClass())
                .eventType("Noted", Noted.class)
                .build();
        events = store.events();
    }

    @AfterAll
    void close() {
        store.close();
    }

    private static List<Noted> batch(int size, int from) {
        return IntStream.range(from, from + size).mapToObj(Noted::new).toList();
    }

    /** One append of every route and expectation: to the given stream, or (no stream) to a new one. */
    private List<Function<UUID, AppendResult>> everyRoute() {
        List<Function<UUID, AppendResult>> routes = new ArrayList<>();
        for (int size : new int[] {1, 3, COPY}) {
            routes.add(s -> events.append(s, Expected.any(), batch(size, 0)));
            routes.add(s -> events.append(
                    s, Expected.exact(events.stream(s).orElseThrow().version()), batch(size, 0)));
            routes.add(s -> events.append(s, Expected.streamExists(), batch(size, 0)));
            routes.add(s -> events.builder(s)
                    .idempotencyKey("k" + size)
                    .pushAll(batch(size, 0))
                    .send());
            routes.add(
                    s -> events.builder(s).lockStream().pushAll(batch(size, 0)).send());
            routes.add(s -> events.append(UUID.randomUUID(), Expected.noStream(), batch(size, 0)));
        }
        return routes;
    }

    @Test
    void everyRouteTakesItsTransactionIdBeforeDrawingAGlobalPosition() throws SQLException {
        // Column defaults are computed in column order, global_seq's first: a tx_id default that finds no xid yet
        // catches a row whose global_seq was drawn before the transaction had one. The one-statement appends store
        // the xid they took first instead of the default, so on their rows this probe never runs.
        String schema = "\"" + store.schemaName() + "\"";
        try (Connection c = store.dataSource().getConnection();
                Statement st = c.createStatement()) {
            st.execute("create function " + schema + ".xid_first() returns xid8 language plpgsql as $$ begin"
                    + " if pg_current_xact_id_if_assigned() is null then"
                    + " raise exception 'global_seq drawn before the transaction id'; end if;"
                    + " return pg_current_xact_id(); end $$");
            st.execute(
                    "alter table " + schema + ".rf_events alter column tx_id set default " + schema + ".xid_first()");
        }
        try {
            UUID stream = UUID.randomUUID();
            long appended = 0;
            for (Function<UUID, AppendResult> route : everyRoute()) {
                AppendResult result = route.apply(stream);
                if (result.streamId().equals(stream)) {
                    appended = result.streamVersion();
                }
            }
            assertThat(appended).isEqualTo(5L * (1 + 3 + COPY));
            assertThat(events.readStream(stream)).hasSize((int) appended);
            // The probe itself catches a writer that does not take its xid first. The position is given, not drawn:
            // nextval() assigns an xid itself whenever it writes the sequence to the WAL (every 32 values, and first
            // after a checkpoint), which made this check pass or fail by chance.
            try (Connection c = store.dataSource().getConnection();
                    Statement st = c.createStatement()) {
                assertThatThrownBy(() -> st.execute("insert into " + schema + ".rf_events"
                                + " (global_seq, stream_id, stream_seq, type, data) overriding system value"
                                + " values (9000000000000000000, gen_random_uuid(), 1, 'x', '{}')"))
                        .hasMessageContaining("drawn before the transaction id");
            }
        } finally {
            try (Connection c = store.dataSource().getConnection();
                    Statement st = c.createStatement()) {
                st.execute("alter table " + schema + ".rf_events alter column tx_id set default pg_current_xact_id()");
            }
        }
    }

    @Test
    void everyRouteWakesListeningReaders() throws Exception {
        try (Connection listener = store.dataSource().getConnection()) {
            try (Statement st = listener.createStatement()) {
                st.execute("LISTEN \"" + LogListener.channel(store.schemaName()) + "\"");
            }
            PGConnection pg = listener.unwrap(PGConnection.class);
            UUID stream = UUID.randomUUID();
            int route = 0;
            for (Function<UUID, AppendResult> append : everyRoute()) {
                route++;
                append.apply(stream);
                PGNotification[] woke = pg.getNotifications(5_000);
                assertThat(woke).as("notifications after route %d", route).isNotEmpty();
                assertThat(woke[0].getName()).isEqualTo(LogListener.channel(store.schemaName()));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, COPY})
    void racingAppendsAtAnyVersionAllLandInOneGapFreeSequence(int size) throws Exception {
        UUID stream = UUID.randomUUID();
        int threads = 6;
        int perThread = size == COPY ? 3 : 25;
        List<List<AppendResult>> results = race(threads, writer -> {
            List<AppendResult> mine = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                // Half the writers use the server-side function (an idempotency key), the rest one statement.
                Expected expected = i == 0 || writer % 2 == 0 ? Expected.any() : Expected.streamExists();
                AppendBuilder append = events.builder(stream).expected(expected);
                if (writer % 3 == 0) {
                    append.idempotencyKey("w" + writer + "-" + i);
                }
                mine.add(append.pushAll(batch(size, 1000 * writer + i)).send());
            }
            return mine;
        });
        long total = (long) threads * perThread * size;
        assertThat(events.stream(stream).orElseThrow().version()).isEqualTo(total);
        List<EventEnvelope> read = events.readStream(stream);
        assertThat(read)
                .extracting(EventEnvelope::streamSeq)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, total).boxed().toList());
        // Every append landed whole and contiguous, at the version its result reports.
        for (List<AppendResult> writer : results) {
            for (AppendResult r : writer) {
                List<EventEnvelope> mine = read.subList((int) (r.streamVersion() - size), (int) r.streamVersion());
                assertThat(mine.get(0).globalSeq()).isEqualTo(r.firstGlobalSeq());
                assertThat(mine.get(size - 1).globalSeq()).isEqualTo(r.lastGlobalSeq());
                int first = mine.get(0).as(Noted.class).n();
                assertThat(mine)
                        .extracting(e -> e.as(Noted.class).n())
                        .containsExactlyElementsOf(
                                IntStream.range(first, first + size).boxed().toList());
            }
        }
    }

    @Test
    void racingFirstAppendsCreateTheStreamOnce() throws Exception {
        UUID stream = UUID.randomUUID();
        List<List<AppendResult>> results = race(6, writer -> {
            try {
                return List.of(events.append(stream, Expected.noStream(), batch(2, 10 * writer)));
            } catch (ConcurrencyException e) {
                assertThat(e.actual()).isEqualTo(2);
                return List.of();
            }
        });
        assertThat(results.stream().mapToInt(List::size).sum()).isEqualTo(1);
        assertThat(events.readStream(stream))
                .extracting(EventEnvelope::streamSeq)
                .containsExactly(1L, 2L);
        try (Connection c = store.dataSource().getConnection();
                PreparedStatement p = c.prepareStatement(
                        "select count(*) from \"" + store.schemaName() + "\".rf_streams where id = ?")) {
            p.setObject(1, stream);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void aStreamsVersionAndLastChangeAreItsLastEvents() {
        UUID stream = UUID.randomUUID();
        events.builder(stream).streamType("cart").pushAll(batch(2, 0)).send();
        StreamInfo created = events.stream(stream).orElseThrow();
        events.append(stream, Expected.exact(2), batch(3, 2));
        StreamInfo info = events.stream(stream).orElseThrow();
        EventEnvelope last = events.readStream(stream).get(4);

        assertThat(info.version()).isEqualTo(5);
        assertThat(info.type()).isEqualTo("cart");
        assertThat(info.createdAt()).isEqualTo(created.createdAt());
        assertThat(info.updatedAt()).isEqualTo(last.createdAt()).isAfterOrEqualTo(created.updatedAt());
        assertThat(events.stream(UUID.randomUUID())).isEmpty();
        assertThat(info.updatedAt()).isBeforeOrEqualTo(Instant.now());
    }

    private static <T> List<T> race(int threads, WriterTask<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<T>> writers = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                int writer = w;
                writers.add(() -> task.run(writer));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(writers)) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface WriterTask<T> {
        T run(int writer) throws Exception;
    }
}
