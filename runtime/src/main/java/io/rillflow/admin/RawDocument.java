package io.rillflow.admin;

import java.time.Instant;

/**
 * A stored document read without its Java class: its body is the JSON text as stored.
 *
 * @param id the document's id, as text (a UUID, a number or a string, whichever the table holds)
 * @param version its version, raised by every write
 * @param json the body, as PostgreSQL renders the {@code jsonb}
 * @param createdAt when it was first written
 * @param updatedAt when it was last written
 * @param deletedAt when it was soft-deleted, or null if it is live
 */
public record RawDocument(
        String id, long version, String json, Instant createdAt, Instant updatedAt, Instant deletedAt) {}
