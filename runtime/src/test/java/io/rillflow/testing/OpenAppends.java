package io.rillflow.testing;

import io.rillflow.Store;
import io.rillflow.internal.LogListener;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * Appends made on a connection the test holds, so a test can keep them in flight (uncommitted) while others commit:
 * the out-of-order commits that log readers must neither skip nor stall on. Calls the store's {@code rf_append}
 * function as the runtime does, with empty bodies and "any version".
 */
public final class OpenAppends {
    private OpenAppends() {}

    /**
     * Appends one empty event of each of {@code types} to {@code stream} in {@code c}'s current transaction.
     *
     * @return the global position of the last event appended
     */
    public static long append(Connection c, Store store, UUID stream, List<String> types) throws SQLException {
        String sql = "select last_global_seq from \"" + store.schemaName() + "\".rf_append(?, null, -1, ?, ?, ?,"
                + " '{}'::jsonb, null, null, null, false, ?)";
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setObject(1, stream);
            p.setArray(2, c.createArrayOf("text", types.toArray()));
            p.setArray(
                    3,
                    c.createArrayOf("int4", Collections.nCopies(types.size(), 1).toArray()));
            p.setArray(
                    4,
                    c.createArrayOf(
                            "jsonb", Collections.nCopies(types.size(), "{}").toArray()));
            p.setString(5, LogListener.channel(store.schemaName()));
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
