package io.rillflow.documents;

import static io.rillflow.documents.IndexFixture.SKU;
import static io.rillflow.documents.IndexFixture.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.Store;
import io.rillflow.documents.IndexFixture.Item;
import io.rillflow.tenancy.TenancyStrategy;
import io.rillflow.testing.TestDatabase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Schema sync on a conjoined document table that {@code tenants().partition} made partitioned by tenant: PostgreSQL
 * builds no index concurrently on a partitioned table, so a new or changed index is built on each partition and
 * attached to the parent's, and a unique violation in any partition is still the typed exception.
 */
class PartitionedIndexSyncTest {
    private final String schema = TestDatabase.freshSchema(PartitionedIndexSyncTest.class);

    private Store start(DocumentDefinition<?, ?> definition, boolean syncOnStart) throws Exception {
        return SwitchableRegistry.declaring(List.of(definition), () -> Store.builder(TestDatabase.jdbcUrl())
                .schema(schema)
                .tenancy(TenancyStrategy.conjoined())
                .maxConnections(4)
                .migrateOnStart(syncOnStart)
                .build());
    }

    private static void fill(Store tenant, String prefix, int count) {
        Map<UUID, Item> rows = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            rows.put(UUID.randomUUID(), new Item(prefix + i, i + ".50", List.of(), "same"));
        }
        tenant.documents(item()).bulkInsert(rows);
    }

    @Test
    void aNewUniqueIndexIsBuiltOnEveryPartitionAndEnforcedPerTenant() throws Exception {
        try (Store store = start(item(), true)) {
            store.tenants().ensure("acme");
            store.tenants().ensure("globex");
            fill(store.forTenant("acme"), "sku-", 300);
            fill(store.forTenant("globex"), "sku-", 300);
            assertThat(store.tenants().partition("acme")).isTrue();
        }
        String quoted = "\"" + schema + "\"";
        try (Store store = start(item(IndexDefinition.btree("sku", SKU, true)), false)) {
            assertThat(store.schema().plan().declaredChanges())
                    .anySatisfy(ddl -> assertThat(ddl)
                            .startsWith(
                                    "create unique index \"rf_doc_item_sku\" on only " + quoted + ".\"rf_doc_item\""))
                    .anySatisfy(ddl -> assertThat(ddl)
                            .startsWith("create unique index concurrently \"rf_doc_item_sku_t_acme\" on " + quoted
                                    + ".\"rf_doc_item_t_acme\""))
                    .anySatisfy(ddl -> assertThat(ddl)
                            .isEqualTo("alter index " + quoted + ".\"rf_doc_item_sku\" attach partition " + quoted
                                    + ".\"rf_doc_item_sku_default\""));
            store.schema().sync();

            assertThat(TestDatabase.count(
                            "select count(*) from pg_index where indexrelid = ?::regclass and indisvalid",
                            quoted + ".rf_doc_item_sku"))
                    .isEqualTo(1);
            assertThat(TestDatabase.count(
                            "select count(*) from pg_inherits where inhparent = ?::regclass",
                            quoted + ".rf_doc_item_sku"))
                    .as("the default partition's and acme's")
                    .isEqualTo(2);
            assertThat(store.schema().plan().declaredChanges()).isEmpty();

            for (String tenant : List.of("acme", "globex")) {
                DocumentCollection<Item, UUID> items =
                        store.forTenant(tenant).documents(item(IndexDefinition.btree("sku", SKU, true)));
                assertThatThrownBy(() -> items.put(UUID.randomUUID(), new Item("sku-7", "1", List.of(), "again")))
                        .as(tenant)
                        .isInstanceOf(UniqueIndexViolationException.class)
                        .hasMessageContaining("sku");
                assertThat(items.query().where(SKU.eq("sku-7")).count()).isEqualTo(1);
            }
        }

        // Changed again, now non-unique: built under the scratch name on each partition, then renamed.
        try (Store store = start(item(IndexDefinition.btree("sku", SKU, false)), false)) {
            store.schema().sync();
            assertThat(TestDatabase.count(
                            "select count(*) from pg_class where relnamespace = ?::regnamespace and relname in"
                                    + " ('rf_doc_item_sku', 'rf_doc_item_sku_t_acme', 'rf_doc_item_sku_default')",
                            quoted))
                    .isEqualTo(3);
            assertThat(TestDatabase.count(
                            "select count(*) from pg_class where relnamespace = ?::regnamespace"
                                    + " and relname like '%\\_new\\_%'",
                            quoted))
                    .isZero();
            assertThat(store.schema().plan().declaredChanges()).isEmpty();
            store.forTenant("acme").documents(item()).put(UUID.randomUUID(), new Item("sku-7", "1", List.of(), "x"));
            assertThat(store.forTenant("acme")
                            .documents(item())
                            .query()
                            .where(SKU.eq("sku-7"))
                            .count())
                    .isEqualTo(2);
        }
    }
}
