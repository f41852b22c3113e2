package io.rillflow.documents;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the store keeps about a document besides its body, read from the columns of its table. The store sets these
 * values itself on every write; a document's own fields never do.
 *
 * <p>Not here yet: who created or last changed a document ({@code created_by}, {@code last_modified_by}), which needs
 * an actor that writes do not carry today.
 *
 * @param version the document's version: 1 after the first write, one more after each change (put, patch, soft
 *     delete, restore), the number to pass back as the expected version of the next write
 * @param createdAt when the document was first stored; a later put or patch keeps it (a hard delete followed by a new
 *     put starts again)
 * @param updatedAt when the document last changed, soft delete and restore included
 * @param deletedAt when the document was soft-deleted, or empty for a live document
 */
public record DocumentMetadata(long version, Instant createdAt, Instant updatedAt, Optional<Instant> deletedAt) {
    /** Checks that every component is present. */
    public DocumentMetadata {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(deletedAt, "deletedAt: Optional.empty() for a live document");
    }

    /** Whether the document is soft-deleted: hidden from {@code get}, {@code load} and queries, kept in its table. */
    public boolean deleted() {
        return deletedAt.isPresent();
    }
}
