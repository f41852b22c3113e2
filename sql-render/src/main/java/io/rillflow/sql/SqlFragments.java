package io.rillflow.sql;

import java.util.List;

/**
 * The SQL text of document field expressions, operators and sort keys: the one place that decides how a query on a
 * JSON field reads. The runtime query DSL ({@code io.rillflow.query.Path}, {@code Condition}), index definitions and
 * the annotation processor (which renders compiled queries at compile time) all call it, so a compiled query, the
 * same query built with the DSL and the declared index use the very same expressions, and PostgreSQL can use the index
 * for both.
 *
 * <p>Every method returns text with one {@code ?} per value, values are never part of it. Field segments must have
 * passed {@code Identifiers.fieldPath} (the processor applies the same rule), so they never need escaping. This class
 * depends on {@code java.base} only, which lets the annotation processor use it without JDBC or Jackson.
 */
public final class SqlFragments {
    /** The filter that hides soft-deleted documents from reads. */
    public static final String LIVE = "deleted_at is null";

    /**
     * Who is writing: the transaction-local setting {@code rillflow.actor}, or null when the transaction set none.
     * PostgreSQL leaves a placeholder setting defined as {@code ''} after a transaction that set it locally ended, so
     * the empty string means "none" too; that way a pooled connection never carries one transaction's actor into the
     * next. Document writes store it in {@code last_modified_by} (and inserts in {@code created_by}).
     */
    public static final String ACTOR = "nullif(current_setting('rillflow.actor', true), '')";

    /** Opens a negation that treats a null (missing field) result as false; close with {@link #NOT_CLOSE}. */
    public static final String NOT_OPEN = "not coalesce((";

    /** Closes {@link #NOT_OPEN}. */
    public static final String NOT_CLOSE = "), false)";

    /**
     * Stands for the quoted schema in statement templates rendered at compile time; the runtime replaces it once per
     * store. Rendered field expressions never contain it: a one-segment path never renders with braces.
     */
    public static final String SCHEMA_PLACEHOLDER = "{schema}";

    /** Stands for the quoted, schema-qualified document table in compiled statement templates. */
    public static final String TABLE_PLACEHOLDER = "{table}";

    /**
     * Stands, in compiled statement templates, for the tenant filter in front of the other conditions of the where
     * clause: {@code tenant_id = 'acme' and } in a conjoined schema, nothing in any other, so that a single-tenant
     * store runs the very statement it ran before tenancy. Like {@link #SCHEMA_PLACEHOLDER}, never part of a rendered
     * field expression.
     */
    public static final String TENANT_PLACEHOLDER = "{tenant}";

    private SqlFragments() {}

    /** The field as text: {@code (data ->> 'email')} or {@code (data #>> '{address,city}')}. */
    public static String text(List<String> segments) {
        return segments.size() == 1
                ? "(data ->> '" + segments.get(0) + "')"
                : "(data #>> '{" + String.join(",", segments) + "}')";
    }

    /** The field as JSON: {@code (data -> 'tags')} or {@code (data #> '{a,b}')}. */
    public static String json(List<String> segments) {
        return segments.size() == 1
                ? "(data -> '" + segments.get(0) + "')"
                : "(data #> '{" + String.join(",", segments) + "}')";
    }

    /** The field cast to {@code type}: the expression a B-tree index on it is built on. */
    public static String typed(SqlType type, String quotedSchema, List<String> segments) {
        return type.cast(quotedSchema, text(segments));
    }

    /** {@code <typed> <operator> ?}, e.g. {@code =}, {@code >=}, {@code like}, {@code ilike}. */
    public static String compare(String typed, String operator) {
        return typed + " " + operator + " ?";
    }

    /** Not equal, where a missing field counts as different: {@code <typed> is distinct from ?}. */
    public static String distinctFrom(String typed) {
        return typed + " is distinct from ?";
    }

    /** Equal to one element of an array parameter: {@code <typed> = any(?::numeric[])}. */
    public static String anyOf(String typed, SqlType type) {
        return typed + " = any(?::" + type.sqlName() + "[])";
    }

    /** The JSON array contains the elements of a JSON parameter: {@code (data -> 'tags') @> ?::jsonb}. */
    public static String containsJson(String json) {
        return json + " @> ?::jsonb";
    }

    /** Equal ignoring case: {@code lower(<text>) = lower(?)}. */
    public static String equalsIgnoreCase(String text) {
        return "lower(" + text + ") = lower(?)";
    }

    /** The field is missing or JSON null. */
    public static String isNull(String text) {
        return text + " is null";
    }

    /** The field has a non-null value. */
    public static String isNotNull(String text) {
        return text + " is not null";
    }

    /** A boolean field compared with a constant: {@code <typed> = true}. */
    public static String isBoolean(String typed, boolean value) {
        return typed + " = " + value;
    }

    /** {@code condition} negated, with a missing field making it false before negation. */
    public static String not(String condition) {
        return NOT_OPEN + condition + NOT_CLOSE;
    }

    /** {@code (a and b ...)}, or {@code true} for none. */
    public static String and(List<String> conditions) {
        return conditions.isEmpty() ? "true" : "(" + String.join(" and ", conditions) + ")";
    }

    /** {@code (a or b ...)}, or {@code false} for none. */
    public static String or(List<String> conditions) {
        return conditions.isEmpty() ? "false" : "(" + String.join(" or ", conditions) + ")";
    }

    /** Between two values, both included: {@code (<typed> >= ? and <typed> <= ?)}. */
    public static String between(String typed) {
        return and(List.of(compare(typed, ">="), compare(typed, "<=")));
    }

    /** One sort key: {@code <typed> asc nulls last}. */
    public static String orderKey(String typed, boolean ascending, boolean nullsFirst) {
        return typed + (ascending ? " asc" : " desc") + (nullsFirst ? " nulls first" : " nulls last");
    }

    /**
     * A selection of fields as one JSON object per row: {@code jsonb_build_object('email', (data -> 'email'))::text}.
     *
     * @param names the object's keys (record component or field names: identifier characters only)
     * @param jsonExpressions the fields, as {@link #json} renders them
     */
    public static String jsonObject(List<String> names, List<String> jsonExpressions) {
        StringBuilder select = new StringBuilder("jsonb_build_object(");
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                select.append(", ");
            }
            select.append('\'')
                    .append(names.get(i).replace("'", "''"))
                    .append("', ")
                    .append(jsonExpressions.get(i));
        }
        return select.append(")::text").toString();
    }
}
