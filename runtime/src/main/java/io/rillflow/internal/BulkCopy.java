package io.rillflow.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows gathered in COPY text format and streamed to PostgreSQL in large chunks: the fastest way to load many rows,
 * one round trip per chunk instead of per row.
 */
public final class BulkCopy {
    private static final int CHUNK = 1 << 16;

    private final String copySql;
    private final StringBuilder rows = new StringBuilder();
    private long count;

    /** @param copySql a {@code COPY table (columns) FROM STDIN} statement in text format */
    public BulkCopy(String copySql) {
        this.copySql = copySql;
    }

    /** Adds a row; values are escaped, {@code null} becomes SQL NULL. */
    public BulkCopy row(String... values) {
        CopyText.appendRow(rows, values);
        count++;
        return this;
    }

    /** Sends every row on {@code connection}; returns the number of rows PostgreSQL stored. */
    public long send(Connection connection) throws SQLException {
        if (count == 0) {
            return 0;
        }
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
        try {
            byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
            for (int offset = 0; offset < bytes.length; offset += CHUNK) {
                copy.writeToCopy(bytes, offset, Math.min(CHUNK, bytes.length - offset));
            }
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }
}
