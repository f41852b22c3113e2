package io.rillflow.schema;

/**
 * One versioned migration shipped in the runtime jar (from the project's {@code sql/NNNN_name.sql} files).
 *
 * @param version the number the file name starts with; applied in ascending order
 * @param name the rest of the file name, without {@code .sql}
 * @param checksum SHA-256 of the file's text (line endings normalized), recorded when applied
 * @param sql the statements with the target schema filled in
 */
public record Migration(int version, String name, String checksum, String sql) {}
