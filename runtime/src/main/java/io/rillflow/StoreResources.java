package io.rillflow;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;

/** What a built store owns and must release: its pool, then its embedded server. */
final class StoreResources implements AutoCloseable {
    private HikariDataSource pool;
    private AutoCloseable server;

    String startEmbedded(Path directory) {
        EmbeddedServerHandle handle = EmbeddedServerHandle.start(directory);
        server = handle;
        return handle.jdbcUrl();
    }

    DataSource pool(HikariConfig config) {
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new RillflowException(
                    "Cannot connect to " + DatabaseUrl.redact(config.getJdbcUrl()) + ": " + rootMessage(e), e);
        }
        return pool;
    }

    @Override
    public void close() throws Exception {
        try {
            if (pool != null) {
                pool.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    void closeQuietly(Throwable failure) {
        try {
            close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
