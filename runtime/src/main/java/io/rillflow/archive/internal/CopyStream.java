package io.rillflow.archive.internal;

import io.rillflow.internal.CopyText;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows streamed to PostgreSQL with COPY as they come, into one table after another: a row for another table ends the
 * current COPY and starts the next. Unlike {@code BulkCopy} it holds at most one chunk of rows, so an import of any size
 * runs in bounded memory.
 */
final class CopyStream implements AutoCloseable {
    private static final int CHUNK = 1 << 16;

    private final Connection connection;
    private final StringBuilder rows = new StringBuilder();
    private String copySql;
    private CopyIn copy;

    CopyStream(Connection connection) {
        this.connection = connection;
    }

    /** Adds a row for {@code sql} (a {@code COPY table (columns) FROM STDIN}); {@code null} values become SQL NULL. */
    void row(String sql, String... values) throws SQLException {
        if (!sql.equals(copySql)) {
            end();
            copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
            copySql = sql;
        }
        CopyText.appendRow(rows, values);
        if (rows.length() >= CHUNK) {
            flush();
        }
    }

    /** Ends the COPY in progress, if any, so that the connection can run other statements. */
    void end() throws SQLException {
        if (copy != null) {
            flush();
            CopyIn ending = copy;
            copy = null;
            copySql = null;
            ending.endCopy();
        }
    }

    private void flush() throws SQLException {
        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        rows.setLength(0);
        copy.writeToCopy(bytes, 0, bytes.length);
    }

    /** Cancels a COPY left in progress by a failure, so that the transaction can roll back. */
    @Override
    public void close() throws SQLException {
        if (copy != null && copy.isActive()) {
            copy.cancelCopy();
        }
    }
}
