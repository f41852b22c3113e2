package io.rillflow.schema;

import java.time.Instant;

/**
 * A row of {@code rf_migrations}: a migration this database has applied.
 *
 * @param version the migration's number
 * @param name its name
 * @param checksum the checksum of the text that was applied
 * @param appliedAt when it was applied
 */
public record AppliedMigration(int version, String name, String checksum, Instant appliedAt) {}
