package io.rillflow.examples.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.ConcurrencyException;
import io.rillflow.Store;
import io.rillflow.events.Expected;
import io.rillflow.examples.catalog.Availability;
import io.rillflow.examples.catalog.Product;
import io.rillflow.examples.catalog.ProductQueries;
import io.rillflow.examples.catalog.Product_;
import io.rillflow.examples.catalog.Supplier;
import io.rillflow.examples.orders.OrderCommand;
import io.rillflow.examples.orders.OrderRepository;
import io.rillflow.examples.tracing.OrderLineCount;
import io.rillflow.examples.tracing.OrderLines;
import io.rillflow.sessions.DocumentSession;
import io.rillflow.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A session inside the application's own transaction: its SQL, the session's documents, events and aggregate
 * commands commit or roll back together, when the application says; the projection daemon applies what committed
 * once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionWithinTransactionTest {
    private Store store;
    private AccountRepository accounts;
    private OrderRepository orders;
    private String ledger;

    @BeforeAll
    void open() {
        store = TestDatabase.store(getClass());
        store.projections().register(OrderLines.class);
        accounts = new AccountRepository(store);
        orders = new OrderRepository(store);
        ledger = "\"" + store.schemaName() + "\".session_ledger";
        TestDatabase.execute("create table " + ledger + " (id uuid primary key)");
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Test
    void rolledBackByTheApplicationNothingIsVisible() throws SQLException {
        UUID account = UUID.randomUUID();
        UUID order = UUID.randomUUID();
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            unit(c, account, order);
            try (DocumentSession session = store.openSession(o -> o.within(c))) {
                assertThat(session.load(Account.class, account))
                        .as("the transaction sees its own writes")
                        .isPresent();
            }
            assertThat(accounts.load(account)).as("no one else does").isEmpty();
            c.rollback();
        }
        assertThat(TestDatabase.count("select count(*) from " + ledger + " where id = ?", account))
                .isZero();
        assertThat(accounts.load(account)).isEmpty();
        assertThat(store.events().readStream(account)).isEmpty();
        assertThat(orders.load(order)).isEmpty();
        store.projections().runUntilIdle();
        assertThat(store.documents(OrderLineCount.class, UUID.class).load(order))
                .isEmpty();
    }

    @Test
    void committedByTheApplicationAllIsVisibleAndProjectedOnce() throws SQLException {
        UUID account = UUID.randomUUID();
        UUID order = UUID.randomUUID();
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            unit(c, account, order);
            c.commit();
        }
        assertThat(TestDatabase.count("select count(*) from " + ledger + " where id = ?", account))
                .isEqualTo(1);
        assertThat(accounts.load(account).orElseThrow().getBalance()).isEqualTo(50);
        assertThat(store.events().readStream(account)).hasSize(1);
        assertThat(orders.state(order).version()).isEqualTo(2);
        store.projections().runUntilIdle();
        store.projections().runUntilIdle();
        assertThat(store.documents(OrderLineCount.class, UUID.class).load(order))
                .contains(new OrderLineCount(order, "ada", 1));
    }

    @Test
    void aConflictUndoesTheUnitOnlyAndLeavesTheApplicationsTransactionUsable() throws SQLException {
        UUID account = UUID.randomUUID();
        UUID taken = UUID.randomUUID();
        accounts.put(new Account(taken, "bob", 1));
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            insertLedger(c, account);
            try (DocumentSession session = store.openSession(o -> o.within(c))) {
                session.store(new Account(account, "ada", 5));
                session.insert(new Account(taken, "eve", 0));
                assertThatThrownBy(session::saveChanges).isInstanceOf(ConcurrencyException.class);
            }
            c.commit();
        }
        assertThat(TestDatabase.count("select count(*) from " + ledger + " where id = ?", account))
                .as("the application's own write survives")
                .isEqualTo(1);
        assertThat(accounts.load(account)).as("the unit's does not").isEmpty();
        assertThat(accounts.load(taken).orElseThrow().getOwner()).isEqualTo("bob");
    }

    @Test
    void queriesAndQueryInterfacesOfASessionWithinATransactionSeeItsWrites() throws SQLException {
        Product tea = new Product(
                UUID.randomUUID(),
                "SESSION-QUERY",
                "Tea",
                "Loose leaves",
                BigDecimal.ONE,
                1,
                List.of("tea"),
                Instant.EPOCH,
                new Supplier("Teehaus", "Bremen", "DE"),
                Availability.IN_STOCK);
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (DocumentSession session = store.openSession(o -> o.within(c))) {
                session.store(tea);
                session.saveChanges();
                assertThat(session.queries(ProductQueries.class).findBySku("SESSION-QUERY"))
                        .contains(tea);
                assertThat(session.query(Product.class)
                                .where(Product_.sku.eq("SESSION-QUERY"))
                                .list())
                        .containsExactly(tea);
            }
            assertThat(store.queries(ProductQueries.class).findBySku("SESSION-QUERY"))
                    .as("not committed")
                    .isEmpty();
            c.rollback();
        }
        try (DocumentSession session = store.openSession()) {
            assertThatThrownBy(() -> session.queries(Runnable.class))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("No generated implementation of java.lang.Runnable");
        }
    }

    @Test
    void onAnAutoCommitConnectionEachSaveIsItsOwnTransaction() throws SQLException {
        UUID account = UUID.randomUUID();
        UUID moved = UUID.randomUUID();
        store.events().append(moved, Expected.noStream(), List.of(new MoneyMoved(account, account, 1)));
        try (Connection c = store.dataSource().getConnection();
                DocumentSession session = store.openSession(o -> o.within(c))) {
            session.store(new Account(account, "ada", 5));
            session.events().append(moved, Expected.noStream(), new MoneyMoved(account, account, 2));
            assertThatThrownBy(session::saveChanges).isInstanceOf(ConcurrencyException.class);
            assertThat(c.getAutoCommit()).isTrue();
        }
        assertThat(accounts.load(account)).as("the failed save wrote nothing").isEmpty();
    }

    /** The application's row, an account and its event, and an order's two commands, in one session on {@code c}. */
    private void unit(Connection c, UUID account, UUID order) throws SQLException {
        insertLedger(c, account);
        try (DocumentSession session = store.openSession(o -> o.within(c))) {
            session.store(new Account(account, "ada", 50));
            session.events().append(account, Expected.noStream(), new MoneyMoved(account, account, 0));
            session.aggregates(orders).execute(order, new OrderCommand.Create("ada"));
            session.aggregates(orders).execute(order, new OrderCommand.AddItem("TEA", 2, BigDecimal.TEN));
            session.saveChanges();
        }
    }

    private void insertLedger(Connection c, UUID id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("insert into " + ledger + " (id) values (?)")) {
            p.setObject(1, id);
            p.executeUpdate();
        }
    }
}
