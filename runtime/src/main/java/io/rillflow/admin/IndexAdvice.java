package io.rillflow.admin;

import io.rillflow.documents.IndexDefinition;
import java.util.List;

/**
 * What {@link StoreAdmin#adviseIndex} found about filtering one field of a document table, and the index it suggests.
 *
 * @param document the document table's name (the {@code <name>} of {@code rf_doc_<name>})
 * @param field the dotted field path
 * @param kind the suggested index's kind: {@code BTREE} for a scalar, {@code GIN} for an array or object
 * @param sequentialScans how often the table was read whole, from {@code pg_stat_user_tables} since the statistics were
 *     last reset
 * @param indexScans how often an index of the table was used, from the same view
 * @param liveRows the table's estimated live rows
 * @param indexes every index of the table, with its use
 * @param statements the statements {@code pg_stat_statements} recorded that name the table, slowest in total first, at
 *     most 5; empty when the extension is not installed (see {@code statementStatistics})
 * @param statementStatistics whether {@code pg_stat_statements} could be read
 * @param explained the filter on the field the store would run, with its plan
 * @param coveredBy the existing index that serves the filter (the suggested one already built by schema sync, or one
 *     the plan uses); null if none does
 * @param annotation the {@code @Index} annotation to put on the document type
 * @param ddl the DDL schema sync runs for that annotation
 * @param findings the conclusions in sentences: a missing index, the index that covers the field, unused indexes
 */
public record IndexAdvice(
        String document,
        String field,
        IndexDefinition.Kind kind,
        long sequentialScans,
        long indexScans,
        long liveRows,
        List<IndexUsage> indexes,
        List<StatementUsage> statements,
        boolean statementStatistics,
        ExplainedQuery explained,
        String coveredBy,
        String annotation,
        String ddl,
        List<String> findings) {
    /** Copies the lists. */
    public IndexAdvice {
        indexes = List.copyOf(indexes);
        statements = List.copyOf(statements);
        findings = List.copyOf(findings);
    }

    /** Whether no index serves the filter and the planner reads the whole table for it. */
    public boolean missing() {
        return coveredBy == null && explained.sequentialScan();
    }

    /**
     * One index of the table, from {@code pg_stat_user_indexes}.
     *
     * @param name the index's name
     * @param definition its definition ({@code pg_get_indexdef})
     * @param scans how often it was used since the statistics were last reset
     * @param unique whether it enforces uniqueness (or is the primary key): such an index is kept even when unused
     */
    public record IndexUsage(String name, String definition, long scans, boolean unique) {
        /** Whether it was never used and enforces nothing: a candidate to drop. */
        public boolean unused() {
            return scans == 0 && !unique;
        }
    }

    /**
     * A statement recorded by {@code pg_stat_statements}.
     *
     * @param query the normalized statement text
     * @param calls how often it ran
     * @param meanMillis its mean execution time
     * @param totalMillis its total execution time
     */
    public record StatementUsage(String query, long calls, double meanMillis, double totalMillis) {}
}
