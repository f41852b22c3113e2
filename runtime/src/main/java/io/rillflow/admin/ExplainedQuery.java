package io.rillflow.admin;

/**
 * A filter on a document table, as the store renders it, with PostgreSQL's plan for it ({@code EXPLAIN}, without
 * {@code ANALYZE}: nothing is executed).
 *
 * @param sql the statement, with {@code ?} for the value
 * @param value the value bound to {@code ?}, as text (JSON for a containment filter)
 * @param plan the plan, one line per node, as {@code EXPLAIN} prints it
 */
public record ExplainedQuery(String sql, String value, String plan) {
    /** Whether the plan reads the whole table: a {@code Seq Scan} node. */
    public boolean sequentialScan() {
        return plan.contains("Seq Scan");
    }
}
