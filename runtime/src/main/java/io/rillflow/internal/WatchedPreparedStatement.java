package io.rillflow.internal;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;

/** A prepared statement whose failed calls {@link AttemptLog} records with the statement's text. */
final class WatchedPreparedStatement extends WatchedStatement<PreparedStatement> implements PreparedStatement {
    WatchedPreparedStatement(PreparedStatement statement, AttemptLog log, String sql) {
        super(statement, log, sql, true);
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        return execute(statement::executeQuery);
    }

    @Override
    public int executeUpdate() throws SQLException {
        return execute(statement::executeUpdate);
    }

    @Override
    public void setNull(int index, int sqlType) throws SQLException {
        run(() -> statement.setNull(index, sqlType));
    }

    @Override
    public void setBoolean(int index, boolean value) throws SQLException {
        run(() -> statement.setBoolean(index, value));
    }

    @Override
    public void setByte(int index, byte value) throws SQLException {
        run(() -> statement.setByte(index, value));
    }

    @Override
    public void setShort(int index, short value) throws SQLException {
        run(() -> statement.setShort(index, value));
    }

    @Override
    public void setInt(int index, int value) throws SQLException {
        run(() -> statement.setInt(index, value));
    }

    @Override
    public void setLong(int index, long value) throws SQLException {
        run(() -> statement.setLong(index, value));
    }

    @Override
    public void setFloat(int index, float value) throws SQLException {
        run(() -> statement.setFloat(index, value));
    }

    @Override
    public void setDouble(int index, double value) throws SQLException {
        run(() -> statement.setDouble(index, value));
    }

    @Override
    public void setBigDecimal(int index, BigDecimal value) throws SQLException {
        run(() -> statement.setBigDecimal(index, value));
    }

    @Override
    public void setString(int index, String value) throws SQLException {
        run(() -> statement.setString(index, value));
    }

    @Override
    public void setBytes(int index, byte[] value) throws SQLException {
        run(() -> statement.setBytes(index, value));
    }

    @Override
    public void setDate(int index, Date value) throws SQLException {
        run(() -> statement.setDate(index, value));
    }

    @Override
    public void setTime(int index, Time value) throws SQLException {
        run(() -> statement.setTime(index, value));
    }

    @Override
    public void setTimestamp(int index, Timestamp value) throws SQLException {
        run(() -> statement.setTimestamp(index, value));
    }

    @Override
    public void setAsciiStream(int index, InputStream value, int length) throws SQLException {
        run(() -> statement.setAsciiStream(index, value, length));
    }

    @Override
    public void setUnicodeStream(int index, InputStream value, int length) throws SQLException {
        run(() -> statement.setUnicodeStream(index, value, length));
    }

    @Override
    public void setBinaryStream(int index, InputStream value, int length) throws SQLException {
        run(() -> statement.setBinaryStream(index, value, length));
    }

    @Override
    public void clearParameters() throws SQLException {
        run(statement::clearParameters);
    }

    @Override
    public void setObject(int index, Object value, int targetType) throws SQLException {
        run(() -> statement.setObject(index, value, targetType));
    }

    @Override
    public void setObject(int index, Object value) throws SQLException {
        run(() -> statement.setObject(index, value));
    }

    @Override
    public boolean execute() throws SQLException {
        return execute(statement::execute);
    }

    @Override
    public void addBatch() throws SQLException {
        run(statement::addBatch);
    }

    @Override
    public void setCharacterStream(int index, Reader value, int length) throws SQLException {
        run(() -> statement.setCharacterStream(index, value, length));
    }

    @Override
    public void setRef(int index, Ref value) throws SQLException {
        run(() -> statement.setRef(index, value));
    }

    @Override
    public void setBlob(int index, Blob value) throws SQLException {
        run(() -> statement.setBlob(index, value));
    }

    @Override
    public void setClob(int index, Clob value) throws SQLException {
        run(() -> statement.setClob(index, value));
    }

