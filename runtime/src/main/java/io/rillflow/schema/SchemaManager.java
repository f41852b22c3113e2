package io.rillflow.schema;

import io.rillflow.SchemaDriftException;
import java.util.List;

/**
 * Versioned migrations of the store's schema, and the tables and indexes of the declared document types.
 * {@link #plan()} shows the DDL that is pending; {@link #sync()} applies it under a PostgreSQL advisory lock (a
 * session lock, polled), so that application nodes starting together migrate exactly once.
 */
public interface SchemaManager {
    /** The schema this manager migrates. */
    String schema();

    /** Every migration this version of Rillflow ships, applied or not. */
    List<Migration> migrations();

    /**
     * The migrations and declared-type DDL that {@link #sync()} would apply, and the undeclared indexes it would keep.
     *
     * @throws SchemaDriftException if an applied migration's checksum differs from the shipped file
     */
    SchemaPlan plan();

    /**
     * Applies every pending migration, and the DDL of declared tables and indexes on empty tables, in one transaction;
     * then builds or rebuilds the indexes of tables that have rows with {@code CREATE INDEX CONCURRENTLY}, one at a
     * time, outside that transaction. Returns what was applied (empty when up to date). A schema lock held across both
     * steps makes nodes starting together apply each change once.
     *
     * <p>An index build that fails (a unique index that live documents violate, a cast that a stored value fails) is
     * cleaned up, the index it replaces stays in use, and the {@link io.rillflow.RillflowException} names the document
     * type, the index and the field; changes after it stay pending. An index the code no longer declares is reported
     * by {@link #plan()} and dropped only by {@link #dropUndeclaredIndexes()}.
     *
     * @throws SchemaDriftException if an applied migration's checksum differs from the shipped file
     */
    SchemaPlan sync();

    /**
     * Drops, with {@code DROP INDEX CONCURRENTLY}, the indexes of document tables that the code no longer declares
     * ({@link SchemaPlan#undeclaredIndexes()}), under the same lock as {@link #sync()}. Only indexes Rillflow names
     * ({@code rf_doc_<document>_...}) on the tables of declared documents are candidates; an index you created under
     * another name is never dropped.
     *
     * @return the names of the indexes dropped
     */
    List<String> dropUndeclaredIndexes();

    /** The migrations this database has applied, in version order (empty before the first sync). */
    List<AppliedMigration> applied();
}
