package io.rillflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.documents.DocumentCollection;
import io.rillflow.events.Event;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.projections.ProjectionContext;
import io.rillflow.projections.ProjectionHandler;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Interactive calls give up after the statement and lock timeouts; background batches run under their own. */
class TimeoutsTest {
    record Note(String text) {}

    @Test
    void aPutBehindARowLockHeldElsewhereFailsWithinTheLockTimeoutAndWritesNothing() throws Exception {
        try (Store store = TestDatabase.storeBuilder(getClass())
                .lockTimeout(Duration.ofMillis(300))
                .build()) {
            DocumentCollection<Note, UUID> notes = store.documents(Note.class, UUID.class);
            UUID id = UUID.randomUUID();
            notes.put(id, new Note("first"));
            try (Connection holder = TestDatabase.connection()) {
                holder.setAutoCommit(false);
                try (PreparedStatement lock = holder.prepareStatement(
                        "select 1 from " + TestDatabase.table(store, notes) + " where id = ? for update")) {
                    lock.setObject(1, id);
                    lock.executeQuery().close();
                }
                long start = System.nanoTime();
                CompletableFuture<Long> put = CompletableFuture.supplyAsync(() -> notes.put(id, new Note("second")));
                assertThatThrownBy(() -> put.get(15, TimeUnit.SECONDS))
                        .cause()
                        .isInstanceOfSatisfying(DatabaseTimeoutException.class, e -> {
                            assertThat(e.setting()).isEqualTo("lockTimeout");
                            assertThat(e.limit()).isEqualTo(Duration.ofMillis(300));
                        })
                        .hasMessageContaining("lock_timeout (300 ms)")
                        .hasMessageContaining("StoreBuilder.lockTimeout")
                        .hasMessageContaining("[statement: ");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
                holder.rollback();
            }
            assertThat(notes.load(id)).contains(new Note("first"));
            assertThat(notes.get(id).orElseThrow().version()).isEqualTo(1);
        }
    }

    @Test
    void aStatementThatRunsLongerThanTheStatementTimeoutIsCancelledAndWritesNothing() {
        try (Store store = TestDatabase.storeBuilder(getClass())
                .statementTimeout(Duration.ofMillis(200))
                .build()) {
            UUID stream = UUID.randomUUID();
            String s = "\"" + store.schemaName() + "\"";
            TestDatabase.execute("create function " + s + ".slow() returns trigger language plpgsql as $$ begin"
                    + " perform pg_sleep(2); return new; end $$");
            TestDatabase.execute("create trigger slow before insert on " + s + ".rf_events for each row when"
                    + " (new.type = 'Slow') execute function " + s + ".slow()");

            assertThatThrownBy(() -> store.events().append(stream, Expected.any(), List.of(Event.of("Slow", 1))))
                    .isInstanceOfSatisfying(DatabaseTimeoutException.class, e -> assertThat(e.setting())
                            .isEqualTo("statementTimeout"))
                    .hasMessageContaining("statement_timeout (200 ms)")
                    .hasMessageContaining("raise StoreBuilder.statementTimeout");
            assertThat(store.events().readStream(stream)).isEmpty();
        }
    }

    @Test
    void theInteractiveLimitsAreEverySessionsDefaultFromTheStartupPacketNotAPerCallSet() throws Exception {
        try (Store store = TestDatabase.storeBuilder(getClass())
                .statementTimeout(Duration.ofMillis(1500))
                .lockTimeout(Duration.ofMillis(700))
                .build()) {
            try (Connection c = store.dataSource().getConnection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select name, setting, source from pg_settings"
                            + " where name in ('lock_timeout', 'statement_timeout') order by name")) {
                List<String> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(rs.getString(1) + "=" + rs.getString(2) + " from " + rs.getString(3));
                }
                // "client": set by the connection's startup packet; a SET would show "session".
                assertThat(rows).containsExactly("lock_timeout=700 from client", "statement_timeout=1500 from client");
            }
        }
    }

    @Test
    void aDaemonBatchRunsUnderTheBackgroundLimitsNotTheInteractiveOnes() {
        try (Store store = TestDatabase.storeBuilder(getClass())
                .statementTimeout(Duration.ofMillis(200))
                .backgroundStatementTimeout(Duration.ofSeconds(20))
                .projectionOptions(ProjectionOptions.defaults().withPollInterval(Duration.ofMillis(50)))
                .build()) {
            List<String> seen = new ArrayList<>();
            store.projections().register(new ProjectionHandler() {
                @Override
                public String name() {
                    return "slow_reader";
                }

                @Override
                public Set<String> eventTypes() {
                    return Set.of("Tick");
                }

                @Override
                public void apply(EventEnvelope event, ProjectionContext context) throws Exception {
                    try (Statement s = context.connection().createStatement();
                            ResultSet rs = s.executeQuery(
                                    "select current_setting('statement_timeout'), pg_sleep(0.5)::text")) {
                        rs.next();
                        seen.add(rs.getString(1));
                    }
                }
            });
            store.events().append(UUID.randomUUID(), Expected.any(), List.of(Event.of("Tick", Map.of())));

            store.projections().runUntilIdle();

            assertThat(seen).containsExactly("20s");
            assertThat(store.projections().status("slow_reader").checkpoint()).isPositive();
            assertThat(store.projections().status("slow_reader").lastError()).isNull();
        }
    }
}
