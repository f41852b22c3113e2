package io.rillflow.documents;

/**
 * A stored document with the version to pass back as the expected version of the next write.
 *
 * @param value the document
 * @param version its version: 1 after the first write, one more after each change
 */
public record Versioned<T>(T value, long version) {}
