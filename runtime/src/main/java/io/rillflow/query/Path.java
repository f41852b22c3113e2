package io.rillflow.query;

import io.rillflow.internal.Identifiers;
import io.rillflow.sql.SqlFragments;
import io.rillflow.sql.SqlType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A typed reference to a field of a document, as generated into metamodels ({@code Customer_.email}). The type
 * parameter is the field's Java type, so a value of the wrong type does not compile.
 *
 * <p>Paths render to SQL over the {@code data} column; the rendering is the same for queries and index definitions,
 * which is what lets PostgreSQL use an index for a query.
 *
 * @param <V> the field's Java type
 */
public abstract class Path<V> {
    private final List<String> segments;
    private final SqlType sqlType;
    /** The table column this path stands for ({@link Meta}), or null for a field of the JSON body. */
    private final String column;

    /**
     * @param parent the enclosing object's path, or null for a top-level field
     * @param name the JSON property name
     * @param sqlType how the field's values compare in SQL
     */
    protected Path(ObjectPath parent, String name, SqlType sqlType) {
        List<String> path = new ArrayList<>(parent == null ? List.of() : parent.segments());
        path.addAll(Identifiers.fieldPath(Objects.requireNonNull(name, "name")));
        this.segments = List.copyOf(path);
        this.sqlType = sqlType;
        this.column = null;
    }

    /** A column of every document table, already of type {@code sqlType}: the metadata {@link Meta} offers. */
    Path(String column, SqlType sqlType) {
        this.segments = List.of(column);
        this.sqlType = sqlType;
        this.column = column;
    }

    /** The JSON property names from the document root to this field; for a {@link Meta} column, its name. */
    public List<String> segments() {
        return segments;
    }

    /** The dotted path, e.g. {@code address.city}. */
    public String dotted() {
        return String.join(".", segments);
    }

    /** How values of this field compare in SQL. */
    public SqlType sqlType() {
        return sqlType;
    }

    /** The field as text: {@code (data ->> 'email')} or {@code (data #>> '{address,city}')}. */
    public String textExpression() {
        return column != null ? "(" + column + ")::text" : SqlFragments.text(segments);
    }

    /** The field as JSON: {@code (data -> 'tags')} or {@code (data #> '{a,b}')}. */
    public String jsonExpression() {
        return column != null ? "to_jsonb(" + column + ")" : SqlFragments.json(segments);
    }

    /** The field cast to its comparison type: the expression a B-tree index on it is built on. */
    public String typedExpression(String quotedSchema) {
        // A column is typed already, and compared as itself so that an index on it serves the query.
        return column != null ? column : SqlFragments.typed(sqlType, quotedSchema, segments);
    }

    /** Equal to {@code value}; a null value matches missing and null fields. */
    /**
     * This field set to {@code value}, for a patch: {@code customers.patch(id, Customer_.age.set(31))}. A method of
     * the path rather than a generic {@code patch(id, path, value)}, so that a value of the wrong type is reported by
     * javac as not convertible to the field's type.
     */
    public Assignment set(V value) {
        if (column != null) {
            throw new IllegalArgumentException(
                    "Metadata column " + column + " is kept by the store and cannot be set by a patch");
        }
        return new Assignment(this, value);
    }

    public Condition eq(V value) {
        if (value == null) {
            return isNull();
        }
        return compare("=", value);
    }

    /** Not equal to {@code value}; documents where the field is missing or null are included. */
    public Condition ne(V value) {
        if (value == null) {
            return isNotNull();
        }
        return sql -> sql.append(SqlFragments.distinctFrom(typedExpression(sql.quotedSchema())))
                .param(sqlType, value);
    }

    /** Equal to one of {@code values}; false for an empty collection. */
    public Condition in(Collection<? extends V> values) {
        List<? extends V> copy = List.copyOf(values);
        return sql -> {
            if (copy.isEmpty()) {
                sql.append("false");
                return;
            }
            sql.append(SqlFragments.anyOf(typedExpression(sql.quotedSchema()), sqlType))
                    .paramArray(sqlType, copy);
        };
    }

    /** Equal to none of {@code values}; documents where the field is missing or null are included. */
    public Condition notIn(Collection<? extends V> values) {
        return Conditions.not(in(values));
    }

    /** The field is present in the document, even if its value is JSON null. */
    public Condition exists() {
        return sql -> sql.append(jsonExpression()).append(" is not null");
    }

    /** The field is missing or JSON null. */
    public Condition isNull() {
        return sql -> sql.append(SqlFragments.isNull(nullTested()));
    }

    /** The field has a non-null value. */
    public Condition isNotNull() {
        return sql -> sql.append(SqlFragments.isNotNull(nullTested()));
    }

    /** What a null test looks at: the field's text, or the column itself (so that an index on it can serve). */
    private String nullTested() {
        return column != null ? column : textExpression();
    }

    /** Ascending order on this field (nulls last, as in PostgreSQL). */
    public Order asc() {
        return new Order(this, true, false);
    }

    /** Descending order on this field (nulls first, as in PostgreSQL). */
    public Order desc() {
        return new Order(this, false, true);
    }

    /** {@code <typed field> <operator> ?}. */
    protected Condition compare(String operator, Object value) {
        Objects.requireNonNull(value, () -> "A value to compare " + dotted() + " with must not be null");
        return sql -> sql.append(SqlFragments.compare(typedExpression(sql.quotedSchema()), operator))
                .param(sqlType, value);
    }

    @Override
    public String toString() {
        return dotted();
    }
}
