package io.rillflow.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.RillflowException;
import io.rillflow.Store;
import io.rillflow.annotations.ProjectionMode;
import io.rillflow.documents.DocumentCollection;
import io.rillflow.events.AppendResult;
import io.rillflow.events.Event;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.EventStore;
import io.rillflow.events.Expected;
import io.rillflow.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The application's own transaction: its SQL, documents and events ({@code EventStore.within}) commit or roll back
 * together, inline projections included, and the daemon applies what committed exactly once. Checked with raw SQL.
 */
class OwnTransactionTest {
    /** A document the application stores beside its events. */
    record Note(String text) {}

    /** An INLINE counting projection of {@code Tock} events. */
    private record InlineTocks(CountingProjection counting) implements ProjectionHandler {
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
    }

    private Store store;
    private CountingProjection ticks;
    private CountingProjection tocks;
    private DocumentCollection<Note, UUID> notes;
    private String ledger;

    @BeforeEach
    void open() {
        store = TestDatabase.store(getClass());
        ticks = new CountingProjection(store, "async_ticks", Set.of("Tick"));
        tocks = new CountingProjection(store, "inline_tocks", Set.of("Tock"));
        store.projections().register(ticks);
        store.projections().register(new InlineTocks(tocks));
        notes = store.documents(Note.class, UUID.class);
        ledger = "\"" + store.schemaName() + "\".ledger";
        CountingProjection.execute(store, "create table " + ledger + " (stream uuid primary key)");
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void applicationSqlDocumentAndEventRolledBackByTheApplicationLeaveNothing() throws SQLException {
        UUID stream = UUID.randomUUID();
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            EventStore events = store.events().within(c);
            writeAll(c, events, stream);

            assertThat(events.readStream(stream))
                    .extracting(EventEnvelope::type)
                    .containsExactly("Tick");
            assertThat(events.stream(stream).orElseThrow().version()).isEqualTo(1);
            assertThat(store.events().readStream(stream))
                    .as("invisible outside the transaction")
                    .isEmpty();
            c.rollback();
            assertThat(c.isClosed()).isFalse();
        }
        assertThat(rows("select count(*) from " + ledger + " where stream = ?", stream))
                .isZero();
        assertThat(rows("select count(*) from " + TestDatabase.table(store, notes) + " where id = ?", stream))
                .isZero();
        assertThat(eventRows(stream)).isZero();
        assertThat(rows("select count(*) from \"" + store.schemaName() + "\".rf_streams where id = ?", stream))
                .isZero();
        store.projections().runUntilIdle();
        assertThat(ticks.counts(store)).isEmpty();
    }

    @Test
    void committedByTheApplicationAllIsVisibleAndTheDaemonAppliesTheEventExactlyOnce() throws SQLException {
        UUID stream = UUID.randomUUID();
        AppendResult appended;
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            appended = writeAll(c, store.events().within(c), stream);
            c.commit();
        }
        assertThat(rows("select count(*) from " + ledger + " where stream = ?", stream))
                .isEqualTo(1);
        assertThat(notes.load(stream)).contains(new Note("paid"));
        assertThat(eventRows(stream)).isEqualTo(1);

