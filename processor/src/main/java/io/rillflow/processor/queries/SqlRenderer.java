package io.rillflow.processor.queries;

import io.rillflow.processor.document.PathKind;
import io.rillflow.processor.queries.QueryPlan.Criterion;
import io.rillflow.processor.queries.QueryPlan.Junction;
import io.rillflow.processor.queries.QueryPlan.Negation;
import io.rillflow.processor.queries.QueryPlan.OrderKey;
import io.rillflow.processor.queries.QueryPlan.Predicate;
import io.rillflow.sql.SqlFragments;
import io.rillflow.sql.SqlType;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a checked query plan to its statement template with the runtime's own {@link SqlFragments}, so a compiled
 * query reads exactly like the same query built with the runtime DSL and uses the same indexes. The template holds
 * {@link SqlFragments#TABLE_PLACEHOLDER}, {@link SqlFragments#SCHEMA_PLACEHOLDER} and, at the start of every where
 * clause, {@link SqlFragments#TENANT_PLACEHOLDER}, which the runtime replaces once per store (the tenant filter of a
 * conjoined store's tenant, nothing otherwise).
 */
final class SqlRenderer {
    /** A rendered statement and how to bind its parameters, in order. */
    record Rendered(String sql, List<Binding> bindings) {
        Rendered {
            bindings = List.copyOf(bindings);
        }
    }

    private final List<Binding> bindings = new ArrayList<>();

    private SqlRenderer() {}

    /**
     * The statement of {@code plan}.
     *
     * @param projection for a find, the JSON keys and fields to select instead of the document, or null
     * @param rowLimit for a find, the most rows to return when the plan sets none (2 to detect a second match), or null
     * @param page the name of the {@code PageRequest} parameter, or null
     * @param total for a find, whether each row also carries the number of matches ({@code count(*) over ()})
     */
    static Rendered render(QueryPlan plan, Projection projection, Integer rowLimit, String page, boolean total) {
        return new SqlRenderer().statement(plan, projection, rowLimit, page, total);
    }

    /** The selected fields of a projection, as JSON object keys and the fields they read. */
    record Projection(List<String> names, List<Field> fields) {
        Projection {
            names = List.copyOf(names);
            fields = List.copyOf(fields);
        }
    }

    private Rendered statement(QueryPlan plan, Projection projection, Integer rowLimit, String page, boolean total) {
        String where = SqlFragments.TENANT_PLACEHOLDER
                + SqlFragments.LIVE
                + (plan.where() == null ? "" : " and " + criterion(plan.where()));
        String from = " from " + SqlFragments.TABLE_PLACEHOLDER + " where " + where;
        String sql =
                switch (plan.subject()) {
                    case COUNT -> "select count(*)" + from;
                    case EXISTS -> "select exists (select 1" + from + ")";
                    case DELETE -> "delete" + from;
                    case SOFT_DELETE ->
                        "update " + SqlFragments.TABLE_PLACEHOLDER
                                + " set deleted_at = now(), version = version + 1, updated_at = now(),"
                                + " last_modified_by = " + SqlFragments.ACTOR + " where " + where;
                    case FIND ->
                        "select " + columns(projection) + (total ? ", count(*) over ()" : "") + from
                                + order(plan.order())
                                + limit(plan.limit() != null ? plan.limit() : rowLimit)
                                + (page == null ? "" : " limit ? offset ?");
                };
        if (page != null) {
            bindings.add(new Binding(Binding.Kind.PAGE, page, null));
        }
        return new Rendered(sql, bindings);
    }

    private static String columns(Projection projection) {
        if (projection == null) {
            return "data::text";
        }
        return SqlFragments.jsonObject(
                projection.names(),
                projection.fields().stream()
                        .map(f -> SqlFragments.json(f.segments()))
                        .toList());
    }

    private static String order(List<OrderKey> keys) {
        if (keys.isEmpty()) {
            return "";
        }
        List<String> rendered = new ArrayList<>();
        for (OrderKey key : keys) {
            // As the runtime's Path.asc() and desc(): documents without the field sort last ascending, first
            // descending.
            rendered.add(SqlFragments.orderKey(typed(key.field()), key.ascending(), !key.ascending()));
        }
        return " order by " + String.join(", ", rendered);
    }

    private static String limit(Integer limit) {
        return limit == null ? "" : " limit " + limit;
    }

    private String criterion(Criterion criterion) {
        if (criterion instanceof Junction junction) {
            List<String> parts = new ArrayList<>();
            for (Criterion part : junction.parts()) {
                parts.add(criterion(part));
            }
            return junction.and() ? SqlFragments.and(parts) : SqlFragments.or(parts);
        }
        if (criterion instanceof Negation negation) {
            return SqlFragments.not(criterion(negation.inner()));
        }
        return predicate((Predicate) criterion);
    }

    private String predicate(Predicate predicate) {
        Field field = predicate.field();
        SqlType type = field.sqlType();
        String typed = typed(field);
        String text = SqlFragments.text(field.segments());
        String like = predicate.ignoreCase() ? "ilike" : "like";
        List<String> parameters = predicate.parameters();
        return switch (predicate.operator()) {
            case EQUALS -> {
                bind(Binding.Kind.VALUE, parameters, type);
                yield predicate.ignoreCase() ? SqlFragments.equalsIgnoreCase(text) : SqlFragments.compare(typed, "=");
            }
            case NOT -> {
                bind(Binding.Kind.VALUE, parameters, type);
                yield SqlFragments.distinctFrom(typed);
            }
            case GREATER_THAN -> compared(typed, ">", parameters, type);
            case GREATER_THAN_EQUAL -> compared(typed, ">=", parameters, type);
            case LESS_THAN -> compared(typed, "<", parameters, type);
            case LESS_THAN_EQUAL -> compared(typed, "<=", parameters, type);
            case BETWEEN -> {
                bind(Binding.Kind.VALUE, parameters, type);
                yield SqlFragments.between(typed);
            }
            case IN -> {
                bind(Binding.Kind.ARRAY, parameters, type);
                yield SqlFragments.anyOf(typed, type);
            }
            case NOT_IN -> {
                bind(Binding.Kind.ARRAY, parameters, type);
                yield SqlFragments.not(SqlFragments.anyOf(typed, type));
            }
            case CONTAINING -> {
                if (field.kind() == PathKind.COLLECTION) {
                    bind(Binding.Kind.ELEMENT, parameters, null);
                    yield SqlFragments.containsJson(SqlFragments.json(field.segments()));
                }
                bind(Binding.Kind.CONTAINING, parameters, null);
                yield SqlFragments.compare(typed, like);
            }
            case STARTING_WITH -> {
                bind(Binding.Kind.STARTS_WITH, parameters, null);
                yield SqlFragments.compare(typed, like);
            }
            case ENDING_WITH -> {
                bind(Binding.Kind.ENDS_WITH, parameters, null);
                yield SqlFragments.compare(typed, like);
            }
            case LIKE -> {
                bind(Binding.Kind.PATTERN, parameters, null);
                yield SqlFragments.compare(typed, like);
            }
            case IS_NULL -> SqlFragments.isNull(text);
            case IS_NOT_NULL -> SqlFragments.isNotNull(text);
            case TRUE -> SqlFragments.isBoolean(typed, true);
            case FALSE -> SqlFragments.isBoolean(typed, false);
        };
    }

    private String compared(String typed, String operator, List<String> parameters, SqlType type) {
        bind(Binding.Kind.VALUE, parameters, type);
        return SqlFragments.compare(typed, operator);
    }

    private void bind(Binding.Kind kind, List<String> parameters, SqlType type) {
        for (String parameter : parameters) {
            bindings.add(new Binding(kind, parameter, type));
        }
    }

    private static String typed(Field field) {
        return SqlFragments.typed(field.sqlType(), SqlFragments.SCHEMA_PLACEHOLDER, field.segments());
    }
}
