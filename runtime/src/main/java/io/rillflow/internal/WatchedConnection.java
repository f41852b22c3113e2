package io.rillflow.internal;

import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.ShardingKey;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * A connection that forwards every call to the driver's and records in its {@link AttemptLog} the name of a call that
 * threw; the statements it creates are {@link WatchedStatement}s, which record their own text. A callable statement
 * (the runtime prepares none) is the driver's own: an error on it is named by the work's label.
 */
final class WatchedConnection implements Connection {
    private final Connection connection;
    private final AttemptLog log;

    WatchedConnection(Connection connection, AttemptLog log) {
        this.connection = connection;
        this.log = log;
    }

    @Override
    public Statement createStatement() throws SQLException {
        return new WatchedStatement<>(
                log.call("createStatement", false, connection::createStatement), log, "createStatement", false);
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        return new WatchedPreparedStatement(
                log.call("prepareStatement", false, () -> connection.prepareStatement(sql)), log, sql);
    }

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        return log.call("prepareCall", false, () -> connection.prepareCall(sql));
    }

    @Override
    public String nativeSQL(String sql) throws SQLException {
        return log.call("nativeSQL", false, () -> connection.nativeSQL(sql));
    }

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        log.run("setAutoCommit", false, () -> connection.setAutoCommit(autoCommit));
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        return log.call("getAutoCommit", false, connection::getAutoCommit);
    }

    @Override
    public void commit() throws SQLException {
        log.run("commit", false, connection::commit);
    }

    @Override
    public void rollback() throws SQLException {
        log.run("rollback", false, connection::rollback);
    }

    @Override
    public void close() throws SQLException {
        log.run("close", false, connection::close);
    }

    @Override
    public boolean isClosed() throws SQLException {
        return log.call("isClosed", false, connection::isClosed);
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        return log.call("getMetaData", false, connection::getMetaData);
    }

    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        log.run("setReadOnly", false, () -> connection.setReadOnly(readOnly));
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        return log.call("isReadOnly", false, connection::isReadOnly);
    }

    @Override
    public void setCatalog(String catalog) throws SQLException {
        log.run("setCatalog", false, () -> connection.setCatalog(catalog));
    }

    @Override
    public String getCatalog() throws SQLException {
        return log.call("getCatalog", false, connection::getCatalog);
    }

    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        log.run("setTransactionIsolation", false, () -> connection.setTransactionIsolation(level));
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        return log.call("getTransactionIsolation", false, connection::getTransactionIsolation);
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        return log.call("getWarnings", false, connection::getWarnings);
    }

    @Override
    public void clearWarnings() throws SQLException {
        log.run("clearWarnings", false, connection::clearWarnings);
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
        return new WatchedStatement<>(
                log.call(
                        "createStatement",
                        false,
                        () -> connection.createStatement(resultSetType, resultSetConcurrency)),
                log,
                "createStatement",
                false);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
            throws SQLException {
        return new WatchedPreparedStatement(
                log.call(
                        "prepareStatement",
                        false,
                        () -> connection.prepareStatement(sql, resultSetType, resultSetConcurrency)),
                log,
                sql);
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency) throws SQLException {
        return log.call("prepareCall", false, () -> connection.prepareCall(sql, resultSetType, resultSetConcurrency));
    }

    @Override
    public Map<String, Class<?>> getTypeMap() throws SQLException {
        return log.call("getTypeMap", false, connection::getTypeMap);
    }

    @Override
    public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
        log.run("setTypeMap", false, () -> connection.setTypeMap(map));
    }

    @Override
    public void setHoldability(int holdability) throws SQLException {
        log.run("setHoldability", false, () -> connection.setHoldability(holdability));
    }

    @Override
    public int getHoldability() throws SQLException {
        return log.call("getHoldability", false, connection::getHoldability);
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        return log.call("setSavepoint", false, connection::setSavepoint);
    }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        return log.call("setSavepoint", false, () -> connection.setSavepoint(name));
    }

    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
        log.run("rollback", false, () -> connection.rollback(savepoint));
    }

    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        log.run("releaseSavepoint", false, () -> connection.releaseSavepoint(savepoint));
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
            throws SQLException {
        return new WatchedStatement<>(
                log.call(
                        "createStatement",
                        false,
                        () -> connection.createStatement(resultSetType, resultSetConcurrency, resultSetHoldability)),
                log,
                "createStatement",
                false);
    }

    @Override
    public PreparedStatement prepareStatement(
            String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
        return new WatchedPreparedStatement(
                log.call(
                        "prepareStatement",
                        false,
                        () -> connection.prepareStatement(
                                sql, resultSetType, resultSetConcurrency, resultSetHoldability)),
                log,
                sql);
    }

    @Override
    public CallableStatement prepareCall(
            String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
        return log.call(
                "prepareCall",
                false,
                () -> connection.prepareCall(sql, resultSetType, resultSetConcurrency, resultSetHoldability));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        return new WatchedPreparedStatement(
                log.call("prepareStatement", false, () -> connection.prepareStatement(sql, autoGeneratedKeys)),
                log,
                sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        return new WatchedPreparedStatement(
                log.call("prepareStatement", false, () -> connection.prepareStatement(sql, columnIndexes)), log, sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        return new WatchedPreparedStatement(
                log.call("prepareStatement", false, () -> connection.prepareStatement(sql, columnNames)), log, sql);
    }

    @Override
    public Clob createClob() throws SQLException {
        return log.call("createClob", false, connection::createClob);
    }

    @Override
    public Blob createBlob() throws SQLException {
        return log.call("createBlob", false, connection::createBlob);
    }

    @Override
    public NClob createNClob() throws SQLException {
        return log.call("createNClob", false, connection::createNClob);
    }

    @Override
    public SQLXML createSQLXML() throws SQLException {
        return log.call("createSQLXML", false, connection::createSQLXML);
    }

    @Override
    public boolean isValid(int seconds) throws SQLException {
        return log.call("isValid", false, () -> connection.isValid(seconds));
    }

    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
        try {
            connection.setClientInfo(name, value);
        } catch (SQLClientInfoException e) {
            throw log.failed(e, "setClientInfo", false);
        }
    }

    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        try {
            connection.setClientInfo(properties);
        } catch (SQLClientInfoException e) {
            throw log.failed(e, "setClientInfo", false);
        }
    }

    @Override
    public String getClientInfo(String name) throws SQLException {
        return log.call("getClientInfo", false, () -> connection.getClientInfo(name));
    }

    @Override
    public Properties getClientInfo() throws SQLException {
        return log.call("getClientInfo", false, connection::getClientInfo);
    }

    @Override
    public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
        return log.call("createArrayOf", false, () -> connection.createArrayOf(typeName, elements));
    }

    @Override
    public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
        return log.call("createStruct", false, () -> connection.createStruct(typeName, attributes));
    }

    @Override
    public void setSchema(String schema) throws SQLException {
        log.run("setSchema", false, () -> connection.setSchema(schema));
    }

    @Override
    public String getSchema() throws SQLException {
        return log.call("getSchema", false, connection::getSchema);
    }

    @Override
    public void abort(Executor executor) throws SQLException {
        log.run("abort", false, () -> connection.abort(executor));
    }

    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        log.run("setNetworkTimeout", false, () -> connection.setNetworkTimeout(executor, milliseconds));
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        return log.call("getNetworkTimeout", false, connection::getNetworkTimeout);
    }

    @Override
    public void beginRequest() throws SQLException {
        log.run("beginRequest", false, connection::beginRequest);
    }

    @Override
    public void endRequest() throws SQLException {
        log.run("endRequest", false, connection::endRequest);
    }

    @Override
    public boolean setShardingKeyIfValid(ShardingKey shardingKey, ShardingKey superShardingKey, int timeout)
            throws SQLException {
        return log.call(
                "setShardingKeyIfValid",
                false,
                () -> connection.setShardingKeyIfValid(shardingKey, superShardingKey, timeout));
    }

    @Override
    public boolean setShardingKeyIfValid(ShardingKey shardingKey, int timeout) throws SQLException {
        return log.call("setShardingKeyIfValid", false, () -> connection.setShardingKeyIfValid(shardingKey, timeout));
    }

    @Override
    public void setShardingKey(ShardingKey shardingKey, ShardingKey superShardingKey) throws SQLException {
        log.run("setShardingKey", false, () -> connection.setShardingKey(shardingKey, superShardingKey));
    }

    @Override
    public void setShardingKey(ShardingKey shardingKey) throws SQLException {
        log.run("setShardingKey", false, () -> connection.setShardingKey(shardingKey));
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return log.call("unwrap", false, () -> connection.unwrap(iface));
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return log.call("isWrapperFor", false, () -> connection.isWrapperFor(iface));
    }

    @Override
    public String toString() {
        return connection.toString();
    }
}
