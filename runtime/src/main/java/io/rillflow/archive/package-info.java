/**
 * Export and import of a schema's data as JSON lines: what {@code store.admin().export(..)},
 * {@code store.tenants().export(..)} and {@code store.tenants().importFrom(..)} report
 * ({@link io.rillflow.archive.ArchiveReport}) and how an import refuses a bad file
 * ({@link io.rillflow.archive.ArchiveFormatException}).
 */
package io.rillflow.archive;
