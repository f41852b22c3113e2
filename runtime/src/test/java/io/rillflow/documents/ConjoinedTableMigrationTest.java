package io.rillflow.documents;

import static io.rillflow.documents.IndexFixture.SKU;
import static io.rillflow.documents.IndexFixture.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.Store;
import io.rillflow.documents.IndexFixture.Item;
import io.rillflow.tenancy.TenancyStrategy;
import io.rillflow.testing.TestDatabase;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A single-tenant schema opened by a conjoined store: schema sync gives each document table the tenant column, the
 * primary key {@code (tenant_id, id)} and per-tenant unique indexes, keeping every row (and its history) as the
 * default tenant's; a table only used without a declaration gets its key on first use.
 */
class ConjoinedTableMigrationTest {
    private static final DocumentDefinition<Item, UUID> ITEM =
            item(IndexDefinition.btree("sku", SKU, true)).withHistory();

    private final String schema = TestDatabase.freshSchema(getClass());

    private Store start(TenancyStrategy tenancy, boolean sync) throws Exception {
        return SwitchableRegistry.declaring(List.of(ITEM), () -> Store.builder(TestDatabase.jdbcUrl())
                .schema(schema)
                .maxConnections(4)
                .tenancy(tenancy)
                .migrateOnStart(sync)
                .build());
    }

    @Test
    void schemaSyncMakesASingleTenantTableConjoinedKeepingItsRowsAsTheDefaultTenants() throws Exception {
        UUID id = UUID.randomUUID();
        UUID loose = UUID.randomUUID();
        try (Store single = start(TenancyStrategy.single(), true)) {
            single.documents(ITEM).put(id, new Item("sku-1", "1.50", List.of(), "first"));
            single.documents(ITEM).put(id, new Item("sku-1", "2.50", List.of(), "second"));
            single.documents(Item.class, UUID.class, "loose_item").put(loose, new Item("l", "1", List.of(), "x"));
        }
        try (Store conjoined = start(TenancyStrategy.conjoined(), false)) {
            String table = "\"" + schema + "\".\"rf_doc_item\"";
            assertThat(conjoined.schema().plan().declaredChanges())
                    .contains(
                            "alter table " + table + " add column if not exists tenant_id text not null default"
                                    + " '*DEFAULT*'",
                            "alter table " + table + " drop constraint \"rf_doc_item_pkey\", add primary key"
                                    + " (tenant_id, id)");
            conjoined.schema().sync();
            assertThat(conjoined.schema().plan().isEmpty()).isTrue();
            assertThat(TestDatabase.count(
                            "select count(*) from pg_indexes where schemaname = ? and indexname in"
                                    + " ('rf_doc_item_pkey', 'rf_doc_item_sku') and indexdef like '%(tenant_id, %'",
                            schema))
                    .isEqualTo(2);

            // The rows and their history are the default tenant's: the root store's.
            assertThat(conjoined.documents(ITEM).get(id).orElseThrow().version())
                    .isEqualTo(2);
            assertThat(conjoined.documents(ITEM).history(id))
                    .extracting(v -> v.value().note())
                    .containsExactly("second", "first");
            conjoined.tenants().ensure("acme");
            DocumentCollection<Item, UUID> acme = conjoined.forTenant("acme").documents(ITEM);
            assertThat(acme.get(id)).isEmpty();
            assertThat(acme.history(id)).isEmpty();

            // Another tenant takes the same id and the same unique SKU; within a tenant the SKU stays unique.
            assertThat(acme.insert(id, new Item("sku-1", "9", List.of(), "acme's")))
                    .isEqualTo(1);
            assertThatThrownBy(() -> acme.put(UUID.randomUUID(), new Item("sku-1", "9", List.of(), "again")))
                    .isInstanceOf(UniqueIndexViolationException.class);
            assertThatThrownBy(() -> conjoined
                            .documents(ITEM)
                            .put(UUID.randomUUID(), new Item("sku-1", "9", List.of(), "again")))
                    .isInstanceOf(UniqueIndexViolationException.class);
            assertThat(conjoined.documents(ITEM).get(id).orElseThrow().value().note())
                    .isEqualTo("second");

            // An undeclared collection's table gets the tenant key when a conjoined store first opens it.
            DocumentCollection<Item, UUID> acmeLoose =
                    conjoined.forTenant("acme").documents(Item.class, UUID.class, "loose_item");
            assertThat(acmeLoose.get(loose)).isEmpty();
            assertThat(acmeLoose.insert(loose, new Item("l", "2", List.of(), "acme's")))
                    .isEqualTo(1);
            assertThat(conjoined
                            .documents(Item.class, UUID.class, "loose_item")
                            .load(loose)
                            .orElseThrow()
                            .note())
                    .isEqualTo("x");
        }
    }
}
