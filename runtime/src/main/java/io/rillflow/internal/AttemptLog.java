package io.rillflow.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Remembers what a unit of work was doing when the database refused it: the text of the statement whose call threw,
 * or the connection call ({@code commit}, {@code setAutoCommit}) that did. A unit of work runs several statements on
 * one connection, so the label its caller gives is only a fallback; an error message must quote the statement that
 * actually failed, not the first one the caller thought of.
 *
 * <p>The work gets a thin proxy of its connection; statements it prepares are proxied too. Nothing else changes: the
 * proxy forwards every call, {@code unwrap} included, and rethrows the driver's own exception.
 */
final class AttemptLog {
    /** What a failed call was: a statement's text, or the name of a connection call. */
    record Attempt(String what, boolean statement) {}

    private SQLException failure;
    private Attempt attempt;

    /** {@code connection}, recording into this log every failed call on it and on the statements it creates. */
    Connection watch(Connection connection) {
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    Object result = call(connection, method, args, new Attempt(method.getName(), false));
                    if (result instanceof Statement statement) {
                        return statement(method, args, statement);
                    }
                    return result;
                });
    }

    /** What was attempted when {@code e} (or an exception it wraps) was thrown, or null if it was not recorded. */
    Attempt attempted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t == failure) {
                return attempt;
            }
        }
        return null;
    }

    private Object statement(Method created, Object[] args, Statement statement) {
        String prepared = args != null && args.length > 0 && args[0] instanceof String sql ? sql : null;
        Class<?> type = statement instanceof CallableStatement
                ? CallableStatement.class
                : statement instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
        InvocationHandler handler = (proxy, method, callArgs) -> {
            String text = prepared;
            if (text == null && callArgs != null && callArgs.length > 0 && callArgs[0] instanceof String sql) {
                text = sql; // Statement.execute(sql), addBatch(sql)
            }
            return call(
                    statement,
                    method,
                    callArgs,
                    text != null ? new Attempt(text, true) : new Attempt(created.getName(), false));
        };
        return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private Object call(Object target, Method method, Object[] args, Attempt what) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable thrown = e.getCause();
            if (thrown instanceof SQLException sql) {
                failure = sql;
                attempt = what;
            }
            throw thrown;
        }
    }
}
