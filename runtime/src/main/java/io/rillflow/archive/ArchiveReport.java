package io.rillflow.archive;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What an export wrote to its file, or an import read from it and stored.
 *
 * @param file the export file
 * @param documents the documents of each document table, by document name (the {@code <name>} of
 *     {@code rf_doc_<name>}), sorted; soft-deleted ones included
 * @param streams the streams
 * @param events the events
 * @param aliases the stream aliases
 * @param idempotencyKeys the idempotency keys appends recorded
 * @param snapshots the aggregate snapshots (0 when the export left them out)
 */
public record ArchiveReport(
        Path file,
        Map<String, Long> documents,
        long streams,
        long events,
        long aliases,
        long idempotencyKeys,
        long snapshots) {
    /** Copies the document counts, sorted by name. */
    public ArchiveReport {
        Objects.requireNonNull(file, "file");
        documents = Collections.unmodifiableMap(new TreeMap<>(documents));
    }

    /** The documents of every table together. */
    public long documentCount() {
        return documents.values().stream().mapToLong(Long::longValue).sum();
    }
}
