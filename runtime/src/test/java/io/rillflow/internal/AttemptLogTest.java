package io.rillflow.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.RillflowException;
import io.rillflow.Store;
import io.rillflow.testing.TestDatabase;
import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A failed unit of work names what failed: the statement whose call threw, not the first one the work prepared, or
 * the connection call, or else the work's label.
 */
class AttemptLogTest {
    private static Store store;
    private static Database database;

    @BeforeAll
    static void open() {
        store = TestDatabase.store(AttemptLogTest.class);
        database = new Database(store.dataSource());
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void aFailedPreparedStatementIsQuotedNotTheOneBeforeIt() {
        assertThatThrownBy(() -> database.inTransaction("two reads", c -> {
                    try (PreparedStatement ok = c.prepareStatement("select 1");
                            PreparedStatement bad = c.prepareStatement("select 1 / ?")) {
                        ok.executeQuery().close();
                        bad.setInt(1, 0);
                        return bad.executeQuery();
                    }
                }))
                .isInstanceOf(RillflowException.class)
                .hasMessageStartingWith("Database error [22012]: ")
                .hasMessageEndingWith(" [statement: select 1 / ?]");
    }

    @Test
    void theStatementThatFailedIsQuotedEvenWhenAnotherWasPreparedAfterIt() {
        assertThatThrownBy(() -> database.withConnection("interleaved", c -> {
                    try (PreparedStatement bad = c.prepareStatement("select 1 / ?");
                            PreparedStatement later = c.prepareStatement("select 2")) {
                        later.executeQuery().close();
                        bad.setInt(1, 0);
                        return bad.executeQuery();
                    }
                }))
                .hasMessageEndingWith(" [statement: select 1 / ?]");
    }

    @Test
    void aPlainStatementQuotesTheTextItWasGiven() {
        assertThatThrownBy(() -> database.withConnection("plain", c -> {
                    try (Statement s = c.createStatement()) {
                        s.execute("select 1");
                        return s.execute("select 1 / 0");
                    }
                }))
                .hasMessageEndingWith(" [statement: select 1 / 0]");
    }

    @Test
    void aFailedCommitIsNamedWithTheWorksLabel() {
        assertThatThrownBy(() -> database.inTransaction("a deferred check", c -> {
                    try (Statement s = c.createStatement()) {
                        s.execute("create temporary table deferred (id int unique deferrable initially deferred)"
                                + " on commit drop");
                        return s.executeUpdate("insert into deferred values (1), (1)");
                    }
                }))
                .hasMessageStartingWith("Database error [23505]: ")
                .hasMessageEndingWith(" [during: commit, in: a deferred check]");
    }

    @Test
    void aFailureNoCallOnTheConnectionRaisedIsNamedByTheLabel() {
        assertThatThrownBy(() -> database.withConnection("the work's own check", c -> {
                    throw new SQLException("refused by the work", "22023");
                }))
                .hasMessage("Database error [22023]: refused by the work [during: the work's own check]");
    }

    @Test
    void theWorkSeesPlainDelegatesNotReflectiveProxies() {
        boolean[] proxies = database.withConnection("look", c -> {
            try (Statement s = c.createStatement();
                    PreparedStatement p = c.prepareStatement("select 1")) {
                return new boolean[] {
                    Proxy.isProxyClass(c.getClass()), Proxy.isProxyClass(s.getClass()), Proxy.isProxyClass(p.getClass())
                };
            }
        });
        assertThat(proxies).containsExactly(false, false, false);
    }

    @Test
    void unwrapReachesTheDriver() {
        boolean driver = database.withConnection(
                "unwrap",
                c -> c.isWrapperFor(org.postgresql.PGConnection.class)
                        && c.unwrap(org.postgresql.PGConnection.class) != null);
        assertThat(driver).isTrue();
    }
}
