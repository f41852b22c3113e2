package io.rillflow.aggregates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.ConcurrencyException;
import io.rillflow.Store;
import io.rillflow.events.Expected;
import io.rillflow.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** An aggregate repository inside the caller's transaction: commands commit or roll back with it, and never retry. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AggregateWithinTransactionTest {
    private Store store;
    private TallyRepository tallies;

    @BeforeAll
    void open() {
        store = TestDatabase.storeBuilder(getClass())
                .eventType("Added", Tally.Added.class)
                .build();
        tallies = new TallyRepository(store);
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Test
    void anExecuteWithinATransactionTheCallerRollsBackLeavesNoEvents() throws SQLException {
        tallies.execute("rolled", new Tally.Add("c1", 1), CommandContext.empty());
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            AggregateRepository<Tally, String> bound = tallies.within(c);
            CommandResult<Tally> result = bound.execute("rolled", new Tally.Add("c2", 4), CommandContext.empty());

            assertThat(result.version()).isEqualTo(2);
            assertThat(bound.load("rolled").orElseThrow().total())
                    .as("the transaction loads its own events")
                    .isEqualTo(5);
            assertThat(tallies.load("rolled").orElseThrow().total()).isEqualTo(1);
            c.rollback();
        }
        assertThat(eventRows(tallies.streamId("rolled"))).isEqualTo(1);
        assertThat(tallies.load("rolled").orElseThrow().applied()).containsExactly("c1");
    }

    @Test
    void anExecuteWithinATransactionTheCallerCommitsIsStored() throws SQLException {
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            tallies.within(c).execute("committed", new Tally.Add("c1", 3), CommandContext.empty());
            c.commit();
        }
        assertThat(eventRows(tallies.streamId("committed"))).isEqualTo(1);
        assertThat(tallies.state("committed").version()).isEqualTo(1);
    }

    @Test
    void aSnapshotWrittenWithinATransactionRollsBackWithIt() throws SQLException {
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            tallies.within(c).commitAndSnapshot("snapped", new Tally.Add("c1", 2), CommandContext.empty(), 1);
            assertThat(snapshotRows(c, tallies.streamId("snapped"))).isEqualTo(1);
            c.rollback();
        }
        try (Connection c = TestDatabase.connection()) {
            assertThat(snapshotRows(c, tallies.streamId("snapped"))).isZero();
        }
        assertThat(eventRows(tallies.streamId("snapped"))).isZero();
    }

    @Test
    void aConflictWithinATransactionIsNotRetriedAndReachesTheCaller() throws SQLException {
        UUID stream = tallies.streamId("raced");
        AtomicInteger decisions = new AtomicInteger();
        TallyRepository racing = new TallyRepository(store);
        racing.beforeCommit(state -> {
            // Another writer appends between every load and the append.
            decisions.incrementAndGet();
            store.events().append(stream, Expected.any(), List.of(new Tally.Added("other", 1)));
        });
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            AggregateRepository<Tally, String> bound = racing.within(c);
            assertThatThrownBy(() -> bound.execute("raced", new Tally.Add("mine", 1), CommandContext.empty()))
                    .isInstanceOf(ConcurrencyException.class);
            c.rollback();
        }
        assertThat(decisions).as("decided once, no retry").hasValue(1);
        assertThat(tallies.load("raced").orElseThrow().applied()).containsExactly("other");
    }

    @Test
    void aRepositoryWithinATransactionRefusesRetriesAndNull() throws SQLException {
        try (Connection c = store.dataSource().getConnection()) {
            AggregateRepository<Tally, String> bound = tallies.within(c);
            assertThatThrownBy(() -> bound.maxAttempts(3))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("retry the whole transaction");
        }
        assertThatThrownBy(() -> tallies.within(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("within(...) needs the caller's open connection");
    }

    private long snapshotRows(Connection c, UUID stream) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "select count(*) from \"" + store.schemaName() + "\".rf_snapshots where stream_id = ?")) {
            p.setObject(1, stream);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long eventRows(UUID stream) throws SQLException {
        try (Connection c = TestDatabase.connection();
                PreparedStatement p = c.prepareStatement(
                        "select count(*) from \"" + store.schemaName() + "\".rf_events where stream_id = ?")) {
            p.setObject(1, stream);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
