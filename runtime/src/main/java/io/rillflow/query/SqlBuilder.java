package io.rillflow.query;

import io.rillflow.internal.JsonCodec;
import io.rillflow.query.internal.ScalarBinding;
import io.rillflow.sql.SqlFragments;
import io.rillflow.sql.SqlType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * SQL text with its bound parameters, built by conditions and orderings. Identifiers in the text come only from
 * validated paths; every value goes through a {@code ?}.
 */
public final class SqlBuilder {
    private sealed interface Param permits Scalar, Array, Json {}

    private record Scalar(SqlType type, Object value) implements Param {}

    private record Array(SqlType type, Object[] values) implements Param {}

    private record Json(String json) implements Param {}

    private final StringBuilder sql = new StringBuilder();
    private final List<Param> params = new ArrayList<>();
    private final String quotedSchema;
    private final JsonCodec json;

    /** A builder for queries on tables of {@code quotedSchema}, writing JSON values with {@code json}. */
    SqlBuilder(String quotedSchema, JsonCodec json) {
        this.quotedSchema = quotedSchema;
        this.json = json;
    }

    String quotedSchema() {
        return quotedSchema;
    }

    SqlBuilder append(String text) {
        sql.append(text);
        return this;
    }

    SqlBuilder append(char c) {
        sql.append(c);
        return this;
    }

    /** Appends {@code ?} for {@code value} compared as {@code type}. */
    SqlBuilder bind(SqlType type, Object value) {
        sql.append('?');
        return param(type, value);
    }

    /** Records {@code value} for the next {@code ?}, which a {@link SqlFragments} text already holds. */
    SqlBuilder param(SqlType type, Object value) {
        params.add(new Scalar(type, type.toParameter(json.storedScalar(value))));
        return this;
    }

    /** Records an array of {@code values} for the next {@code ?::type[]}, which the appended text holds. */
    SqlBuilder paramArray(SqlType type, Collection<?> values) {
        params.add(new Array(
                type,
                values.stream().map(v -> type.toParameter(json.storedScalar(v))).toArray()));
        return this;
    }

    /** Records {@code value}, written with the store's mapper, for the next {@code ?::jsonb}. */
    SqlBuilder paramJson(Object value) {
        params.add(new Json(json.write(value, () -> "a query value")));
        return this;
    }

    String sql() {
        return sql.toString();
    }

    /** Binds every parameter, in order, starting at {@code firstIndex}; returns the next free index. */
    int bind(Connection connection, PreparedStatement statement, int firstIndex) throws SQLException {
        int index = firstIndex;
        for (Param param : params) {
            if (param instanceof Scalar s) {
                ScalarBinding.bindScalar(statement, index, s.type(), s.value());
            } else if (param instanceof Array a) {
                statement.setArray(
                        index,
                        connection.createArrayOf(
                                a.type().sqlName(), ScalarBinding.arrayElements(a.type(), a.values())));
            } else if (param instanceof Json j) {
                statement.setString(index, j.json());
            }
            index++;
        }
        return index;
    }
}
