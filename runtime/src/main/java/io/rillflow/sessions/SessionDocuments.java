package io.rillflow.sessions;

import io.rillflow.query.DocumentQuery;
import java.util.Optional;

/**
 * A generated repository's documents inside a {@link DocumentSession}, typed by the document's id:
 * {@code session.documents(customers).load(id)}. Every call is the session's own, staged and remembered as it says.
 *
 * @param <T> the document type
 * @param <I> the id type
 */
public interface SessionDocuments<T, I> {
    /** The document, from the identity map or read; see {@link DocumentSession#load}. */
    Optional<T> load(I id);

    /** Stages the document to be stored; see {@link DocumentSession#store(Object)}. */
    void store(T document);

    /** Stages the document to be stored only at {@code expectedVersion}; see {@link DocumentSession#store(Object, long)}. */
    void store(T document, long expectedVersion);

    /** Stages a new document; see {@link DocumentSession#insert}. */
    void insert(T document);

    /** Stages the removal of the document with {@code id}; see {@link DocumentSession#delete(Class, Object)}. */
    void delete(I id);

    /** A query over the live documents, on the session's connection; see {@link DocumentSession#query}. */
    DocumentQuery<T> query();
}
