package io.rillflow.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.aggregates.CommandContext;
import io.rillflow.documents.DocumentCollection;
import io.rillflow.examples.catalog.Product;
import io.rillflow.examples.catalog.ProductRepository;
import io.rillflow.examples.catalog.Teas;
import io.rillflow.examples.tracing.OrderLineCount;
import io.rillflow.examples.tracing.OrderLines;
import io.rillflow.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The generated repositories inside the application's own JDBC transaction: its SQL, a product document and an
 * order's events commit or roll back together; the {@code order_lines} projection applies what committed once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderWithinTransactionTest {
    private static final BigDecimal PRICE = new BigDecimal("4.50");

    private Store store;
    private OrderRepository orders;
    private ProductRepository products;
    private String ledger;

    @BeforeAll
    void open() {
        store = TestDatabase.store(getClass());
        store.projections().register(OrderLines.class);
        orders = new OrderRepository(store);
        products = new ProductRepository(store);
        ledger = "\"" + store.schemaName() + "\".order_ledger";
        TestDatabase.execute("create table " + ledger + " (order_id uuid primary key)");
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Test
    void rolledBackByTheApplicationNothingIsVisible() throws SQLException {
        UUID order = UUID.randomUUID();
        Product tea = Teas.tea("TX-ROLLED");
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            OrderRepository bound = orders.within(c);
            placeOrder(c, bound, order, tea);

            assertThat(bound.load(order).orElseThrow().lines()).hasSize(1);
            assertThat(orders.load(order))
                    .as("invisible outside the transaction")
                    .isEmpty();
            c.rollback();
        }
        assertThat(TestDatabase.count("select count(*) from " + ledger + " where order_id = ?", order))
                .isZero();
        assertThat(TestDatabase.count(
                        "select count(*) from " + TestDatabase.table(store, products.collection()) + " where id = ?",
                        tea.id()))
                .isZero();
        assertThat(TestDatabase.count(
                        "select count(*) from \"" + store.schemaName() + "\".rf_events where stream_id = ?", order))
                .isZero();
        store.projections().runUntilIdle();
        assertThat(lineCounts().load(order)).isEmpty();
    }

    @Test
    void committedByTheApplicationAllIsVisibleAndProjectedOnce() throws SQLException {
        UUID order = UUID.randomUUID();
        Product tea = Teas.tea("TX-COMMITTED");
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            placeOrder(c, orders.within(c), order, tea);
            c.commit();
        }
        assertThat(TestDatabase.count("select count(*) from " + ledger + " where order_id = ?", order))
                .isEqualTo(1);
        assertThat(products.load(tea.id())).contains(tea);
        assertThat(orders.state(order).version()).isEqualTo(2);

        store.projections().runUntilIdle();
        store.projections().runUntilIdle();
        assertThat(lineCounts().load(order)).contains(new OrderLineCount(order, "ada", 1));
    }

    /** The application's row, the product and the order's two commands, all on {@code c}. */
    private void placeOrder(Connection c, OrderRepository bound, UUID order, Product product) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("insert into " + ledger + " (order_id) values (?)")) {
            p.setObject(1, order);
            p.executeUpdate();
        }
        products.within(c).put(product);
        bound.execute(order, new OrderCommand.Create("ada"), CommandContext.empty());
        bound.execute(order, new OrderCommand.AddItem(product.sku(), 2, PRICE), CommandContext.empty());
    }

    private DocumentCollection<OrderLineCount, UUID> lineCounts() {
        return store.documents(OrderLineCount.class, UUID.class);
    }
}
