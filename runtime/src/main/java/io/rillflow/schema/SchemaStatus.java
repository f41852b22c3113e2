package io.rillflow.schema;

import java.util.List;

/**
 * How far one schema is from what this version of Rillflow and the application's declarations expect, from
 * {@link SchemaManager#status()}: what a health check reports and an operator acts on.
 *
 * @param schema the schema
 * @param applied the migrations the schema has applied, in version order
 * @param pending the shipped migrations it has not applied: {@link SchemaManager#sync()} applies them
 * @param drift what differs from the code without being a pending migration: an applied migration whose checksum is
 *     not the shipped file's (sync refuses to run; restore the file or the row), or the DDL sync would run to bring
 *     declared document tables and indexes back to their declaration
 */
public record SchemaStatus(String schema, List<AppliedMigration> applied, List<Migration> pending, List<String> drift) {
    /** Copies the lists, so a status cannot change after it was taken. */
    public SchemaStatus {
        applied = List.copyOf(applied);
        pending = List.copyOf(pending);
        drift = List.copyOf(drift);
    }

    /** Whether nothing is pending and nothing drifted. */
    public boolean isCurrent() {
        return pending.isEmpty() && drift.isEmpty();
    }
}
