package io.rillflow.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

/**
 * A statement that forwards every call to the driver's and records in its {@link AttemptLog} what a call that threw
 * was: the text the statement was prepared with, else the text a call passed ({@code execute(sql)},
 * {@code addBatch(sql)}), else the name of the connection call that created it.
 */
class WatchedStatement<S extends Statement> implements Statement {
    final S statement;
    private final AttemptLog log;
    /** The prepared text, or (when not {@code quoted}) the name of the call that created the statement. */
    private final String what;

    private final boolean quoted;

    WatchedStatement(S statement, AttemptLog log, String what, boolean quoted) {
        this.statement = statement;
        this.log = log;
        this.what = what;
        this.quoted = quoted;
    }

    final <T> T call(AttemptLog.Call<T> call) throws SQLException {
        return log.call(what, quoted, call);
    }

    final void run(AttemptLog.Run run) throws SQLException {
        log.run(what, quoted, run);
    }

    /** Runs a call that executes SQL: timed, if the store measures statements. */
    final <T> T execute(AttemptLog.Call<T> call) throws SQLException {
        return log.execute(what, quoted, call, quoted ? () -> SlowPlan.explain(statement, null) : null);
    }

    private <T> T call(String sql, AttemptLog.Call<T> call) throws SQLException {
        return log.execute(quoted ? what : sql, true, call, () -> SlowPlan.explain(statement, quoted ? null : sql));
    }

    private void run(String sql, AttemptLog.Run run) throws SQLException {
        log.run(quoted ? what : sql, true, run);
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        return call(sql, () -> statement.executeQuery(sql));
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        return call(sql, () -> statement.executeUpdate(sql));
    }

    @Override
    public void close() throws SQLException {
        run(statement::close);
    }

    @Override
    public int getMaxFieldSize() throws SQLException {
        return call(statement::getMaxFieldSize);
    }

    @Override
    public void setMaxFieldSize(int max) throws SQLException {
        run(() -> statement.setMaxFieldSize(max));
    }

    @Override
    public int getMaxRows() throws SQLException {
        return call(statement::getMaxRows);
    }

    @Override
    public void setMaxRows(int max) throws SQLException {
        run(() -> statement.setMaxRows(max));
    }

    @Override
    public void setEscapeProcessing(boolean enable) throws SQLException {
        run(() -> statement.setEscapeProcessing(enable));
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        return call(statement::getQueryTimeout);
    }

    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        run(() -> statement.setQueryTimeout(seconds));
    }

    @Override
    public void cancel() throws SQLException {
        run(statement::cancel);
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        return call(statement::getWarnings);
    }

    @Override
    public void clearWarnings() throws SQLException {
        run(statement::clearWarnings);
    }

    @Override
    public void setCursorName(String name) throws SQLException {
        run(() -> statement.setCursorName(name));
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        return call(sql, () -> statement.execute(sql));
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        return call(statement::getResultSet);
    }

    @Override
    public int getUpdateCount() throws SQLException {
        return call(statement::getUpdateCount);
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        return call(statement::getMoreResults);
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        run(() -> statement.setFetchDirection(direction));
    }

    @Override
    public int getFetchDirection() throws SQLException {
        return call(statement::getFetchDirection);
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        run(() -> statement.setFetchSize(rows));
    }

    @Override
    public int getFetchSize() throws SQLException {
        return call(statement::getFetchSize);
    }

    @Override
    public int getResultSetConcurrency() throws SQLException {
        return call(statement::getResultSetConcurrency);
    }

    @Override
    public int getResultSetType() throws SQLException {
        return call(statement::getResultSetType);
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        run(sql, () -> statement.addBatch(sql));
    }

    @Override
    public void clearBatch() throws SQLException {
        run(statement::clearBatch);
    }

    @Override
    public int[] executeBatch() throws SQLException {
        return execute(statement::executeBatch);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return call(statement::getConnection);
    }

    @Override
    public boolean getMoreResults(int current) throws SQLException {
        return call(() -> statement.getMoreResults(current));
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        return call(statement::getGeneratedKeys);
    }

    @Override
    public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return call(sql, () -> statement.executeUpdate(sql, autoGeneratedKeys));
    }

    @Override
    public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
        return call(sql, () -> statement.executeUpdate(sql, columnIndexes));
    }

    @Override
    public int executeUpdate(String sql, String[] columnNames) throws SQLException {
        return call(sql, () -> statement.executeUpdate(sql, columnNames));
    }

    @Override
    public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
        return call(sql, () -> statement.execute(sql, autoGeneratedKeys));
    }

    @Override
    public boolean execute(String sql, int[] columnIndexes) throws SQLException {
        return call(sql, () -> statement.execute(sql, columnIndexes));
    }

    @Override
    public boolean execute(String sql, String[] columnNames) throws SQLException {
        return call(sql, () -> statement.execute(sql, columnNames));
    }

    @Override
    public int getResultSetHoldability() throws SQLException {
        return call(statement::getResultSetHoldability);
    }

    @Override
    public boolean isClosed() throws SQLException {
        return call(statement::isClosed);
    }

    @Override
    public void setPoolable(boolean poolable) throws SQLException {
        run(() -> statement.setPoolable(poolable));
    }

    @Override
    public boolean isPoolable() throws SQLException {
        return call(statement::isPoolable);
    }

    @Override
    public void closeOnCompletion() throws SQLException {
        run(statement::closeOnCompletion);
    }

    @Override
    public boolean isCloseOnCompletion() throws SQLException {
        return call(statement::isCloseOnCompletion);
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        return call(statement::getLargeUpdateCount);
    }

    @Override
    public void setLargeMaxRows(long max) throws SQLException {
        run(() -> statement.setLargeMaxRows(max));
    }

    @Override
    public long getLargeMaxRows() throws SQLException {
        return call(statement::getLargeMaxRows);
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        return execute(statement::executeLargeBatch);
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        return call(sql, () -> statement.executeLargeUpdate(sql));
    }

    @Override
    public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return call(sql, () -> statement.executeLargeUpdate(sql, autoGeneratedKeys));
    }

    @Override
    public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
        return call(sql, () -> statement.executeLargeUpdate(sql, columnIndexes));
    }

    @Override
    public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
        return call(sql, () -> statement.executeLargeUpdate(sql, columnNames));
    }

    @Override
    public String enquoteLiteral(String value) throws SQLException {
        return call(() -> statement.enquoteLiteral(value));
    }

    @Override
    public String enquoteIdentifier(String value, boolean alwaysQuote) throws SQLException {
        return call(() -> statement.enquoteIdentifier(value, alwaysQuote));
    }

    @Override
    public boolean isSimpleIdentifier(String value) throws SQLException {
        return call(() -> statement.isSimpleIdentifier(value));
    }

    @Override
    public String enquoteNCharLiteral(String value) throws SQLException {
        return call(() -> statement.enquoteNCharLiteral(value));
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return call(() -> statement.unwrap(iface));
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return call(() -> statement.isWrapperFor(iface));
    }

    @Override
    public String toString() {
        return statement.toString();
    }
}
