package io.rillflow.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for the NOTIFY that appends to {@code rf_events} send (see {@code sql/0007_insert_only_appends.sql}), for the
 * readers that tail the log (projections, subscriptions). Notifications are a hint only: one concurrent appending
 * transaction notifies at a time and a listener that reconnects misses some, so callers also poll. Holds one pooled
 * connection while listening; not thread-safe, one per reading thread.
 */
public final class LogListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogListener.class);
    /** How long one wait for notifications lasts at most, so a stop request is seen quickly. */
    private static final int WAIT_SLICE_MILLIS = 100;

    private final DataSource dataSource;
    /** The channels listened to: the first schema's, and those {@link #listenTo} added. */
    private final Set<String> channels = new LinkedHashSet<>();

    private final String reader;
    private Connection connection;

    /**
     * @param schema the store's schema, which names the channel
     * @param reader who listens, for log messages
     */
    public LogListener(DataSource dataSource, String schema, String reader) {
        this.dataSource = dataSource;
        this.channels.add(channel(schema));
        this.reader = reader;
    }

    /**
     * Listens to the appends to {@code schemas} too (a daemon serving tenants wakes up for any tenant's append), from
     * now on if listening, else from the next (re)connection.
     */
    public void listenTo(Collection<String> schemas) {
        List<String> added = new ArrayList<>();
        for (String schema : schemas) {
            if (channels.add(channel(schema))) {
                added.add(channel(schema));
            }
        }
        if (connection != null && !added.isEmpty()) {
            try (Statement s = connection.createStatement()) {
                for (String name : added) {
                    s.execute("LISTEN " + Identifiers.quote(name));
                }
            } catch (SQLException e) {
                LOG.debug("{} listener unavailable, polling instead: {}", reader, e.getMessage());
                close(); // the next wait reconnects and listens to every channel
            }
        }
    }

    /** The channel appends to {@code schema} notify: PostgreSQL cuts names at 63 bytes. */
    public static String channel(String schema) {
        String name = "rf_events_" + schema;
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    /** Starts listening if possible (before the first read, so no append between that read and a wait is missed). */
    public void listenQuietly() {
        try {
            listener();
        } catch (SQLException | RuntimeException e) {
            LOG.debug("{} listener unavailable, polling instead: {}", reader, e.getMessage());
            close();
        }
    }

    /**
     * Sleeps up to {@code millis}, waking early on a notification, a stop request or an interrupt, and at once after
     * (re)connecting, since appends may have been missed while not listening.
     */
    public void await(BooleanSupplier stop, long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (!stop.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
            long left = (end - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return;
            }
            int slice = (int) Math.min(left, WAIT_SLICE_MILLIS);
            try {
                boolean reconnecting = connection == null;
                PGConnection pg = listener();
                if (reconnecting) {
                    return;
                }
                if (pg.getNotifications(slice).length > 0) {
                    return;
                }
            } catch (SQLException | RuntimeException e) {
                LOG.debug("{} listener unavailable, polling instead: {}", reader, e.getMessage());
                close();
                sleep(slice);
            }
        }
    }

    private PGConnection listener() throws SQLException {
        if (connection == null) {
            Connection c = dataSource.getConnection();
            try (Statement s = c.createStatement()) {
                for (String channel : channels) {
                    s.execute("LISTEN " + Identifiers.quote(channel));
                }
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            connection = c;
        }
        return connection.unwrap(PGConnection.class);
    }

    /** Stops listening and gives the connection back to the pool. */
    @Override
    public void close() {
        if (connection != null) {
            try (Connection c = connection;
                    Statement s = c.createStatement()) {
                s.execute("UNLISTEN *"); // the connection goes back to the pool
            } catch (SQLException e) {
                LOG.debug("Closing the {} listener: {}", reader, e.getMessage());
            }
            connection = null;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
