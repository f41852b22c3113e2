package io.rillflow.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import org.postgresql.PGStatement;

/**
 * The plan of a statement the slow statement log reports: {@code EXPLAIN} (never {@code ANALYZE}: nothing runs twice)
 * of the same text, with the values the statement was executed with, on its own connection right after it. Inside the
 * caller's transaction it runs under a savepoint, so an {@code EXPLAIN} that fails leaves the transaction as it was.
 */
final class SlowPlan {
    private SlowPlan() {}

    /**
     * The plan of {@code statement}, a prepared statement executed with its bound values, or of {@code sql} when it ran
     * as text; a line saying why when there is none. Never throws.
     */
    static String explain(Statement statement, String sql) {
        try {
            String text = sql != null ? sql : boundText(statement);
            if (text == null) {
                return "(no plan: not a PostgreSQL JDBC statement)";
            }
            return explain(statement.getConnection(), text);
        } catch (SQLException | RuntimeException e) {
            return "(no plan: " + e.getMessage() + ")";
        }
    }

    /** The driver's rendering of a prepared statement with its bound values as literals. */
    private static String boundText(Statement statement) throws SQLException {
        return statement.isWrapperFor(PGStatement.class)
                ? statement.unwrap(PGStatement.class).toString()
                : null;
    }

    private static String explain(Connection c, String text) throws SQLException {
        Savepoint savepoint = c.getAutoCommit() ? null : c.setSavepoint();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("explain " + text)) {
            StringBuilder plan = new StringBuilder();
            while (rs.next()) {
                plan.append(plan.length() == 0 ? "" : "\n").append(rs.getString(1));
            }
            return plan.toString();
        } catch (SQLException e) {
            if (savepoint != null) {
                c.rollback(savepoint);
                savepoint = null;
            }
            throw e;
        } finally {
            if (savepoint != null) {
                c.releaseSavepoint(savepoint);
            }
        }
    }
}
