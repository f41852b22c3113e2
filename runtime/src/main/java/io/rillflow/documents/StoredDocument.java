package io.rillflow.documents;

import java.util.Objects;

/**
 * A document with its metadata, as {@link DocumentCollection#loadWithMetadata} reads it.
 *
 * @param value the document
 * @param metadata its version and timestamps
 * @param <T> the document type
 */
public record StoredDocument<T>(T value, DocumentMetadata metadata) {
    /** Checks that both components are present. */
    public StoredDocument {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(metadata, "metadata");
    }

    /** The version to pass back as the expected version of the next write; same as {@code metadata().version()}. */
    public long version() {
        return metadata.version();
    }
}
