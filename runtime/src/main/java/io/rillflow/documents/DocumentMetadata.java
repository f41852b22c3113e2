package io.rillflow.documents;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the store keeps about a document besides its body, read from the columns of its table. The store sets these
 * values itself on every write; a document's own fields never do.
 *
 * <p>Who wrote a document is the actor of the transaction that wrote it (a session's actor, or the PostgreSQL setting
 * {@code rillflow.actor} set locally in the caller's own transaction); a write without one records none.
 *
 * @param version the document's version: 1 after the first write, one more after each change (put, patch, soft
 *     delete, restore), the number to pass back as the expected version of the next write
 * @param createdAt when the document was first stored; a later put or patch keeps it (a hard delete followed by a new
 *     put starts again)
 * @param updatedAt when the document last changed, soft delete and restore included
 * @param deletedAt when the document was soft-deleted, or empty for a live document
 * @param createdBy the actor that first stored the document, or empty when that write had none (or was made before
 *     the store recorded actors)
 * @param lastModifiedBy the actor of the document's last change, soft delete and restore included, or empty when that
 *     write had none
 */
public record DocumentMetadata(
        long version,
        Instant createdAt,
        Instant updatedAt,
        Optional<Instant> deletedAt,
        Optional<String> createdBy,
        Optional<String> lastModifiedBy) {
    /** Checks that every component is present. */
    public DocumentMetadata {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(deletedAt, "deletedAt: Optional.empty() for a live document");
        Objects.requireNonNull(createdBy, "createdBy: Optional.empty() when no actor is known");
        Objects.requireNonNull(lastModifiedBy, "lastModifiedBy: Optional.empty() when no actor is known");
    }

    /** Metadata without actors, as a document written by no known actor has. */
    public DocumentMetadata(long version, Instant createdAt, Instant updatedAt, Optional<Instant> deletedAt) {
        this(version, createdAt, updatedAt, deletedAt, Optional.empty(), Optional.empty());
    }

    /** Whether the document is soft-deleted: hidden from {@code get}, {@code load} and queries, kept in its table. */
    public boolean deleted() {
        return deletedAt.isPresent();
    }
}
