package io.rillflow.examples.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.aggregates.CommandContext;
import io.rillflow.archive.ArchiveReport;
import io.rillflow.examples.catalog.Product;
import io.rillflow.examples.catalog.ProductQueries;
import io.rillflow.examples.catalog.ProductRepository;
import io.rillflow.examples.catalog.Teas;
import io.rillflow.examples.orders.OrderCommand;
import io.rillflow.examples.orders.OrderRepository;
import io.rillflow.tenancy.TenancyStrategy;
import io.rillflow.testing.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migration of docs/tenancy.md, "From one schema to a schema per tenant", with the generated code: a single-schema
 * store's documents, orders and snapshots are exported, imported into a new tenant, and read there by the same
 * repositories, query interfaces and aggregates.
 */
class SingleToSchemaPerTenantTest {
    @TempDir
    Path dir;

    @Test
    void theSingleSchemasDataIsTheNewTenantsWithTheGeneratedCodeUnchanged() {
        String schema = TestDatabase.freshSchema(getClass());
        TenancyStrategy.SchemaPerTenant tenancy = TestDatabase.freshTenancy();
        Product tea = Teas.tea("MIG-1");
        UUID order = UUID.randomUUID();
        Path file = dir.resolve("public.jsonl");

        ArchiveReport exported;
        try (Store single = Store.builder(TestDatabase.jdbcUrl()).schema(schema).build()) {
            new ProductRepository(single).put(tea);
            OrderRepository orders = new OrderRepository(single);
            orders.commitAndSnapshot(order, new OrderCommand.Create("ada"), CommandContext.empty(), 2);
            orders.commitAndSnapshot(
                    order, new OrderCommand.AddItem("MIG-1", 2, new BigDecimal("4.50")), CommandContext.empty(), 2);
            exported = single.admin().export(file, true);
        }

        try (Store tenanted = Store.builder(TestDatabase.jdbcUrl())
                .schema(schema)
                .tenancy(tenancy)
                .build()) {
            tenanted.tenants().ensure("acme");
            ArchiveReport imported = tenanted.tenants().importFrom("acme", file);
            Store acme = tenanted.forTenant("acme");

            assertThat(imported).isEqualTo(exported);
            assertThat(imported.snapshots()).isEqualTo(1);
            assertThat(new ProductRepository(acme).get(tea.id()).orElseThrow().value())
                    .isEqualTo(tea);
            assertThat(acme.queries(ProductQueries.class).findBySku("MIG-1")).contains(tea);
            OrderRepository acmeOrders = new OrderRepository(acme);
            assertThat(acmeOrders.loadWithSnapshot(order).orElseThrow().total()).isEqualTo(new BigDecimal("9.00"));
            assertThat(acmeOrders.load(order).orElseThrow().customer()).isEqualTo("ada");
            // The tenant's stream goes on from the imported version.
            acmeOrders.commitAndSnapshot(
                    order, new OrderCommand.AddItem("MIG-2", 1, new BigDecimal("1.00")), CommandContext.empty(), 2);
            assertThat(acme.events().readStream(order)).hasSize(3);
            // The store's own schema keeps the old rows until the application deletes them.
            assertThat(new ProductRepository(tenanted).get(tea.id())).isPresent();
        }
    }
}
