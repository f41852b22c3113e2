package io.rillflow.query.internal;

import io.rillflow.internal.Database;
import io.rillflow.internal.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Runs one query statement, all at once or through a cursor: shared by the query DSL and compiled queries. */
public final class QueryRunner {
    /** Rows fetched per round trip when streaming. */
    static final int STREAM_FETCH_SIZE = 256;

    private QueryRunner() {}

    /** Binds the parameters of a prepared statement. */
    @FunctionalInterface
    public interface StatementBinder {
        void bind(Connection connection, PreparedStatement statement) throws SQLException;
    }

    /** Reads one row. */
    @FunctionalInterface
    public interface RowReader<R> {
        R read(ResultSet rs) throws SQLException;
    }

    /** Every row of {@code sql}, read on one pooled connection. */
    public static <R> List<R> list(Database database, String sql, StatementBinder binder, RowReader<R> reader) {
        return database.withConnection(sql, c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                binder.bind(c, p);
                List<R> rows = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        rows.add(reader.read(rs));
                    }
                }
                return rows;
            }
        });
    }

    /** The update count of {@code sql}. */
    public static long update(Database database, String sql, StatementBinder binder) {
        return database.withConnection(sql, c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                binder.bind(c, p);
                return p.executeLargeUpdate();
            }
        });
    }

    /**
     * The rows of {@code sql} fetched lazily through a server-side cursor, {@value #STREAM_FETCH_SIZE} at a time. The
     * stream holds a connection until it is closed. On a database bound to the caller's connection (a projection's
     * batch), the cursor runs in the caller's transaction and sees its writes; closing the stream leaves that
     * transaction alone.
     */
    public static <R> Stream<R> stream(Database database, String sql, StatementBinder binder, RowReader<R> reader) {
        Optional<Connection> bound = database.boundConnection();
        Connection connection = null;
        try {
            connection = bound.isPresent() ? bound.get() : database.borrow("stream the rows of a query");
            if (bound.isEmpty()) {
                connection.setAutoCommit(false);
            }
            PreparedStatement statement = connection.prepareStatement(sql);
            statement.setFetchSize(STREAM_FETCH_SIZE);
            binder.bind(connection, statement);
            ResultSet rs = statement.executeQuery();
            Connection owned = connection;
            Spliterator<R> rows = new Spliterators.AbstractSpliterator<R>(Long.MAX_VALUE, Spliterator.ORDERED) {
                @Override
                public boolean tryAdvance(Consumer<? super R> action) {
                    try {
                        if (!rs.next()) {
                            return false;
                        }
                        action.accept(reader.read(rs));
                        return true;
                    } catch (SQLException e) {
                        throw SqlErrors.translate(sql, e);
                    }
                }
            };
            return StreamSupport.stream(rows, false)
                    .onClose(() -> closeCursor(bound.isPresent() ? null : owned, statement, sql));
        } catch (SQLException | RuntimeException e) {
            if (connection != null && bound.isEmpty()) {
                closeCursor(connection, null, sql);
            }
            throw e instanceof SQLException s ? SqlErrors.translate(sql, s) : (RuntimeException) e;
        }
    }

    /** Closes the cursor's statement and, for a pooled {@code connection} (null when bound), ends and returns it. */
    private static void closeCursor(Connection connection, PreparedStatement statement, String sql) {
        try {
            if (statement != null) {
                statement.close();
            }
            if (connection != null) {
                try (connection) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(sql, e);
        }
    }
}
