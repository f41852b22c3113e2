package io.rillflow.examples.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.RillflowException;
import io.rillflow.Store;
import io.rillflow.aggregates.CommandContext;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.examples.orders.OrderCommand;
import io.rillflow.examples.orders.OrderRepository;
import io.rillflow.sessions.DocumentSession;
import io.rillflow.sessions.SessionOptions;
import io.rillflow.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Session defaults from the builder, overridden per session; stream locks; a connection killed mid-save. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionOptionsTest {
    private static final UUID CORRELATION = UUID.fromString("00000000-0000-0000-0000-00000000c0de");

    private Store store;
    private AccountRepository accounts;

    @BeforeAll
    void open() {
        store = TestDatabase.storeBuilder(getClass())
                .sessionDefaults(SessionOptions.defaults()
                        .withHeader("source", "api")
                        .withActor("service")
                        .withCorrelationId(CORRELATION))
                .build();
        accounts = new AccountRepository(store);
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Test
    void everyEventCarriesTheDefaultsAndWhatTheSessionAndTheAppendChange() {
        UUID stream = UUID.randomUUID();
        UUID cause = UUID.randomUUID();
        try (DocumentSession session = store.openSession(o -> o.withActor("ada"))) {
            session.events().append(stream, Expected.noStream(), new MoneyMoved(stream, stream, 1));
            session.events()
                    .append(
                            stream,
                            Expected.exact(1),
                            java.util.List.of(new MoneyMoved(stream, stream, 2)),
                            new AppendOptions(Map.of("source", "batch"), cause, null));
            session.saveChanges();
        }
        EventEnvelope first = store.events().readStream(stream).get(0);
        EventEnvelope second = store.events().readStream(stream).get(1);
        assertThat(first.header("source")).contains("api");
        assertThat(first.header(CommandContext.ACTOR_HEADER)).contains("ada");
        assertThat(first.correlationId()).isEqualTo(CORRELATION);
        assertThat(second.header("source")).as("the append's own header wins").contains("batch");
        assertThat(second.causationId()).isEqualTo(cause);
        assertThat(second.correlationId()).isEqualTo(CORRELATION);
    }

    @Test
    void documentsRecordTheSessionsActorAsCreatorAndLastModifier() {
        UUID id = UUID.randomUUID();
        try (DocumentSession session = store.openSession(o -> o.withActor("ada"))) {
            session.store(new Account(id, "ada", 10));
            session.saveChanges();
        }
        var created = accounts.loadWithMetadata(id).orElseThrow().metadata();
        assertThat(created.createdBy()).contains("ada");
        assertThat(created.lastModifiedBy()).contains("ada");
        try (DocumentSession session = store.openSession()) {
            session.load(Account.class, id).orElseThrow().deposit(1);
            session.store(session.load(Account.class, id).orElseThrow());
            session.saveChanges();
        }
        var changed = accounts.loadWithMetadata(id).orElseThrow().metadata();
        assertThat(changed.createdBy()).contains("ada");
        assertThat(changed.lastModifiedBy()).as("the builder's default actor").contains("service");
        accounts.put(new Account(id, "ada", 12));
        assertThat(accounts.loadWithMetadata(id).orElseThrow().metadata().lastModifiedBy())
                .as("a write outside a session has no actor")
                .isEmpty();
    }

    @Test
    void aCommandsContextWinsOverTheSessionsWhereItSpeaks() {
        OrderRepository orders = new OrderRepository(store);
        UUID order = UUID.randomUUID();
        try (DocumentSession session = store.openSession()) {
            session.aggregates(orders)
                    .execute(
                            order,
                            new OrderCommand.Create("ada"),
                            CommandContext.empty().withActor("clerk"));
            session.saveChanges();
        }
        EventEnvelope created = store.events().readStream(order).get(0);
        assertThat(created.header(CommandContext.ACTOR_HEADER)).contains("clerk");
        assertThat(created.header("source")).contains("api");
        assertThat(created.correlationId()).isEqualTo(CORRELATION);
    }

    @Test
    void badOptionsAreRefused() {
        assertThatThrownBy(() -> SessionOptions.defaults().withHeader(CommandContext.ACTOR_HEADER, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("withActor");
        assertThatThrownBy(() -> SessionOptions.defaults().withActor(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank");
        assertThatThrownBy(() -> SessionOptions.defaults().withActor("a".repeat(SessionOptions.MAX_ACTOR_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("257 characters");
        assertThatThrownBy(() -> SessionOptions.defaults().withActor("a\u0000b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NUL");
        assertThatThrownBy(() -> SessionOptions.defaults().withMaxAttempts(0))
                .isInstanceOf(IllegalArgumentException.class);
        try (Connection c = TestDatabase.connection()) {
            assertThatThrownBy(() -> Store.builder()
                            .sessionDefaults(SessionOptions.defaults().within(c)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must not name a connection");
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void withStreamLocksASaveQueuesBehindTheHolderOfAStreamsLock() throws Exception {
        UUID stream = UUID.randomUUID();
        UUID account = UUID.randomUUID();
        try (Connection holder = TestDatabase.connection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement p =
                    holder.prepareStatement("select pg_advisory_xact_lock(hashtextextended('rf_stream:' || ?, 0))")) {
                p.setString(1, stream.toString());
                p.execute();
            }
            CompletableFuture<Void> save = CompletableFuture.runAsync(() -> {
                try (DocumentSession session = store.openSession(o -> o.withStreamLocks(true))) {
                    session.store(new Account(account, "ada", 1));
                    session.events().append(stream, Expected.noStream(), new MoneyMoved(account, account, 1));
                    session.saveChanges();
                }
            });
            awaitBlockedBy(holder);
            assertThat(save).isNotDone();
            holder.commit();
            save.get(30, TimeUnit.SECONDS);
        }
        assertThat(accounts.load(account)).isPresent();
        assertThat(store.events().readStream(stream)).hasSize(1);
    }

    @Test
    void aConnectionKilledDuringSaveChangesWritesNothing() throws Exception {
        UUID blocked = UUID.randomUUID();
        UUID written = UUID.randomUUID();
        accounts.put(new Account(blocked, "bob", 1));
        try (Connection holder = TestDatabase.connection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement p = holder.prepareStatement(
                    "select 1 from " + TestDatabase.table(store, accounts.collection()) + " where id = ? for update")) {
                p.setObject(1, blocked);
                p.executeQuery().close();
            }
            CompletableFuture<Void> save = CompletableFuture.runAsync(() -> {
                try (DocumentSession session = store.openSession()) {
                    session.store(new Account(written, "ada", 1));
                    session.delete(Account.class, blocked);
                    session.events().append(written, Expected.noStream(), new MoneyMoved(written, written, 1));
                    session.saveChanges();
                }
            });
            // The unit has written the new account (one statement per kind: stores before deletes) and now waits.
            int pid = awaitBlockedBy(holder);
            try (PreparedStatement kill = holder.prepareStatement("select pg_terminate_backend(?)")) {
                kill.setInt(1, pid);
                kill.executeQuery().close();
            }
            assertThat(save)
                    .failsWithin(30, TimeUnit.SECONDS)
                    .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .withCauseInstanceOf(RillflowException.class);
            holder.rollback();
        }
        assertThat(accounts.load(written)).as("nothing of the unit").isEmpty();
        assertThat(accounts.load(blocked)).isPresent();
        assertThat(store.events().readStream(written)).isEmpty();
    }

    /** The pid of a backend waiting for a lock {@code holder} holds, once there is one; other tests' are left alone. */
    private static int awaitBlockedBy(Connection holder) throws SQLException, InterruptedException {
        int holderPid;
        try (PreparedStatement p = holder.prepareStatement("select pg_backend_pid()");
                ResultSet rs = p.executeQuery()) {
            rs.next();
            holderPid = rs.getInt(1);
        }
        try (Connection c = TestDatabase.connection();
                PreparedStatement p = c.prepareStatement(
                        "select pid from pg_stat_activity where ? = any(pg_blocking_pids(pid)) limit 1")) {
            p.setInt(1, holderPid);
            for (int i = 0; i < 600; i++) {
                try (ResultSet rs = p.executeQuery()) {
                    if (rs.next()) {
                        return rs.getInt(1);
                    }
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("No backend waited for a lock of backend " + holderPid);
    }
}
