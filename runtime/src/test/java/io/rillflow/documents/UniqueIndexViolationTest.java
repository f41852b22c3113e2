package io.rillflow.documents;

import static io.rillflow.documents.IndexFixture.SKU;
import static io.rillflow.documents.IndexFixture.item;
import static io.rillflow.documents.IndexFixture.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.Store;
import io.rillflow.documents.IndexFixture.Item;
import io.rillflow.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A write that a declared unique index refuses names the document type, the index and the field; nothing changes. */
class UniqueIndexViolationTest {
    private final String schema = TestDatabase.freshSchema(getClass());

    @Test
    void everyWriteRefusedByAUniqueIndexNamesTypeIndexFieldAndValueAndWritesNothing() throws Exception {
        DocumentDefinition<Item, UUID> definition = item(IndexDefinition.btree("sku", SKU, true));
        try (Store store = start(schema, definition, true)) {
            DocumentCollection<Item, UUID> items = store.documents(definition);
            UUID first = UUID.randomUUID();
            UUID second = UUID.randomUUID();
            items.insert(first, new Item("sku-1", "1", List.of(), "first"));
            items.insert(second, new Item("sku-2", "2", List.of(), "second"));

            List<Runnable> writes = List.of(
                    () -> items.insert(UUID.randomUUID(), new Item("sku-1", "3", List.of(), "insert")),
                    () -> items.put(second, new Item("sku-1", "2", List.of(), "put")),
                    () -> items.patch(second, "sku", "sku-1"),
                    () -> items.bulkInsert(Map.of(UUID.randomUUID(), new Item("sku-1", "4", List.of(), "bulk"))));
            for (Runnable write : writes) {
                assertThatThrownBy(write::run)
                        .isInstanceOfSatisfying(UniqueIndexViolationException.class, e -> {
                            assertThat(e.documentType()).isEqualTo(Item.class);
                            assertThat(e.index()).isEqualTo("rf_doc_item_sku");
                            assertThat(e.field()).isEqualTo("sku");
                        })
                        .hasMessageContaining(Item.class.getName())
                        .hasMessageContaining("rf_doc_item_sku")
                        .hasMessageContaining("sku-1");
            }
            assertThat(items.get(second).orElseThrow().value().note()).isEqualTo("second");
            assertThat(items.get(second).orElseThrow().version()).isEqualTo(1);
            assertThat(items.query().list()).extracting(Item::note).containsExactlyInAnyOrder("first", "second");
        }
    }
}
