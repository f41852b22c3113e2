package io.rillflow.documents;

import static io.rillflow.documents.IndexFixture.NOTE;
import static io.rillflow.documents.IndexFixture.PRICE_AS_NUMBER;
import static io.rillflow.documents.IndexFixture.PRICE_AS_TEXT;
import static io.rillflow.documents.IndexFixture.SKU;
import static io.rillflow.documents.IndexFixture.TAGS;
import static io.rillflow.documents.IndexFixture.fill;
import static io.rillflow.documents.IndexFixture.index;
import static io.rillflow.documents.IndexFixture.indexNames;
import static io.rillflow.documents.IndexFixture.item;
import static io.rillflow.documents.IndexFixture.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.RillflowException;
import io.rillflow.Store;
import io.rillflow.documents.IndexFixture.IndexRow;
import io.rillflow.documents.IndexFixture.Item;
import io.rillflow.documents.internal.IndexDdl;
import io.rillflow.schema.SchemaPlan;
import io.rillflow.testing.TestDatabase;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Index declarations that change between two starts of an application reach the database: {@code plan()} shows the
 * rebuild, {@code sync()} applies it, and an unchanged index is never rebuilt.
 */
class IndexSyncTest {
    private static final int ROWS = 2_000;

    /** One schema for the class, migrated by the first start; each test begins without the item table. */
    private static final String SCHEMA = TestDatabase.freshSchema(IndexSyncTest.class);

    private final String schema = SCHEMA;

    @BeforeEach
    void dropItems() {
        TestDatabase.execute("drop table if exists \"" + schema + "\".rf_doc_item");
    }

    /** Starts the first version with {@code before}, fills the table, and returns the catalog row of the index. */
    private IndexRow firstVersion(DocumentDefinition<?, ?> before, String indexName) throws Exception {
        try (Store store = start(schema, before, true)) {
            fill(store, ROWS);
            return index(store, indexName).orElseThrow();
        }
    }

    @Test
    void addingUniqueIsPlannedAsAConcurrentRebuildAndSyncMakesTheIndexUnique() throws Exception {
        IndexRow before = firstVersion(item(IndexDefinition.btree("sku", SKU, false)), "rf_doc_item_sku");
        assertThat(before.unique()).isFalse();

        try (Store store = start(schema, item(IndexDefinition.btree("sku", SKU, true)), false)) {
            SchemaPlan plan = store.schema().plan();
            assertThat(plan.declaredChanges())
                    .anySatisfy(ddl -> assertThat(ddl).startsWith("create unique index concurrently"))
                    .anySatisfy(ddl -> assertThat(ddl)
                            .isEqualTo("drop index concurrently if exists \"" + schema + "\".\"rf_doc_item_sku\""))
                    .anySatisfy(ddl -> assertThat(ddl).contains("rename to \"rf_doc_item_sku\""));
            assertThat(plan.isEmpty()).isFalse();

            assertThat(store.schema().sync().declaredChanges()).isEqualTo(plan.declaredChanges());

            IndexRow after = index(store, "rf_doc_item_sku").orElseThrow();
            assertThat(after.unique()).isTrue();
            assertThat(after.valid()).isTrue();
            assertThat(after.oid()).isNotEqualTo(before.oid());
            assertThat(indexNames(store)).noneMatch(name -> name.contains("_new_"));
            DocumentCollection<Item, UUID> items = store.documents(item());
            Item copy = new Item("sku-7", "1", List.of(), "copy");
            assertThatThrownBy(() -> items.insert(UUID.randomUUID(), copy))
                    .isInstanceOf(RillflowException.class)
                    .hasMessageContaining("rf_doc_item_sku");
            assertThat(store.schema().plan().isEmpty()).isTrue();
        }
    }

