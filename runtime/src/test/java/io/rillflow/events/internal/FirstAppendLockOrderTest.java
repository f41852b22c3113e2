package io.rillflow.events.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.events.AppendResult;
import io.rillflow.events.Event;
import io.rillflow.events.Expected;
import io.rillflow.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two first appends to one stream, one through {@code rf_append} (idempotency key or stream lock), one through the
 * single statement: both must write the stream's row before their first event, or each ends up waiting for the row
 * the other holds and PostgreSQL kills one of them with "deadlock detected".
 */
class FirstAppendLockOrderTest {

    @Test
    void aFirstAppendWaitsForTheStreamRowBeforeClaimingItsFirstEvent() throws Exception {
        try (Store store = TestDatabase.store(getClass());
                Connection other = store.dataSource().getConnection()) {
            String schema = "\"" + store.schemaName() + "\"";
            UUID stream = UUID.randomUUID();
            // The other writer, as rf_append goes: the stream's row first, then (later) its first event.
            other.setAutoCommit(false);
            try (PreparedStatement p = other.prepareStatement(
                    "insert into " + schema + ".rf_streams (id, type) values (?, 'x') on conflict do nothing")) {
                p.setObject(1, stream);
                p.executeUpdate();
            }
            CompletableFuture<AppendResult> append = CompletableFuture.supplyAsync(
                    () -> store.events().append(stream, Expected.any(), List.of(Event.of("Added", Map.of("n", 1)))));
            awaitWaitingOnALock(store, other);
            // The single statement must be waiting for the stream row without having claimed position 1 yet: if it
            // had, this insert would wait for it while it waits for this transaction's row.
            try (PreparedStatement p = other.prepareStatement(
                    "insert into " + schema + ".rf_events"
                            + " (stream_id, stream_seq, type, data) values (?, 1, 'Added', '{\"n\": 0}') on conflict do nothing")) {
                p.setObject(1, stream);
                assertThat(p.executeUpdate()).isEqualTo(1);
            }
            other.commit();
            AppendResult result = append.get(30, TimeUnit.SECONDS);
            assertThat(result.streamVersion()).isEqualTo(2);
            assertThat(store.events().readStream(stream)).hasSize(2);
        }
    }

    /** Waits until some backend other than {@code holder}'s waits on a lock (the single-statement append). */
    private static void awaitWaitingOnALock(Store store, Connection holder) throws SQLException, InterruptedException {
        int holderPid;
        try (ResultSet rs = holder.createStatement().executeQuery("select pg_backend_pid()")) {
            rs.next();
            holderPid = rs.getInt(1);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try (Connection c = store.dataSource().getConnection();
                PreparedStatement p = c.prepareStatement("select count(*) from pg_stat_activity"
                        + " where wait_event_type = 'Lock' and pid <> ? and datname = current_database()")) {
            p.setInt(1, holderPid);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the append never waited for the other writer's stream row");
    }
}
