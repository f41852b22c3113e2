package io.rillflow.documents;

import static io.rillflow.documents.IndexFixture.SKU;
import static io.rillflow.documents.IndexFixture.item;
import static io.rillflow.documents.IndexFixture.start;
import static io.rillflow.documents.RawSql.queryLong;
import static io.rillflow.documents.RawSql.rowCount;
import static io.rillflow.documents.RawSql.storedJson;
import static io.rillflow.documents.RawSql.storedVersion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.ConcurrencyException;
import io.rillflow.Store;
import io.rillflow.documents.IndexFixture.Item;
import io.rillflow.documents.SampleDocuments.Counter;
import io.rillflow.testing.TestDatabase;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Bulk put, update with expected versions and delete by ids: results, stored rows, all or nothing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentBulkWriteTest {
    private static final int MANY = 2 * DocumentCollection.BULK_BATCH + 500;

    private Store store;
    private DocumentCollection<Counter, String> counters;
    private CounterRepository repository;

    /** What the processor generates for a document whose id is its {@code name}. */
    static final class CounterRepository extends DocumentRepository<Counter, String> {
        CounterRepository(DocumentCollection<Counter, String> collection) {
            super(collection);
        }

        @Override
        public CounterRepository within(Connection connection) {
            return new CounterRepository(collection().within(connection));
        }

        @Override
        protected String idOf(Counter document) {
            return document.name();
        }
    }

    @BeforeAll
    void open() {
        store = TestDatabase.store(getClass());
        counters = store.documents(Counter.class, String.class, "bulk_counter");
        repository = new CounterRepository(counters);
    }

    @AfterAll
    void close() {
        store.close();
    }

    /** {@code count} counters named {@code prefix-i}, stored one by one at version 1. */
    private List<Counter> stored(String prefix, int count) {
        List<Counter> docs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Counter counter = new Counter(prefix + "-" + i, i);
            counters.put(counter.name(), counter);
            docs.add(counter);
        }
        return docs;
    }

    private long storedCount(String id) {
        return queryLong(store, "select (data->>'count')::bigint from " + table() + " where id = ?", id)
                .orElseThrow();
    }

    private String table() {
        return TestDatabase.table(store, counters);
    }

    @Test
    void bulkPutInsertsNewOverwritesExistingAndRevivesSoftDeletedOnes() {
        counters.put("put-old", new Counter("put-old", 1));
        counters.put("put-hidden", new Counter("put-hidden", 1));
        counters.softDelete("put-hidden");

        Map<String, Long> versions = repository.bulkPut(
                List.of(new Counter("put-new", 10), new Counter("put-old", 20), new Counter("put-hidden", 30)));

        assertThat(versions)
                .containsExactly(Map.entry("put-new", 1L), Map.entry("put-old", 2L), Map.entry("put-hidden", 3L));
        assertThat(queryLong(
                        store,
                        "select count(*) from " + table()
                                + " where id in ('put-new', 'put-old', 'put-hidden') and deleted_at is null"))
                .contains(3L);
        assertThat(storedCount("put-new")).isEqualTo(10);
        assertThat(storedCount("put-old")).isEqualTo(20);
        assertThat(storedCount("put-hidden")).isEqualTo(30);
        assertThat(counters.get("put-hidden")).contains(new Versioned<>(new Counter("put-hidden", 30), 3));
    }

    @Test
    void bulkPutOfSeveralBatchesStoresEveryDocument() {
        List<Counter> docs = new ArrayList<>();
        for (int i = 0; i < MANY; i++) {
            docs.add(new Counter("many-" + i, i));
        }

        Map<String, Long> versions = repository.bulkPut(docs);

        assertThat(versions).hasSize(MANY).allSatisfy((id, version) -> assertThat(version)
                .isEqualTo(1L));
        assertThat(queryLong(store, "select count(*) from " + table() + " where id like 'many-%' and version = 1"))
                .contains((long) MANY);
        assertThat(storedCount("many-" + (MANY - 1))).isEqualTo(MANY - 1);
    }

    @Test
    void bulkUpdateWritesEveryDocumentAtItsNextVersion() {
        List<Counter> docs = stored("upd", 50);
        counters.put("upd-7", new Counter("upd-7", 7));
        List<Versioned<Counter>> changed = new ArrayList<>();
        for (Counter doc : docs) {
            Versioned<Counter> loaded = counters.get(doc.name()).orElseThrow();
            changed.add(new Versioned<>(loaded.value().increment(), loaded.version()));
        }

        Map<String, Long> versions = repository.bulkUpdate(changed);

        assertThat(versions).hasSize(50).containsEntry("upd-0", 2L).containsEntry("upd-7", 3L);
        for (int i = 0; i < 50; i++) {
            assertThat(storedCount("upd-" + i)).isEqualTo(i + 1);
            assertThat(storedVersion(store, counters, "upd-" + i)).contains(i == 7 ? 3L : 2L);
        }
    }

    @Test
    void bulkUpdateWithStaleMissingAndSoftDeletedOnesWritesNothingAndNamesEachConflict() {
        List<Counter> docs = stored("stale", 50);
        counters.put("stale-17", new Counter("stale-17", 1_000)); // now at version 2
        counters.softDelete("stale-33"); // version 2, deleted
        Map<String, Versioned<Counter>> changes = new LinkedHashMap<>();
        for (Counter doc : docs) {
            changes.put(doc.name(), new Versioned<>(doc.increment(), 1));
        }
        changes.put("stale-missing", new Versioned<>(new Counter("stale-missing", 0), 4));
        Map<String, String> before = new LinkedHashMap<>();
        changes.keySet()
                .forEach(id -> before.put(id, storedJson(store, counters, id).orElse("none")));

        assertThatThrownBy(() -> counters.bulkUpdate(changes))
                .isInstanceOfSatisfying(ConcurrencyException.class, e -> {
                    assertThat(e.target()).isEqualTo("document bulk_counter/stale-17");
                    assertThat(e.expected()).isEqualTo("1");
                    assertThat(e.actual()).isEqualTo(2);
                    assertThat(e.getSuppressed())
                            .extracting(t -> ((ConcurrencyException) t).target())
                            .containsExactly("document bulk_counter/stale-33", "document bulk_counter/stale-missing");
                })
                .hasMessageContaining("document bulk_counter/stale-17: expected 1 but the actual version is 2")
                .hasMessageContaining("1 of 3 conflicts in a bulk update, nothing was written")
                .hasMessageContaining("document bulk_counter/stale-33: expected 1, actual 2 (soft-deleted")
                .hasMessageContaining("document bulk_counter/stale-missing: expected 4, actual 0 (it does not exist)");

        changes.keySet()
                .forEach(id -> assertThat(storedJson(store, counters, id).orElse("none"))
                        .as(id)
                        .isEqualTo(before.get(id)));
        assertThat(queryLong(store, "select count(*) from " + table() + " where id like 'stale-%' and version > 1"))
                .contains(2L);
    }

    @Test
    void bulkUpdateOverSeveralBatchesWithConflictsAfterTheFirstBatchWritesNothing() {
        List<Counter> docs = new ArrayList<>();
        for (int i = 0; i < MANY; i++) {
            docs.add(new Counter("big-" + i, i));
        }
        counters.bulkPut(byName(docs));
        // The first batch is written before the second finds its conflict: the transaction must undo it.
        String second = "big-" + (DocumentCollection.BULK_BATCH + 3);
        counters.put(second, new Counter(second, -1));
        counters.put("big-" + (MANY - 2), new Counter("big-x", -1));
        List<Versioned<Counter>> changed = new ArrayList<>();
        for (Counter doc : docs) {
            changed.add(new Versioned<>(doc.increment(), 1));
        }

        assertThatThrownBy(() -> repository.bulkUpdate(changed))
                .isInstanceOf(ConcurrencyException.class)
                .hasMessageContaining("document bulk_counter/" + second + ": expected 1 but the actual version is 2")
                .hasMessageContaining("document bulk_counter/big-" + (MANY - 2) + ": expected 1, actual 2");

        assertThat(queryLong(store, "select count(*) from " + table() + " where id like 'big-%' and version = 1"))
                .contains((long) MANY - 2);
        assertThat(storedCount("big-0")).isZero();
        assertThat(storedCount("big-" + (MANY - 1))).isEqualTo(MANY - 1);
    }

    @Test
    void bulkUpdateInsideACallersTransactionUndoesOnlyItsOwnWritesOnConflict() throws Exception {
        stored("tx", 3);
        counters.put("tx-2", new Counter("tx-2", 9));
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            DocumentCollection<Counter, String> bound = counters.within(c);
            bound.put("tx-own", new Counter("tx-own", 1));

            assertThatThrownBy(() -> bound.bulkUpdate(Map.of(
                            "tx-0", new Versioned<>(new Counter("tx-0", 100), 1),
                            "tx-2", new Versioned<>(new Counter("tx-2", 100), 1))))
                    .isInstanceOf(ConcurrencyException.class);

            bound.put("tx-own-2", new Counter("tx-own-2", 2));
            c.commit();
        }
        assertThat(storedCount("tx-0")).isZero();
        assertThat(storedCount("tx-own")).isEqualTo(1);
        assertThat(storedCount("tx-own-2")).isEqualTo(2);
    }

    @Test
    void duplicateIdsAreRefusedNamingTheIdAndNothingIsWritten() {
        stored("dup", 2);

        assertThatThrownBy(() -> repository.bulkPut(List.of(new Counter("dup-new", 1), new Counter("dup-new", 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("share the id dup-new");
        assertThatThrownBy(() -> repository.bulkUpdate(List.of(
                        new Versioned<>(new Counter("dup-0", 5), 1), new Versioned<>(new Counter("dup-0", 6), 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("share the id dup-0");
        assertThatThrownBy(() -> counters.deleteAll(List.of("dup-0", "dup-1", "dup-0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The id dup-0 appears twice");
        assertThatThrownBy(() -> counters.softDeleteAll(List.of("dup-1", "dup-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The id dup-1 appears twice");

        assertThat(storedVersion(store, counters, "dup-new")).isEmpty();
        assertThat(storedVersion(store, counters, "dup-0")).contains(1L);
        assertThat(storedVersion(store, counters, "dup-1")).contains(1L);
        assertThat(storedCount("dup-0")).isZero();
    }

    @Test
    void deleteAllRemovesLiveAndSoftDeletedOnesAndCountsThem() {
        stored("del", 5);
        counters.softDelete("del-1");

        assertThat(repository.deleteAll(List.of("del-0", "del-1", "del-2", "del-absent")))
                .isEqualTo(3);

        assertThat(queryLong(store, "select count(*) from " + table() + " where id like 'del-%'"))
                .contains(2L);
        assertThat(storedVersion(store, counters, "del-3")).contains(1L);
    }

    @Test
    void softDeleteAllHidesOnlyLiveOnesAtTheirNextVersion() {
        stored("soft", 4);
        counters.softDelete("soft-1");

        assertThat(repository.softDeleteAll(List.of("soft-0", "soft-1", "soft-2", "soft-absent")))
                .isEqualTo(2);

        assertThat(queryLong(
                        store,
                        "select count(*) from " + table() + " where id like 'soft-%' and deleted_at is not null"))
                .contains(3L);
        assertThat(storedVersion(store, counters, "soft-0")).contains(2L);
        assertThat(storedVersion(store, counters, "soft-1")).contains(2L);
        assertThat(storedVersion(store, counters, "soft-3")).contains(1L);
        assertThat(counters.get("soft-0")).isEmpty();
    }

    @Test
    void deleteAllOfSeveralBatchesDeletesEveryOne() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < MANY; i++) {
            ids.add("gone-" + i);
        }
        counters.bulkPut(byName(ids.stream().map(id -> new Counter(id, 0)).toList()));

        assertThat(counters.deleteAll(ids)).isEqualTo(MANY);

        assertThat(queryLong(store, "select count(*) from " + table() + " where id like 'gone-%'"))
                .contains(0L);
    }

    @Test
    void bulkPutViolatingAUniqueIndexWritesNothingInOneBatchOrSeveral() throws Exception {
        DocumentDefinition<Item, UUID> definition = item(IndexDefinition.btree("sku", SKU, true));
        try (Store indexed = start(TestDatabase.freshSchema(getClass()), definition, true)) {
            DocumentCollection<Item, UUID> items = indexed.documents(definition);
            UUID first = UUID.randomUUID();
            items.insert(first, new Item("sku-taken", "1", List.of(), "first"));
            for (int size : new int[] {10, MANY}) {
                Map<UUID, Item> docs = new LinkedHashMap<>();
                docs.put(first, new Item("sku-first-changed", "1", List.of(), "changed"));
                for (int i = 1; i < size; i++) {
                    String sku = i == size - 1 ? "sku-taken-again" : "sku-" + size + "-" + i;
                    docs.put(UUID.randomUUID(), new Item(sku, "2", List.of(), "bulk"));
                }
                docs.put(UUID.randomUUID(), new Item("sku-taken-again", "2", List.of(), "bulk"));

                assertThatThrownBy(() -> items.bulkPut(docs))
                        .as("%d documents", size)
                        .isInstanceOfSatisfying(UniqueIndexViolationException.class, e -> assertThat(e.field())
                                .isEqualTo("sku"))
                        .hasMessageContaining("sku-taken-again");

                assertThat(rowCount(indexed, items)).isEqualTo(1);
                assertThat(items.get(first))
                        .contains(new Versioned<>(new Item("sku-taken", "1", List.of(), "first"), 1));
            }
        }
    }

    private static Map<String, Counter> byName(List<Counter> docs) {
        Map<String, Counter> byName = new LinkedHashMap<>();
        docs.forEach(doc -> byName.put(doc.name(), doc));
        return byName;
    }
}