    @Test
    void removingUniqueRebuildsTheIndexSoDuplicatesAreAccepted() throws Exception {
        firstVersion(item(IndexDefinition.btree("sku", SKU, true)), "rf_doc_item_sku");

        try (Store store = start(schema, item(IndexDefinition.btree("sku", SKU, false)), true)) {
            IndexRow after = index(store, "rf_doc_item_sku").orElseThrow();
            assertThat(after.unique()).isFalse();
            assertThat(after.definition()).doesNotContain("WHERE");
            store.documents(item()).insert(UUID.randomUUID(), new Item("sku-7", "1", List.of(), "copy"));
            assertThat(store.documents(item()).query().where(SKU.eq("sku-7")).count())
                    .isEqualTo(2);
        }
    }

    @Test
    void changingTheKindFromBtreeToGinRebuildsTheIndexWithTheNewMethod() throws Exception {
        IndexRow before = firstVersion(item(IndexDefinition.btree("note", NOTE, false)), "rf_doc_item_note");
        assertThat(before.method()).isEqualTo("btree");

        try (Store store = start(schema, item(IndexDefinition.gin("note", NOTE)), true)) {
            IndexRow after = index(store, "rf_doc_item_note").orElseThrow();
            assertThat(after.method()).isEqualTo("gin");
            assertThat(after.definition()).contains("jsonb_path_ops");
        }
    }

    @Test
    void changingTheFieldTypeRebuildsTheIndexOnTheNewCast() throws Exception {
        IndexRow before = firstVersion(item(IndexDefinition.btree("price", PRICE_AS_TEXT, false)), "rf_doc_item_price");
        assertThat(before.definition()).doesNotContain("numeric");

        try (Store store = start(schema, item(IndexDefinition.btree("price", PRICE_AS_NUMBER, false)), false)) {
            assertThat(store.schema().plan().declaredChanges()).anySatisfy(ddl -> assertThat(ddl)
                    .startsWith("create index concurrently")
                    .contains("::numeric"));
            store.schema().sync();
            IndexRow after = index(store, "rf_doc_item_price").orElseThrow();
            assertThat(after.definition()).contains("::numeric");
            TestDatabase.execute("analyze \"" + schema + "\".rf_doc_item");
            assertThat(store.documents(item())
                            .query()
                            .where(PRICE_AS_NUMBER.between(new BigDecimal("9"), new BigDecimal("11")))
                            .explain())
                    .anySatisfy(line -> assertThat(line).contains("rf_doc_item_price"));
        }
    }

    @Test
    void anIndexRemovedFromTheCodeIsReportedAndDroppedOnlyWhenAsked() throws Exception {
        firstVersion(
                item(IndexDefinition.btree("sku", SKU, false), IndexDefinition.gin("tags", TAGS)), "rf_doc_item_tags");

        try (Store store = start(schema, item(IndexDefinition.btree("sku", SKU, false)), true)) {
            SchemaPlan plan = store.schema().plan();
            assertThat(plan.undeclaredIndexes()).containsExactly("rf_doc_item_tags");
            assertThat(plan.isEmpty()).isTrue();
            assertThat(plan.ddl()).contains("rf_doc_item_tags");
            assertThat(store.schema().sync().undeclaredIndexes()).containsExactly("rf_doc_item_tags");
            assertThat(index(store, "rf_doc_item_tags")).isPresent();

            assertThat(store.schema().dropUndeclaredIndexes()).containsExactly("rf_doc_item_tags");

            assertThat(indexNames(store))
                    .containsExactlyInAnyOrder("rf_doc_item_pkey", "rf_doc_item_data_gin", "rf_doc_item_sku");
            assertThat(store.schema().plan().undeclaredIndexes()).isEmpty();
            assertThat(store.schema().dropUndeclaredIndexes()).isEmpty();
        }
    }

