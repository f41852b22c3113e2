package io.rillflow.query;

import io.rillflow.sql.SqlFragments;
import java.util.List;
import java.util.Objects;

/** Combinators for {@link Condition}s. */
public final class Conditions {
    private Conditions() {}

    /** Every one of {@code conditions}; true when there are none. */
    public static Condition all(List<Condition> conditions) {
        return join(conditions, " and ", "true");
    }

    /** Every one of {@code conditions}. */
    public static Condition all(Condition... conditions) {
        return all(List.of(conditions));
    }

    /** At least one of {@code conditions}; false when there are none. */
    public static Condition any(List<Condition> conditions) {
        return join(conditions, " or ", "false");
    }

    /** At least one of {@code conditions}. */
    public static Condition any(Condition... conditions) {
        return any(List.of(conditions));
    }

    /** Documents for which {@code condition} is not true, including those where its field is missing or null. */
    public static Condition not(Condition condition) {
        Objects.requireNonNull(condition, "condition");
        return sql -> {
            sql.append(SqlFragments.NOT_OPEN);
            condition.render(sql);
            sql.append(SqlFragments.NOT_CLOSE);
        };
    }

    private static Condition join(List<Condition> conditions, String operator, String empty) {
        List<Condition> copy = List.copyOf(conditions);
        return sql -> {
            if (copy.isEmpty()) {
                sql.append(empty);
                return;
            }
            sql.append('(');
            for (int i = 0; i < copy.size(); i++) {
                if (i > 0) {
                    sql.append(operator);
                }
                copy.get(i).render(sql);
            }
            sql.append(')');
        };
    }
}
