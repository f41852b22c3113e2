package io.rillflow;

import com.zaxxer.hikari.HikariConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.rillflow.internal.Timeouts;
import io.rillflow.metrics.internal.MicrometerMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The {@link StoreBuilder}'s settings of where the database is and how its connections behave: each checked as it is
 * set, then turned into the store's data source and timeouts by {@link StoreBuilder#build()}.
 */
final class ConnectionSettings {
    private String url;
    private DataSource dataSource;
    private Path embeddedDirectory;
    private int maxConnections = 10;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration statementTimeout = Timeouts.STATEMENT;
    private Duration lockTimeout = Timeouts.LOCK;
    private Duration backgroundStatementTimeout = Timeouts.BACKGROUND_STATEMENT;
    private Duration backgroundLockTimeout = Timeouts.BACKGROUND_LOCK;

    void url(String url) {
        this.url = Objects.requireNonNull(url, "url");
    }

    void dataSource(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    void embedded(Path dataDirectory) {
        this.embeddedDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
    }

    void maxConnections(int maxConnections) {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, was " + maxConnections);
        }
        this.maxConnections = maxConnections;
    }

    void connectTimeout(Duration connectTimeout) {
        if (connectTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("connectTimeout must be at least 250 ms, was " + connectTimeout);
        }
        this.connectTimeout = connectTimeout;
    }

    void statementTimeout(Duration statementTimeout) {
        this.statementTimeout = limit("statementTimeout", statementTimeout);
    }

    void lockTimeout(Duration lockTimeout) {
        this.lockTimeout = limit("lockTimeout", lockTimeout);
    }

    void backgroundStatementTimeout(Duration backgroundStatementTimeout) {
        this.backgroundStatementTimeout = limit("backgroundStatementTimeout", backgroundStatementTimeout);
    }

    void backgroundLockTimeout(Duration backgroundLockTimeout) {
        this.backgroundLockTimeout = limit("backgroundLockTimeout", backgroundLockTimeout);
    }

    private static Duration limit(String setting, Duration value) {
        Objects.requireNonNull(value, setting);
        if (value.isNegative() || (!value.isZero() && value.toMillis() < 1)) {
            throw new IllegalArgumentException(setting + " must be zero (no limit) or at least 1 ms, was " + value);
        }
        return value;
    }

    /** Fails unless exactly one of url, data source or embedded directory was given. */
    void requireOneTarget() {
        int targets = (url != null ? 1 : 0) + (dataSource != null ? 1 : 0) + (embeddedDirectory != null ? 1 : 0);
        if (targets != 1) {
            throw new IllegalStateException("Give exactly one of url, dataSource or embedded; got " + targets);
        }
    }

    /**
     * The application's data source, or a pool (named after {@code schema}, its meters on {@code meterRegistry} if
     * not null) on the server at the URL or on an embedded server, both then owned by {@code resources}.
     */
    DataSource open(StoreResources resources, String schema, MeterRegistry meterRegistry) {
        if (dataSource != null) {
            return dataSource;
        }
        String jdbcUrl = url != null ? DatabaseUrl.toJdbc(url) : resources.startEmbedded(embeddedDirectory);
        return resources.pool(pool(jdbcUrl, schema, meterRegistry));
    }

    /** The timeouts; the interactive ones are the pool's startup options only on a pool the store makes. */
    Timeouts timeouts() {
        return new Timeouts(
                statementTimeout, lockTimeout, backgroundStatementTimeout, backgroundLockTimeout, dataSource == null);
    }

    private HikariConfig pool(String jdbcUrl, String schema, MeterRegistry meterRegistry) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(maxConnections);
        config.setConnectionTimeout(connectTimeout.toMillis());
        config.setPoolName("rillflow-" + schema);
        // Startup options: every session starts with the interactive limits, at no round trip per call. An options
        // parameter in the URL takes precedence (pgjdbc lets URL parameters win), and then it owns these settings.
        config.addDataSourceProperty("options", Timeouts.startupOptions(statementTimeout, lockTimeout));
        if (meterRegistry != null) {
            MicrometerMetrics.trackPool(config, meterRegistry);
        }
        return config;
    }
}
