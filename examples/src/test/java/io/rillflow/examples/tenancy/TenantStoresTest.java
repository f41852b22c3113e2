package io.rillflow.examples.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.aggregates.CommandContext;
import io.rillflow.examples.catalog.Availability;
import io.rillflow.examples.catalog.Product;
import io.rillflow.examples.catalog.ProductQueries;
import io.rillflow.examples.catalog.ProductRepository;
import io.rillflow.examples.catalog.Teas;
import io.rillflow.examples.orders.Order;
import io.rillflow.examples.orders.OrderCommand;
import io.rillflow.examples.orders.OrderRepository;
import io.rillflow.schema.SchemaPlan;
import io.rillflow.sessions.DocumentSession;
import io.rillflow.testing.TestDatabase;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The generated code, unchanged, on tenants' stores: typed repositories, query interfaces, aggregate repositories
 * with snapshots, the command bus and sessions each see their own tenant only, and the same ids never collide.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantStoresTest {
    private static final BigDecimal PRICE = new BigDecimal("4.50");

    private Store store;
    private Store acme;
    private Store globex;

    @BeforeAll
    void open() {
        store = TestDatabase.storeBuilder(getClass())
                .tenancy(TestDatabase.freshTenancy())
                .build();
        store.tenants().ensure("acme");
        store.tenants().ensure("globex");
        acme = store.forTenant("acme");
        globex = store.forTenant("globex");
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Test
    void typedRepositoriesAndQueryInterfacesSeeOnlyTheirTenant() {
        Product tea = Teas.tea("TEA-1");
        new ProductRepository(acme).put(tea);
        // The same id and the same unique SKU in another tenant: no collision with acme's row.
        Product globexTea = Teas.tea("TEA-1");
        Product sameId = new Product(
                tea.id(),
                "TEA-1",
                "Globex tea",
                globexTea.description(),
                new BigDecimal("9.99"),
                1,
                globexTea.tags(),
                globexTea.addedAt(),
                globexTea.supplier(),
                Availability.BACKORDER);
        new ProductRepository(globex).put(sameId);

        assertThat(new ProductRepository(acme).get(tea.id()).orElseThrow().value())
                .isEqualTo(tea);
        assertThat(new ProductRepository(globex).get(tea.id()).orElseThrow().value())
                .isEqualTo(sameId);
        assertThat(new ProductRepository(store).get(tea.id())).isEmpty();

        assertThat(acme.queries(ProductQueries.class).findBySku("TEA-1")).contains(tea);
        assertThat(globex.queries(ProductQueries.class).findBySku("TEA-1")).contains(sameId);
        assertThat(acme.queries(ProductQueries.class).findByAvailabilityOrderByPriceAsc(Availability.BACKORDER))
                .isEmpty();
        assertThat(store.queries(ProductQueries.class).findBySku("TEA-1")).isEmpty();
    }

    @Test
    void aggregatesSnapshotsAndTheCommandBusKeepTheirTenantsStreams() {
        UUID id = UUID.randomUUID();
        OrderRepository acmeOrders = new OrderRepository(acme);
        acmeOrders.commitAndSnapshot(id, new OrderCommand.Create("ada"), CommandContext.empty(), 2);
        for (int i = 0; i < 3; i++) {
            acmeOrders.commitAndSnapshot(id, new OrderCommand.AddItem("sku-" + i, 1, PRICE), CommandContext.empty(), 2);
        }
        // The same aggregate id in globex is a new order, through its own command bus.
        globex.commandBus().dispatch(id, new OrderCommand.Create("bob"), CommandContext.empty());

        OrderRepository globexOrders = new OrderRepository(globex);
        assertThat(acmeOrders.loadWithSnapshot(id).orElseThrow().customer()).isEqualTo("ada");
        assertThat(acmeOrders.loadWithSnapshot(id).orElseThrow().total()).isEqualTo(new BigDecimal("13.50"));
        assertThat(globexOrders.loadWithSnapshot(id).orElseThrow().customer()).isEqualTo("bob");
        assertThat(globexOrders.load(id).orElseThrow().lines()).isEmpty();
        assertThat(globex.events().readStream(id)).hasSize(1);
        assertThat(acme.events().readStream(id)).hasSize(4);
        assertThat(TestDatabase.count("select count(*) from \"" + globex.schemaName() + "\".rf_snapshots"))
                .isZero();
        assertThat(TestDatabase.count("select count(*) from \"" + acme.schemaName() + "\".rf_snapshots"))
                .isEqualTo(1);
        assertThat(new OrderRepository(store).load(id)).isEmpty();
        assertThat(acmeOrders.load(id).orElseThrow().status()).isEqualTo(Order.Status.OPEN);
    }

    @Test
    void syncBringsEveryTenantBackToItsDeclaredIndexes() {
        String index = "select count(*) from pg_indexes where schemaname = ? and indexname = 'rf_doc_product_sku'";
        TestDatabase.execute("drop index \"" + globex.schemaName() + "\".rf_doc_product_sku");
        assertThat(TestDatabase.count(index, globex.schemaName())).isZero();

        Map<String, SchemaPlan> applied = store.tenants().sync();

        assertThat(applied).containsOnlyKeys("acme", "globex");
        assertThat(applied.get("acme").isEmpty()).isTrue();
        assertThat(applied.get("globex").declaredChanges())
                .first()
                .asString()
                .startsWith("create unique index if not exists \"rf_doc_product_sku\" on \"" + globex.schemaName());
        assertThat(TestDatabase.count(index, globex.schemaName())).isEqualTo(1);
        assertThat(store.tenants().sync().values()).allMatch(SchemaPlan::isEmpty);
    }

    @Test
    void sessionsLoadAndSaveInTheirTenant() {
        Product tea = Teas.tea("SES-1");
        try (DocumentSession session = acme.openSession()) {
            session.store(tea);
            session.saveChanges();
        }
        try (DocumentSession session = globex.openSession()) {
            assertThat(session.load(Product.class, tea.id())).isEmpty();
            assertThat(session.queries(ProductQueries.class).findBySku("SES-1")).isEmpty();
        }
        Product renamed = acme.inSession(session -> {
            Product loaded = session.load(Product.class, tea.id()).orElseThrow();
            Product changed = loaded.withStock(99);
            session.store(changed);
            return changed;
        });
        assertThat(new ProductRepository(acme).get(tea.id()).orElseThrow().value())
                .isEqualTo(renamed);
        assertThat(new ProductRepository(globex).get(tea.id())).isEmpty();
    }
}
