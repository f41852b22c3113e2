package io.rillflow.documents;

import static io.rillflow.documents.IndexFixture.NOTE;
import static io.rillflow.documents.IndexFixture.PRICE_AS_NUMBER;
import static io.rillflow.documents.IndexFixture.PRICE_AS_TEXT;
import static io.rillflow.documents.IndexFixture.SKU;
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
import io.rillflow.testing.TestDatabase;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An index that cannot be built over the stored rows fails the sync with a message naming the document type, the index
 * and the field, and leaves the table as it was: the previous index in use, no half-built index behind. What a crash
 * leaves in the middle of a replacement is picked up by the next sync.
 */
class IndexSyncFailureTest {
    private final String schema = TestDatabase.freshSchema(getClass());

    @Test
    void uniqueThatLiveDocumentsViolateFailsNamingTypeIndexAndFieldAndKeepsThePreviousIndex() throws Exception {
        UUID duplicate = UUID.randomUUID();
        IndexRow before;
        try (Store store = start(schema, item(IndexDefinition.btree("sku", SKU, false)), true)) {
            fill(store, 200);
            store.documents(item()).insert(duplicate, new Item("sku-3", "1", List.of(), "again"));
            before = index(store, "rf_doc_item_sku").orElseThrow();
        }

        try (Store store = start(schema, item(IndexDefinition.btree("sku", SKU, true)), false)) {
            assertThatThrownBy(() -> store.schema().sync())
                    .isInstanceOf(RillflowException.class)
                    .hasMessageContaining("unique index rf_doc_item_sku of document " + Item.class.getName())
                    .hasMessageContaining("(field sku)")
                    .hasMessageContaining("live documents share a value")
                    .hasMessageContaining("sku-3")
                    .hasMessageContaining("the previous rf_doc_item_sku is unchanged and still in use");

            IndexRow after = index(store, "rf_doc_item_sku").orElseThrow();
            assertThat(after).isEqualTo(before);
            assertThat(indexNames(store)).noneMatch(name -> name.contains("_new_"));
            store.documents(item()).insert(UUID.randomUUID(), new Item("sku-3", "2", List.of(), "third"));
            assertThat(store.schema().plan().isEmpty()).isFalse();

            // Unique among live documents only: once the copies are soft-deleted, the same sync succeeds.
            TestDatabase.execute("update \"" + schema + "\".rf_doc_item set deleted_at = now()"
                    + " where data ->> 'sku' = 'sku-3' and data ->> 'note' <> 'same'");
            store.schema().sync();
            assertThat(index(store, "rf_doc_item_sku").orElseThrow().unique()).isTrue();
        }
    }

    @Test
    void aCastThatAStoredValueFailsIsReportedAndThePreviousIndexKept() throws Exception {
        IndexRow before;
        try (Store store = start(schema, item(IndexDefinition.btree("price", PRICE_AS_TEXT, false)), true)) {
            fill(store, 100);
            store.documents(item()).insert(UUID.randomUUID(), new Item("odd", "n/a", List.of(), "same"));
            before = index(store, "rf_doc_item_price").orElseThrow();
        }

        try (Store store = start(schema, item(IndexDefinition.btree("price", PRICE_AS_NUMBER, false)), false)) {
            assertThatThrownBy(() -> store.schema().sync())
                    .isInstanceOf(RillflowException.class)
                    .hasMessageContaining("index rf_doc_item_price of document " + Item.class.getName())
                    .hasMessageContaining("(field price)")
                    .hasMessageContaining("n/a")
                    .hasMessageContaining("create index concurrently");
            assertThat(index(store, "rf_doc_item_price").orElseThrow()).isEqualTo(before);
            assertThat(indexNames(store)).noneMatch(name -> name.contains("_new_"));
        }
    }

    @Test
    void aNewUniqueIndexThatRowsViolateLeavesNoInvalidIndexBehind() throws Exception {
        try (Store store = start(schema, item(), true)) {
            fill(store, 50);
        }

        try (Store store = start(schema, item(IndexDefinition.btree("note", NOTE, true)), false)) {
            assertThatThrownBy(() -> store.schema().sync())
                    .isInstanceOf(RillflowException.class)
                    .hasMessageContaining("unique index rf_doc_item_note")
                    .hasMessageContaining("(field note)")
                    .hasMessageContaining("the table is unchanged");
            assertThat(indexNames(store)).containsExactlyInAnyOrder("rf_doc_item_pkey", "rf_doc_item_data_gin");
            // An invalid unique index left behind could still refuse writes; there is none.
            store.documents(item()).insert(UUID.randomUUID(), new Item("x", "1", List.of(), "same"));
        }
    }

    private String scratchName(IndexDefinition index) {
        return IndexDdl.scratchName("item", index, false);
    }

    @Test
    void aReplacementThatACrashLeftHalfBuiltIsDroppedAndBuiltAgain() throws Exception {
        try (Store store = start(schema, item(IndexDefinition.btree("sku", SKU, false)), true)) {
            fill(store, 100);
        }
        IndexDefinition unique = IndexDefinition.btree("sku", SKU, true);
        String scratch = scratchName(unique);
        // Every note is the same, so this build fails and leaves an invalid index under the scratch name.
        assertThatThrownBy(() -> TestDatabase.execute("create unique index concurrently " + scratch + " on \"" + schema
                        + "\".rf_doc_item ((data ->> 'note'))"))
                .hasMessageContaining("could not create unique index");

        try (Store store = start(schema, item(unique), false)) {
            assertThat(index(store, scratch).orElseThrow().valid()).isFalse();
            assertThat(store.schema().plan().declaredChanges())
                    .first()
                    .isEqualTo("drop index concurrently if exists \"" + schema + "\".\"" + scratch + "\"");
            assertThat(store.schema().plan().undeclaredIndexes()).isEmpty();
            store.schema().sync();
            IndexRow after = index(store, "rf_doc_item_sku").orElseThrow();
            assertThat(after.unique()).isTrue();
            assertThat(after.definition()).contains("'sku'");
            assertThat(indexNames(store)).noneMatch(name -> name.contains("_new_"));
        }
    }

    @Test
    void aReplacementBuiltButNotYetRenamedTakesTheNameWithoutBeingBuiltAgain() throws Exception {
        IndexDefinition unique = IndexDefinition.btree("sku", SKU, true);
        long built;
        try (Store store = start(schema, item(unique), true)) {
            fill(store, 100);
            built = index(store, "rf_doc_item_sku").orElseThrow().oid();
        }
        String scratch = scratchName(unique);
        // The state after a crash between dropping the old index and renaming its replacement.
        TestDatabase.execute("alter index \"" + schema + "\".rf_doc_item_sku rename to " + scratch);

        try (Store store = start(schema, item(unique), false)) {
            assertThat(store.schema().plan().declaredChanges())
                    .containsExactly(
                            "alter index \"" + schema + "\".\"" + scratch + "\" rename to \"rf_doc_item_sku\"");
            store.schema().sync();
            assertThat(index(store, "rf_doc_item_sku").orElseThrow().oid()).isEqualTo(built);
            assertThat(store.schema().plan().isEmpty()).isTrue();
        }
    }
}
