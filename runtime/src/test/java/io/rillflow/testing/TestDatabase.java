package io.rillflow.testing;

import io.rillflow.Store;
import io.rillflow.StoreBuilder;
import io.rillflow.documents.DocumentCollection;
import io.rillflow.embedded.EmbeddedPostgresServer;
import io.rillflow.tenancy.TenancyStrategy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostgreSQL that tests run against, one per test JVM:
 *
 * <ul>
 *   <li>{@code DATABASE_URL} set: that server;
 *   <li>{@code -Drillflow.test.db=docker}: a Testcontainers PostgreSQL (needs a Docker engine);
 *   <li>otherwise: the shared embedded server (fsync off: tests never survive a crash anyway).
 * </ul>
 *
 * Each test class gets its own schema, so classes never see each other's rows.
 */
public final class TestDatabase {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static String jdbcUrl;
    private static Store admin;

    private TestDatabase() {}

    /** The JDBC URL of the test server. */
    public static synchronized String jdbcUrl() {
        if (jdbcUrl == null) {
            String env = System.getenv("DATABASE_URL");
            if (env != null && !env.isBlank()) {
                jdbcUrl = env;
            } else if ("docker".equals(System.getProperty("rillflow.test.db"))) {
                jdbcUrl = DockerDatabase.start();
            } else {
                jdbcUrl = EmbeddedPostgresServer.shared().jdbcUrl();
            }
        }
        return jdbcUrl;
    }

    /** A fresh, empty schema name for {@code owner}, unique in this JVM and dropped first if it exists. */
    public static String freshSchema(Class<?> owner) {
        String base = owner.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        String schema = "t_" + base.substring(0, Math.min(40, base.length())) + "_" + SCHEMAS.incrementAndGet() + "_"
                + ProcessHandle.current().pid();
        execute("drop schema if exists \"" + schema + "\" cascade");
        return schema;
    }

    /**
     * Schema per tenant with tenant schemas no other store of this JVM uses ({@code tn<n>p<pid>_<tenant>}), so test
     * classes may all use tenant {@code "acme"}.
     */
    public static TenancyStrategy.SchemaPerTenant freshTenancy() {
        return TenancyStrategy.schemaPerTenant()
                .withSchemaPattern("tn" + SCHEMAS.incrementAndGet() + "p"
                        + ProcessHandle.current().pid() + "_{tenant}");
    }

    /** A store builder on the test server in a fresh schema for {@code owner}. */
    public static StoreBuilder storeBuilder(Class<?> owner) {
        return Store.builder(jdbcUrl()).schema(freshSchema(owner)).maxConnections(12);
    }

    /** A migrated store on the test server in a fresh schema for {@code owner}. */
    public static Store store(Class<?> owner) {
        return storeBuilder(owner).build();
    }

    /** The quoted, schema-qualified table of {@code collection} in {@code store}, for SQL behind the store's back. */
    public static String table(Store store, DocumentCollection<?, ?> collection) {
        return "\"" + store.schemaName() + "\".\"rf_doc_" + collection.name() + "\"";
    }

    /**
     * A connection outside any store, whatever form {@code DATABASE_URL} takes ({@code postgres://} URLs are the
     * store's to parse; {@code DriverManager} knows only {@code jdbc:} ones).
     */
    public static Connection connection() throws SQLException {
        return admin().dataSource().getConnection();
    }

    /** Runs SQL outside any store, e.g. to inspect or corrupt rows on purpose. */
    public static void execute(String sql) {
        try (Connection c = admin().dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /**
     * The number the query {@code sql} returns (its first column of its first row), read outside any store, with
     * {@code parameters} bound in order: a {@code UUID[]} as a {@code uuid[]} array, anything else as itself.
     */
    public static long count(String sql, Object... parameters) {
        try (Connection c = admin().dataSource().getConnection();
                PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] instanceof UUID[] ids) {
                    p.setArray(i + 1, c.createArrayOf("uuid", ids));
                } else {
                    p.setObject(i + 1, parameters[i]);
                }
            }
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** A store that only lends connections: no schema of its own, never migrated. */
    private static synchronized Store admin() {
        if (admin == null) {
            admin = Store.builder(jdbcUrl())
                    .migrateOnStart(false)
                    .maxConnections(2)
                    .build();
        }
        return admin;
    }
}
