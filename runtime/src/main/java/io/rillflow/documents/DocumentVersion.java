package io.rillflow.documents;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of a document as its history table kept it ({@code @Document(history = true)}); read with
 * {@link DocumentCollection#history}, {@link DocumentCollection#atVersion} and {@link DocumentCollection#asOf}.
 *
 * @param value the document as this version left it; for a {@link Operation#DELETE} its last body before the delete,
 *     for a {@link Operation#SOFT_DELETE} the body it was hidden with
 * @param version the version this change gave the document: 1 for the insert, one more for each change. A hard delete
 *     counts as a change too (the last version plus one); a document stored again after a hard delete starts again at
 *     1
 * @param operation what the change was
 * @param changedAt when the change was written, by the database's clock while the writing transaction ran (it became
 *     visible when that transaction committed, a little later)
 * @param changedBy the actor of the writing transaction (the transaction-local setting {@code rillflow.actor}), or
 *     empty when none was set
 * @param <T> the document type
 */
public record DocumentVersion<T>(
        T value, long version, Operation operation, Instant changedAt, Optional<String> changedBy) {
    /** What a change did to the document. */
    public enum Operation {
        /** The document was stored for the first time (or again after a hard delete). */
        INSERT,
        /** A live document was overwritten or patched. */
        UPDATE,
        /** The document was hidden from reads ({@code softDelete}). */
        SOFT_DELETE,
        /** A soft-deleted document came back: {@code restore}, or a {@code put} over it (with its new body). */
        RESTORE,
        /** The document was removed for good. */
        DELETE
    }

    /** Checks that every component is present. */
    public DocumentVersion {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(changedAt, "changedAt");
        Objects.requireNonNull(changedBy, "changedBy: Optional.empty() when no actor was set");
    }

    /**
     * Whether the document was invisible to reads after this change (soft-deleted or deleted): {@code asOf} a time
     * after such a change finds this version, and its {@link #value()} is what was deleted.
     */
    public boolean deleted() {
        return operation == Operation.SOFT_DELETE || operation == Operation.DELETE;
    }
}
