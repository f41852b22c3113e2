package io.rillflow.schema;

import io.rillflow.SchemaDriftException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * Whether the schema in the database is conjoined: it applied the migrations that give its tables a
     * {@code tenant_id} column, so only a store built with {@code TenancyStrategy.conjoined()} may use it. Admin tools
     * that do not know the application's tenancy (the {@code rillflow} command) ask this before choosing it. False for
     * a schema never synced.
     */
    boolean isConjoined();

    /**
     * The applied and pending migrations and any drift, without changing anything. Unlike {@link #plan()} it does not
     * throw for an edited migration: a checksum that differs from the shipped file is reported as drift (and then the
     * declared tables are not compared, since sync would refuse to run before reaching them).
     */
    default SchemaStatus status() {
        List<AppliedMigration> applied = applied();
        Map<Integer, AppliedMigration> byVersion = new HashMap<>();
        applied.forEach(a -> byVersion.put(a.version(), a));
        List<Migration> pending = new ArrayList<>();
        List<String> drift = new ArrayList<>();
        for (Migration m : migrations()) {
            AppliedMigration done = byVersion.get(m.version());
            if (done == null) {
                pending.add(m);
            } else if (!done.checksum().equals(m.checksum())) {
                drift.add(String.format(
                        "migration %04d_%s applied with checksum %s, shipped with %s",
                        m.version(), m.name(), done.checksum(), m.checksum()));
            }
        }
        if (drift.isEmpty()) {
            drift.addAll(plan().declaredChanges());
        }
        return new SchemaStatus(schema(), applied, pending, drift);
    }
}