        store.projections().runUntilIdle();
        store.projections().runUntilIdle();
        assertThat(ticks.counts(store)).containsExactly(Map.entry(appended.lastGlobalSeq(), 1));
    }

    @Test
    void anInlineProjectionWritesInTheCallersTransactionAndRollsBackWithIt() throws SQLException {
        UUID stream = UUID.randomUUID();
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            AppendResult tock =
                    store.events().within(c).append(stream, Expected.noStream(), List.of(Event.of("Tock", Map.of())));

            assertThat(rows(
                            c,
                            "select count(*) from \"" + store.schemaName()
                                    + "\".counted_inline_tocks where global_seq = ?",
                            tock.lastGlobalSeq()))
                    .as("the inline projection wrote on the caller's connection")
                    .isEqualTo(1);
            assertThat(tocks.counts(store)).as("not committed").isEmpty();
            c.rollback();
        }
        assertThat(tocks.counts(store)).isEmpty();
        assertThat(eventRows(stream)).isZero();
    }

    @Test
    void aCopySizedAppendWithinATransactionRollsBack() throws SQLException {
        UUID stream = UUID.randomUUID();
        List<Event> many = Collections.nCopies(250, Event.of("Bulk", Map.of("n", 1)));
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            EventStore events = store.events().within(c);
            assertThat(events.append(stream, Expected.noStream(), many).streamVersion())
                    .isEqualTo(250);
            assertThat(events.readStream(stream)).hasSize(250);
            c.rollback();
        }
        assertThat(eventRows(stream)).isZero();
    }

    @Test
    void onAConnectionInAutoCommitAnAppendWithItsInlineProjectionIsStillAllOrNothing() throws SQLException {
        UUID stream = UUID.randomUUID();
        tocks.poison(e -> true);
        try (Connection c = store.dataSource().getConnection()) {
            assertThat(c.getAutoCommit()).isTrue();
            EventStore events = store.events().within(c);
            assertThatThrownBy(() -> events.append(stream, Expected.noStream(), List.of(Event.of("Tock", Map.of()))))
                    .isInstanceOf(RillflowException.class)
                    .hasMessageContaining("Inline projection inline_tocks failed");
            assertThat(c.getAutoCommit()).as("left as it was").isTrue();

            tocks.poison(e -> false);
            events.append(stream, Expected.noStream(), Collections.nCopies(200, Event.of("Tock", Map.of())));
        }
        assertThat(eventRows(stream)).isEqualTo(200);
        assertThat(tocks.counts(store)).hasSize(200);
    }

    @Test
    void anIdempotentAppendThroughRfAppendRollsBackWithItsKey() throws SQLException {
        UUID stream = UUID.randomUUID();
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            store.events()
                    .within(c)
                    .builder(stream)
                    .idempotencyKey("pay-1")
                    .push(Event.of("Tick", Map.of()))
                    .send();
            c.rollback();
        }
        assertThat(eventRows(stream)).isZero();
        store.events()
                .builder(stream)
                .idempotencyKey("pay-1")
                .push(Event.of("Tick", Map.of()))
                .send();
        assertThat(eventRows(stream)).as("the rolled-back key was not kept").isEqualTo(1);
    }

    @Test
    void readAllWithinStopsBeforeTheTransactionsOwnEventsUntilItCommits() throws SQLException {
        AppendResult before =
                store.events().append(UUID.randomUUID(), Expected.noStream(), List.of(Event.of("Tock", Map.of())));
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            EventStore events = store.events().within(c);
            events.append(UUID.randomUUID(), Expected.noStream(), List.of(Event.of("Tock", Map.of())));
            assertThat(events.readAll(0, 100))
                    .extracting(EventEnvelope::globalSeq)
                    .containsExactly(before.lastGlobalSeq());
            c.commit();
        }
        assertThat(store.events().readAll(0, 100)).hasSize(2);
    }

    @Test
    void withinNullIsRefused() {
        assertThatThrownBy(() -> store.events().within(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("within(...) needs the caller's open connection");
    }

    /** The application's row, a document and an event, all on {@code c}. */
    private AppendResult writeAll(Connection c, EventStore events, UUID stream) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("insert into " + ledger + " (stream) values (?)")) {
            p.setObject(1, stream);
            p.executeUpdate();
        }
        notes.within(c).put(stream, new Note("paid"));
        return events.append(stream, Expected.noStream(), List.of(Event.of("Tick", Map.of("amount", 5))));
    }

    private long eventRows(UUID stream) throws SQLException {
        return rows("select count(*) from \"" + store.schemaName() + "\".rf_events where stream_id = ?", stream);
    }

    private long rows(String sql, Object parameter) throws SQLException {
        try (Connection c = TestDatabase.connection()) {
            return rows(c, sql, parameter);
        }
    }

    private long rows(Connection c, String sql, Object parameter) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setObject(1, parameter);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