    @Override
    public void setArray(int index, Array value) throws SQLException {
        run(() -> statement.setArray(index, value));
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        return call(statement::getMetaData);
    }

    @Override
    public void setDate(int index, Date value, Calendar calendar) throws SQLException {
        run(() -> statement.setDate(index, value, calendar));
    }

    @Override
    public void setTime(int index, Time value, Calendar calendar) throws SQLException {
        run(() -> statement.setTime(index, value, calendar));
    }

    @Override
    public void setTimestamp(int index, Timestamp value, Calendar calendar) throws SQLException {
        run(() -> statement.setTimestamp(index, value, calendar));
    }

    @Override
    public void setNull(int index, int sqlType, String typeName) throws SQLException {
        run(() -> statement.setNull(index, sqlType, typeName));
    }

    @Override
    public void setURL(int index, URL value) throws SQLException {
        run(() -> statement.setURL(index, value));
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        return call(statement::getParameterMetaData);
    }

    @Override
    public void setRowId(int index, RowId value) throws SQLException {
        run(() -> statement.setRowId(index, value));
    }

    @Override
    public void setNString(int index, String value) throws SQLException {
        run(() -> statement.setNString(index, value));
    }

    @Override
    public void setNCharacterStream(int index, Reader value, long length) throws SQLException {
        run(() -> statement.setNCharacterStream(index, value, length));
    }

    @Override
    public void setNClob(int index, NClob value) throws SQLException {
        run(() -> statement.setNClob(index, value));
    }

    @Override
    public void setClob(int index, Reader value, long length) throws SQLException {
        run(() -> statement.setClob(index, value, length));
    }

    @Override
    public void setBlob(int index, InputStream value, long length) throws SQLException {
        run(() -> statement.setBlob(index, value, length));
    }

    @Override
    public void setNClob(int index, Reader value, long length) throws SQLException {
        run(() -> statement.setNClob(index, value, length));
    }

    @Override
    public void setSQLXML(int index, SQLXML value) throws SQLException {
        run(() -> statement.setSQLXML(index, value));
    }

    @Override
    public void setObject(int index, Object value, int targetType, int scaleOrLength) throws SQLException {
        run(() -> statement.setObject(index, value, targetType, scaleOrLength));
    }

    @Override
    public void setAsciiStream(int index, InputStream value, long length) throws SQLException {
        run(() -> statement.setAsciiStream(index, value, length));
    }

    @Override
    public void setBinaryStream(int index, InputStream value, long length) throws SQLException {
        run(() -> statement.setBinaryStream(index, value, length));
    }

    @Override
    public void setCharacterStream(int index, Reader value, long length) throws SQLException {
        run(() -> statement.setCharacterStream(index, value, length));
    }

    @Override
    public void setAsciiStream(int index, InputStream value) throws SQLException {
        run(() -> statement.setAsciiStream(index, value));
    }

    @Override
    public void setBinaryStream(int index, InputStream value) throws SQLException {
        run(() -> statement.setBinaryStream(index, value));
    }

    @Override
    public void setCharacterStream(int index, Reader value) throws SQLException {
        run(() -> statement.setCharacterStream(index, value));
    }

    @Override
    public void setNCharacterStream(int index, Reader value) throws SQLException {
        run(() -> statement.setNCharacterStream(index, value));
    }

    @Override
    public void setClob(int index, Reader value) throws SQLException {
        run(() -> statement.setClob(index, value));
    }

    @Override
    public void setBlob(int index, InputStream value) throws SQLException {
        run(() -> statement.setBlob(index, value));
    }

    @Override
    public void setNClob(int index, Reader value) throws SQLException {
        run(() -> statement.setNClob(index, value));
    }

    @Override
    public void setObject(int index, Object value, SQLType targetType, int scaleOrLength) throws SQLException {
        run(() -> statement.setObject(index, value, targetType, scaleOrLength));
    }

    @Override
    public void setObject(int index, Object value, SQLType targetType) throws SQLException {
        run(() -> statement.setObject(index, value, targetType));
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        return execute(statement::executeLargeUpdate);
    }
}
