package io.rillflow.examples.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.Store;
import io.rillflow.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The generated repository's {@code within(Connection)}: document writes inside the caller's own JDBC transaction,
 * committed or rolled back by the caller together with its own SQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RepositoryWithinTransactionTest {
    private Store store;
    private ProductRepository products;
    private String ledger;

    @BeforeAll
    void open() {
        store = TestDatabase.store(getClass());
        products = new ProductRepository(store);
        ledger = "\"" + store.schemaName() + "\".stock_ledger";
        TestDatabase.execute("create table " + ledger + " (sku text not null, units int not null)");
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Test
    void aWriteWithinATransactionTheCallerRollsBackLeavesNothing() throws SQLException {
        Product tea = Teas.tea("TEA-001");
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            ProductRepository bound = products.within(c);
            bound.put(tea);
            record(c, tea.sku(), 12);

            assertThat(bound.load(tea.id()))
                    .as("the transaction sees its own write")
                    .contains(tea);
            assertThat(products.load(tea.id()))
                    .as("nothing is visible outside the transaction before it commits")
                    .isEmpty();
            c.rollback();
            assertThat(c.isClosed()).isFalse();
        }
        assertThat(products.load(tea.id())).isEmpty();
        assertThat(ledgerRows(tea.sku())).isZero();
    }

    @Test
    void aWriteWithinATransactionTheCallerCommitsLandsWithTheCallersOwnRows() throws SQLException {
        Product mate = Teas.tea("MAT-001");
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            products.within(c).insert(mate);
            record(c, mate.sku(), 5);
            c.commit();
        }
        assertThat(products.get(mate.id()).orElseThrow().version()).isEqualTo(1);
        assertThat(ledgerRows(mate.sku())).isEqualTo(1);
    }

    @Test
    void withinRefusesANullConnection() {
        assertThatThrownBy(() -> products.within(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("connection");
    }

    private void record(Connection c, String sku, int units) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("insert into " + ledger + " (sku, units) values (?, ?)")) {
            p.setString(1, sku);
            p.setInt(2, units);
            p.executeUpdate();
        }
    }

    private int ledgerRows(String sku) throws SQLException {
        try (Connection c = TestDatabase.connection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from " + ledger + " where sku = '" + sku + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
