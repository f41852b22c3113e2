package io.rillflow.query;

import io.rillflow.sql.SqlFragments;
import io.rillflow.sql.SqlType;
import java.util.Collection;
import java.util.List;

/**
 * A JSON array field (a {@code List}, {@code Set} or array in Java). Containment is rendered on the field's own JSON
 * ({@code (data -> 'tags') @> '["vip"]'}), which a GIN index on the field ({@code @Index(kind = GIN)}) serves; its
 * statistics also give the planner good row estimates.
 *
 * @param <E> the element type
 */
public final class CollectionPath<E> extends Path<Collection<E>> {
    /** See {@link Path#Path(ObjectPath, String, SqlType)}. */
    public CollectionPath(ObjectPath parent, String name) {
        super(parent, name, SqlType.TEXT);
    }

    /** The array contains {@code element}. */
    public Condition contains(E element) {
        return containsAll(List.of(element));
    }

    /** The array contains every one of {@code elements}; true for an empty collection. */
    public Condition containsAll(Collection<? extends E> elements) {
        List<? extends E> copy = List.copyOf(elements);
        return sql -> sql.append(SqlFragments.containsJson(jsonExpression())).paramJson(copy);
    }

    /** The array contains at least one of {@code elements}; false for an empty collection. */
    public Condition containsAny(Collection<? extends E> elements) {
        return Conditions.any(List.copyOf(elements).stream().map(this::contains).toList());
    }

    /** The array is present and has no elements. */
    public Condition isEmpty() {
        return sql -> sql.append(jsonExpression()).append(" = '[]'::jsonb");
    }

    /** The array has at least one element. */
    public Condition isNotEmpty() {
        return sql -> sql.append("jsonb_array_length(case jsonb_typeof(")
                .append(jsonExpression())
                .append(") when 'array' then ")
                .append(jsonExpression())
                .append(" end) > 0");
    }
}
