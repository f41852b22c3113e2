package io.rillflow.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.Store;
import io.rillflow.documents.DocumentVersion.Operation;
import io.rillflow.documents.SampleDocuments.Counter;
import io.rillflow.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every write path of a document with history records its version in the writing transaction. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentHistoryTest {
    private static final DocumentDefinition<Counter, UUID> COUNTER =
            new DocumentDefinition<>("counter", Counter.class, UUID.class, List.of()).withHistory();

    private Store store;
    private DocumentCollection<Counter, UUID> counters;

    @BeforeAll
    void open() {
        store = TestDatabase.store(getClass());
        counters = store.documents(COUNTER);
    }

    @AfterAll
    void close() {
        store.close();
    }

    /** The operations and versions of the id's history, oldest first, as "operation:version". */
    private List<String> trail(UUID id) {
        List<String> newestFirst = new ArrayList<>(counters.history(id).stream()
                .map(v -> v.operation() + ":" + v.version())
                .toList());
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    @Test
    void singleWritesEachRecordTheirVersion() {
        UUID id = UUID.randomUUID();
        counters.insert(id, new Counter("a", 1));
        counters.put(id, new Counter("a", 2));
        counters.put(id, new Counter("a", 3), 2);
        counters.update(id, Counter::increment);
        counters.update(id, 4, Counter::increment);
        counters.patch(id, "count", 10);
        counters.softDelete(id);
        counters.restore(id);
        counters.softDelete(id);
        counters.put(id, new Counter("a", 20));
        counters.delete(id);

        assertThat(trail(id))
                .containsExactly(
                        "INSERT:1",
                        "UPDATE:2",
                        "UPDATE:3",
                        "UPDATE:4",
                        "UPDATE:5",
                        "UPDATE:6",
                        "SOFT_DELETE:7",
                        "RESTORE:8",
                        "SOFT_DELETE:9",
                        "RESTORE:10",
                        "DELETE:11");
        assertThat(counters.history(id).stream().map(v -> v.value().count()).toList())
                .containsExactly(20L, 20L, 10L, 10L, 10L, 10L, 5L, 4L, 3L, 2L, 1L);
    }

    @Test
    void bulkWritesRecordEveryDocument() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        Map<UUID, Counter> fresh = new LinkedHashMap<>();
        fresh.put(a, new Counter("a", 1));
        fresh.put(b, new Counter("b", 1));
        counters.bulkInsert(fresh);
        counters.bulkPut(Map.of(a, new Counter("a", 2), b, new Counter("b", 2)));
        counters.bulkUpdate(Map.of(a, new Versioned<>(new Counter("a", 3), 2)));
        counters.softDeleteAll(List.of(a, b));
        counters.deleteAll(List.of(a, b));

        assertThat(trail(a)).containsExactly("INSERT:1", "UPDATE:2", "UPDATE:3", "SOFT_DELETE:4", "DELETE:5");
        assertThat(trail(b)).containsExactly("INSERT:1", "UPDATE:2", "SOFT_DELETE:3", "DELETE:4");
    }

    @Test
    void deletingTheWholeCollectionRecordsADeleteForEachDocument() {
        DocumentCollection<Counter, UUID> wiped = store.documents(
                new DocumentDefinition<>("wiped_counter", Counter.class, UUID.class, List.of()).withHistory());
        UUID live = UUID.randomUUID();
        UUID hidden = UUID.randomUUID();
        wiped.upsert(live, new Counter("live", 1));
        wiped.put(hidden, new Counter("hidden", 1));
        wiped.softDelete(hidden);

        assertThat(wiped.deleteAll()).isEqualTo(2);

        assertThat(wiped.history(live, 1).get(0).operation()).isEqualTo(Operation.DELETE);
        assertThat(wiped.history(hidden, 1).get(0))
                .satisfies(v -> assertThat(v.operation()).isEqualTo(Operation.DELETE))
                .satisfies(v -> assertThat(v.version()).isEqualTo(3));
    }

    @Test
    void aHardDeletedIdStoredAgainStartsAtVersionOneAndKeepsItsFormerLife() {
        UUID id = UUID.randomUUID();
        counters.put(id, new Counter("first", 1));
        counters.put(id, new Counter("first", 2));
        counters.delete(id);
        counters.put(id, new Counter("second", 1));

        assertThat(trail(id)).containsExactly("INSERT:1", "UPDATE:2", "DELETE:3", "INSERT:1");
        assertThat(counters.atVersion(id, 1).orElseThrow().value().name()).isEqualTo("second");
        assertThat(counters.atVersion(id, 3).orElseThrow())
                .satisfies(v -> assertThat(v.deleted()).isTrue())
                .satisfies(v -> assertThat(v.value()).isEqualTo(new Counter("first", 2)));
        assertThat(counters.atVersion(id, 4)).isEmpty();
        assertThat(counters.history(id, 2)).extracting(DocumentVersion::version).containsExactly(1L, 3L);
    }

    @Test
    void asOfATimeFindsTheVersionCurrentThen() {
        UUID id = UUID.randomUUID();
        Instant before = databaseNow();
        counters.put(id, new Counter("a", 1));
        Instant afterFirst = databaseNow();
        counters.put(id, new Counter("a", 2));
        Instant afterSecond = databaseNow();
        counters.delete(id);

        assertThat(counters.asOf(id, before)).isEmpty();
        assertThat(counters.asOf(id, afterFirst).orElseThrow().value().count()).isEqualTo(1);
        assertThat(counters.asOf(id, afterSecond).orElseThrow().version()).isEqualTo(2);
        DocumentVersion<Counter> now = counters.asOf(id, databaseNow()).orElseThrow();
        assertThat(now.operation()).isEqualTo(Operation.DELETE);
        assertThat(now.deleted()).isTrue();
        assertThat(counters.history(id).get(1).changedAt()).isBetween(afterFirst, afterSecond);
    }

    /** The database's clock, which stamps the history, rather than this JVM's. */
    private Instant databaseNow() {
        long micros = RawSql.queryLong(store, "select (extract(epoch from clock_timestamp()) * 1000000)::bigint")
                .orElseThrow();
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    @Test
    void aRolledBackTransactionLeavesNoHistoryAndACommittedOneRecordsItsActor() throws SQLException {
        UUID id = UUID.randomUUID();
        inTransaction(false, bound -> bound.put(id, new Counter("gone", 1)));
        assertThat(counters.history(id)).isEmpty();
        assertThat(RawSql.queryLong(store, "select count(*) from " + historyTable() + " where id = ?", id))
                .contains(0L);

        inTransaction(true, bound -> {
            bound.put(id, new Counter("kept", 1));
            assertThat(bound.history(id))
                    .as("visible inside the writing transaction")
                    .hasSize(1);
        });
        DocumentVersion<Counter> kept = counters.history(id).get(0);
        assertThat(kept.changedBy()).contains("alice");
        assertThat(kept.value().name()).isEqualTo("kept");

        counters.put(id, new Counter("kept", 2));
        assertThat(counters.history(id, 1).get(0).changedBy())
                .as("the actor is transaction-local")
                .isEmpty();
    }

    /** Runs {@code work} on a collection bound to a transaction that sets the actor alice, then ends it. */
    private void inTransaction(boolean commit, Consumer<DocumentCollection<Counter, UUID>> work) throws SQLException {
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("select set_config('rillflow.actor', 'alice', true)")) {
                p.execute();
            }
            work.accept(counters.within(c));
            if (commit) {
                c.commit();
            } else {
                c.rollback();
            }
        }
    }

    private String historyTable() {
        return "\"" + store.schemaName() + "\".rf_doc_counter_history";
    }

    @Test
    void aDocumentWithoutHistorySaysHowToTurnItOn() {
        DocumentCollection<Counter, UUID> plain = store.documents(Counter.class, UUID.class, "plain_counter");
        UUID id = UUID.randomUUID();
        plain.put(id, new Counter("a", 1));

        assertThatThrownBy(() -> plain.history(id))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("plain_counter")
                .hasMessageContaining("@Document(history = true)");
        assertThatThrownBy(() -> plain.asOf(id, Instant.now())).isInstanceOf(IllegalStateException.class);
        assertThat(RawSql.queryText(
                        store, "select to_regclass(?)::text", historyTable().replace("counter", "plain_counter")))
                .isEmpty();
    }

    @Test
    void badArgumentsAreRefusedWithTheirValue() {
        UUID id = UUID.randomUUID();
        assertThatThrownBy(() -> counters.history(id, 0)).hasMessageContaining("at least 1, was 0");
        assertThatThrownBy(() -> counters.atVersion(id, 0)).hasMessageContaining("start at 1, was 0");
        assertThatThrownBy(() -> counters.history(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
