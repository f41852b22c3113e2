package io.rillflow.schema;

import io.rillflow.SchemaDriftException;
import java.util.List;

/**
 * Versioned migrations of the store's schema. {@link #plan()} shows the DDL that is pending; {@link #sync()} applies
 * it under a PostgreSQL advisory lock, so that application nodes starting together migrate exactly once.
 */
public interface SchemaManager {
    /** The schema this manager migrates. */
    String schema();

    /** Every migration this version of Rillflow ships, applied or not. */
    List<Migration> migrations();

    /**
     * The migrations that {@link #sync()} would apply, with their DDL.
     *
     * @throws SchemaDriftException if an applied migration's checksum differs from the shipped file
     */
    SchemaPlan plan();

    /**
     * Applies every pending migration in one transaction and returns what was applied (empty when up to date).
     *
     * @throws SchemaDriftException if an applied migration's checksum differs from the shipped file
     */
    SchemaPlan sync();

    /** The migrations this database has applied, in version order (empty before the first sync). */
    List<AppliedMigration> applied();
}
