package io.rillflow.documents;

import static io.rillflow.documents.IndexFixture.item;
import static io.rillflow.documents.IndexFixture.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.Store;
import io.rillflow.documents.IndexFixture.Item;
import io.rillflow.schema.SchemaPlan;
import io.rillflow.testing.TestDatabase;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * History turned on or off between two starts of an application: {@code plan()} shows the history table and trigger
 * to create, or the trigger to drop; {@code sync()} applies it, and turning history off keeps the versions recorded.
 */
class DocumentHistorySyncTest {
    private final String schema = TestDatabase.freshSchema(DocumentHistorySyncTest.class);

    @Test
    void turningHistoryOnIsPlannedAndSyncedAndTurningItOffDropsOnlyTheTrigger() throws Exception {
        UUID id = UUID.randomUUID();
        String history = "\"" + schema + "\".\"rf_doc_item_history\"";
        try (Store store = start(schema, item(), true)) {
            store.documents(item()).put(id, new Item("sku-1", "1", List.of(), "before history"));
            assertThat(RawSql.queryText(store, "select to_regclass(?)::text", history))
                    .isEmpty();
        }

        try (Store store = start(schema, item().withHistory(), false)) {
            SchemaPlan plan = store.schema().plan();
            assertThat(plan.isEmpty()).isFalse();
            assertThat(plan.declaredChanges())
                    .anySatisfy(ddl -> assertThat(ddl).startsWith("create table if not exists " + history))
                    .anySatisfy(ddl -> assertThat(ddl)
                            .startsWith("create or replace trigger \"rf_doc_item_history_insert\" after insert on"))
                    .anySatisfy(ddl -> assertThat(ddl)
                            .startsWith("create or replace trigger \"rf_doc_item_history_update\" after update on"))
                    .anySatisfy(ddl -> assertThat(ddl)
                            .startsWith("create or replace trigger \"rf_doc_item_history_delete\" after delete on"));
            assertThat(store.schema().sync().declaredChanges()).isEqualTo(plan.declaredChanges());
            assertThat(store.schema().plan().isEmpty()).isTrue();

            DocumentCollection<Item, UUID> items = store.documents(item().withHistory());
            items.put(id, new Item("sku-1", "2", List.of(), "with history"));
            assertThat(items.history(id))
                    .singleElement()
                    .satisfies(v -> assertThat(v.version()).isEqualTo(2))
                    .satisfies(v -> assertThat(v.operation()).isEqualTo(DocumentVersion.Operation.UPDATE));
        }

        try (Store store = start(schema, item(), false)) {
            SchemaPlan plan = store.schema().plan();
            assertThat(plan.declaredChanges())
                    .containsExactly(
                            "drop trigger if exists \"rf_doc_item_history_insert\" on \"" + schema
                                    + "\".\"rf_doc_item\"",
                            "drop trigger if exists \"rf_doc_item_history_update\" on \"" + schema
                                    + "\".\"rf_doc_item\"",
                            "drop trigger if exists \"rf_doc_item_history_delete\" on \"" + schema
                                    + "\".\"rf_doc_item\"",
                            "drop function if exists " + history + "()");
            store.schema().sync();
            assertThat(store.schema().plan().isEmpty()).isTrue();

            store.documents(item()).put(id, new Item("sku-1", "3", List.of(), "history off"));
            assertThat(RawSql.queryLong(store, "select count(*) from " + history))
                    .contains(1L);
        }
    }

    @Test
    void aDeclaredDocumentWithHistoryGetsItsTableOnStartAndThroughACollectionOpenedByType() throws Exception {
        try (Store store = start(schema, item().withHistory(), true)) {
            DocumentCollection<Item, UUID> byType = store.documents(Item.class, UUID.class, "item");
            UUID id = UUID.randomUUID();
            byType.put(id, new Item("sku-2", "1", List.of(), "first"));
            assertThat(byType.history(id)).extracting(DocumentVersion::version).containsExactly(1L);
            assertThat(store.schema().plan().isEmpty()).isTrue();
        }
    }

    @Test
    void aStoreRefusesADeclaredDocumentWhoseTableIsAnothersHistory() {
        DocumentDefinition<SampleDocuments.Counter, UUID> audit =
                new DocumentDefinition<>("item_history", SampleDocuments.Counter.class, UUID.class, List.of());

        assertThatThrownBy(() -> SwitchableRegistry.declaring(
                        List.of(item().withHistory(), audit), () -> Store.builder(TestDatabase.jdbcUrl())
                                .schema(schema)
                                .migrateOnStart(false)
                                .build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keeps its history in the table rf_doc_item_history, which is the table of"
                        + " document \"item_history\"");
    }
}