    @Test
    void anIndexWhoseConcurrentBuildFailedIsDetectedAsInvalidAndRebuilt() throws Exception {
        IndexDefinition note = IndexDefinition.btree("note", NOTE, false);
        firstVersion(item(), "rf_doc_item_pkey");
        String table = "\"" + schema + "\".rf_doc_item";
        // Every row has the same note: this unique build fails and leaves an invalid index behind, as a crash would.
        assertThatThrownBy(() -> TestDatabase.execute(
                        "create unique index concurrently rf_doc_item_note on " + table + " ((data ->> 'note'))"))
                .hasMessageContaining("could not create unique index");
        TestDatabase.execute(
                "comment on index \"" + schema + "\".rf_doc_item_note is '" + IndexDdl.fingerprint(note) + "'");

        try (Store store = start(schema, item(note), false)) {
            assertThat(index(store, "rf_doc_item_note").orElseThrow().valid()).isFalse();
            assertThat(store.schema().plan().declaredChanges())
                    .containsExactly(
                            "drop index concurrently if exists \"" + schema + "\".\"rf_doc_item_note\"",
                            IndexDdl.concurrentDdl(
                                    note,
                                    "rf_doc_item_note",
                                    "\"" + schema + "\"",
                                    table.replace(".rf_doc_item", ".\"rf_doc_item\""),
                                    false),
                            "comment on index \"" + schema + "\".\"rf_doc_item_note\" is '" + IndexDdl.fingerprint(note)
                                    + "'");
            store.schema().sync();
            IndexRow rebuilt = index(store, "rf_doc_item_note").orElseThrow();
            assertThat(rebuilt.valid()).isTrue();
            assertThat(rebuilt.unique()).isFalse();
        }
    }

    @Test
    void unchangedIndexesGiveAnEmptyPlanAndAreNeverRebuilt() throws Exception {
        DocumentDefinition<Item, UUID> definition = item(
                IndexDefinition.btree("sku", SKU, true),
                IndexDefinition.btree("price", PRICE_AS_NUMBER, false),
                IndexDefinition.gin("tags", TAGS));
        IndexRow first = firstVersion(definition, "rf_doc_item_sku");

        try (Store store = start(schema, definition, true)) {
            assertThat(store.schema().plan().isEmpty()).isTrue();
            assertThat(store.schema().plan().undeclaredIndexes()).isEmpty();
            assertThat(store.schema().sync().isEmpty()).isTrue();
            assertThat(index(store, "rf_doc_item_sku").orElseThrow().oid()).isEqualTo(first.oid());
            assertThat(index(store, "rf_doc_item_sku").orElseThrow().comment())
                    .isEqualTo(IndexDdl.fingerprint(definition.indexes().get(0)));
        }
    }

    @Test
    void anIndexWithoutAFingerprintIsRebuiltOnceThenLeftAlone() throws Exception {
        DocumentDefinition<Item, UUID> definition = item(IndexDefinition.btree("sku", SKU, false));
        firstVersion(definition, "rf_doc_item_sku");
        TestDatabase.execute("comment on index \"" + schema + "\".rf_doc_item_sku is null");

        try (Store store = start(schema, definition, false)) {
            assertThat(store.schema().plan().declaredChanges())
                    .anySatisfy(ddl -> assertThat(ddl).startsWith("create index concurrently"));
            store.schema().sync();
            long rebuilt = index(store, "rf_doc_item_sku").orElseThrow().oid();
            assertThat(store.schema().sync().isEmpty()).isTrue();
            assertThat(index(store, "rf_doc_item_sku").orElseThrow().oid()).isEqualTo(rebuilt);
        }
    }

    @Test
    void onAnEmptyTableTheRebuildRunsInTheMigrationTransaction() throws Exception {
        try (Store store = start(schema, item(IndexDefinition.btree("sku", SKU, false)), true)) {
            assertThat(index(store, "rf_doc_item_sku").orElseThrow().unique()).isFalse();
        }
        try (Store store = start(schema, item(IndexDefinition.btree("sku", SKU, true)), false)) {
            assertThat(store.schema().plan().declaredChanges())
                    .containsExactly(
                            "drop index \"" + schema + "\".\"rf_doc_item_sku\"",
                            "create unique index if not exists \"rf_doc_item_sku\" on \"" + schema
                                    + "\".\"rf_doc_item\" (((data ->> 'sku'))) where deleted_at is null",
                            "comment on index \"" + schema + "\".\"rf_doc_item_sku\" is '"
                                    + IndexDdl.fingerprint(IndexDefinition.btree("sku", SKU, true)) + "'");
            store.schema().sync();
            assertThat(index(store, "rf_doc_item_sku").orElseThrow().unique()).isTrue();
        }
    }
}
