package io.rillflow.internal;

import io.rillflow.RillflowException;
import java.sql.SQLException;

/** Turns driver errors into Rillflow exceptions that keep the statement for context. */
public final class SqlErrors {
    private SqlErrors() {}

    /** Wraps {@code e} in a {@link RillflowException} naming its SQLSTATE and the statement. */
    public static RillflowException translate(String sql, SQLException e) {
        return new RillflowException(
                "Database error [" + e.getSQLState() + "]: " + e.getMessage() + " [statement: " + sql + "]", e);
    }

    /** The SQLSTATE of {@code e} or of the first cause that has one. */
    public static String sqlState(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if (s.getSQLState() != null) {
                return s.getSQLState();
            }
        }
        return "";
    }
}
