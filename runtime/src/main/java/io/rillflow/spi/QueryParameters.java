package io.rillflow.spi;

import io.rillflow.internal.JsonCodec;
import io.rillflow.query.PageRequest;
import io.rillflow.query.internal.LikePatterns;
import io.rillflow.query.internal.ScalarBinding;
import io.rillflow.sql.SqlType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Binds the parameters of a compiled query, in the order of the {@code ?} in its statement. Called by generated query
 * implementations through a {@link CompiledQuerySupport.Binder}; not meant for applications.
 *
 * <p>Values must not be null: a compiled statement cannot turn {@code = ?} into {@code is null} without changing its
 * text, so a null would silently match nothing. Methods named {@code ...IsNull} ask for missing fields instead.
 */
public final class QueryParameters {
    private final Connection connection;
    private final PreparedStatement statement;
    private final JsonCodec json;
    private final String method;
    private final boolean counting;
    private int index = 1;

    QueryParameters(
            Connection connection, PreparedStatement statement, JsonCodec json, String method, boolean counting) {
        this.connection = connection;
        this.statement = statement;
        this.json = json;
        this.method = method;
        this.counting = counting;
    }

    /** Binds {@code value} (parameter {@code name}) compared as {@code type}. */
    public QueryParameters value(String name, SqlType type, Object value) throws SQLException {
        ScalarBinding.bindScalar(statement, index++, type, type.toParameter(json.storedScalar(required(name, value))));
        return this;
    }

    /** Binds the elements of {@code values} as an array of {@code type}, for {@code = any(?::type[])}. */
    public QueryParameters array(String name, SqlType type, Collection<?> values) throws SQLException {
        Object[] converted = required(name, values).stream()
                .map(v -> type.toParameter(json.storedScalar(v)))
                .toArray();
        statement.setArray(
                index++, connection.createArrayOf(type.sqlName(), ScalarBinding.arrayElements(type, converted)));
        return this;
    }

    /** Binds the elements of an array parameter, for {@code = any(?::type[])}. */
    public QueryParameters array(String name, SqlType type, Object[] values) throws SQLException {
        return array(name, type, Arrays.asList(required(name, values)));
    }

    /** Binds a one-element JSON array holding {@code element}, for {@code (data -> 'tags') @> ?::jsonb}. */
    public QueryParameters containedElement(String name, Object element) throws SQLException {
        statement.setString(index++, json.write(List.of(required(name, element)), () -> "parameter " + name));
        return this;
    }

    /** Binds a LIKE pattern as given, wildcards included. */
    public QueryParameters pattern(String name, String pattern) throws SQLException {
        statement.setString(index++, required(name, pattern));
        return this;
    }

    /** Binds a LIKE pattern matching text that starts with {@code prefix}, taken literally. */
    public QueryParameters startsWith(String name, String prefix) throws SQLException {
        return pattern(name, LikePatterns.escape(required(name, prefix)) + "%");
    }

    /** Binds a LIKE pattern matching text that ends with {@code suffix}, taken literally. */
    public QueryParameters endsWith(String name, String suffix) throws SQLException {
        return pattern(name, "%" + LikePatterns.escape(required(name, suffix)));
    }

    /** Binds a LIKE pattern matching text that contains {@code part}, taken literally. */
    public QueryParameters containing(String name, String part) throws SQLException {
        return pattern(name, "%" + LikePatterns.escape(required(name, part)) + "%");
    }

    /**
     * Binds the limit and offset of {@code page}, for {@code limit ? offset ?}; nothing when binding the count of a
     * paged query, whose statement has no {@code limit ? offset ?}.
     */
    public QueryParameters page(String name, PageRequest page) throws SQLException {
        PageRequest required = required(name, page);
        if (counting) {
            return this;
        }
        statement.setInt(index++, required.limit());
        statement.setLong(index++, required.offset());
        return this;
    }

    private <V> V required(String name, V value) {
        if (value == null) {
            throw new IllegalArgumentException("Parameter " + name + " of " + method + " is null: compiled queries"
                    + " compare with values only. Pass a value, or declare a method with IsNull for missing fields.");
        }
        return value;
    }
}
