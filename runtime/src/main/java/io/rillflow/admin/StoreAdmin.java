package io.rillflow.admin;

import io.rillflow.DocumentNotFoundException;
import io.rillflow.InvalidIdentifierException;
import io.rillflow.projections.DeadLetter;
import io.rillflow.projections.ProjectionStatus;
import io.rillflow.projections.UnknownProjectionException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The operator's view of a store, from its database alone: it needs none of the application's classes, handlers or
 * generated registries, so it works in a separate process (the {@code rillflow} command) against a database that
 * running applications use. Obtain it with {@code store.admin()}.
 *
 * <p>Projections are those with a row in the schema (any node that ever registered them made one). What needs the
 * handler's code (a rebuild, a dead letter applied again) is on {@code store.projections()}, in the application.
 * Every method taking a projection name throws {@link UnknownProjectionException}, and every method taking a document
 * table name {@link UnknownDocumentTableException}, before changing anything.
 */
public interface StoreAdmin {
    /** The names of the projections stored in this schema, sorted. */
    List<String> projectionNames();

    /**
     * Where the projection stands. Its lag counts every event after its checkpoint: which event types the projection
     * reads is known only to its handler, so a projection reading few types may show a larger lag here than in
     * {@code store.projections().status(name)}.
     */
    ProjectionStatus projectionStatus(String name);

    /** Stops the projection on every node; a running daemon sees it at its next batch. */
    void pauseProjection(String name);

    /** Lets the projection run again and ends any backoff; a daemon picks it up at its next poll. */
    void resumeProjection(String name);

    /**
     * Moves the projection's checkpoint: it next reads the events after {@code position}; the read model is untouched.
     *
     * @throws IllegalArgumentException if {@code position} is negative or beyond the log's final position
     */
    void resetProjectionCheckpoint(String name, long position);

    /**
     * The projection's dead letters in log order, at most {@code limit} of them.
     *
     * @throws IllegalArgumentException if {@code limit} is not positive
     */
    List<DeadLetter> deadLetters(String name, int limit);

    /** Drops one dead letter without applying it; false if the projection has none for {@code globalSeq}. */
    boolean deleteDeadLetter(String name, long globalSeq);

    /** The stream a recorded alias names; empty if the alias was never resolved. Records nothing. */
    Optional<UUID> streamAlias(String alias);

    /**
     * The recorded aliases starting with {@code prefix} (taken literally: {@code %} and {@code _} are not wildcards),
     * sorted, at most {@code limit} of them.
     *
     * @throws IllegalArgumentException if {@code limit} is not positive
     */
    List<StreamAlias> streamAliases(String prefix, int limit);

    /**
     * The names of the document tables in this schema (the {@code <name>} of {@code rf_doc_<name>}), sorted.
     */
    List<String> documentNames();

    /**
     * The document {@code id} of table {@code rf_doc_<name>}, live or soft-deleted.
     *
     * @param id the id as text; it must parse as the table's id type (UUID, number or text)
     * @throws InvalidIdentifierException if {@code name} is not a valid table name
     * @throws IllegalArgumentException if {@code id} is not of the table's id type
     */
    Optional<RawDocument> document(String name, String id);

    /**
     * Soft-deletes the document, raising its version, as {@code DocumentCollection.softDelete} does.
     *
     * @return true if it was live, false if it was soft-deleted already (then nothing changed)
     * @throws DocumentNotFoundException if the table has no document {@code id}
     */
    boolean softDeleteDocument(String name, String id);

    /**
     * Restores a soft-deleted document, raising its version, as {@code DocumentCollection.restore} does.
     *
     * @return true if it was soft-deleted, false if it was live already (then nothing changed)
     * @throws DocumentNotFoundException if the table has no document {@code id}
     */
    boolean restoreDocument(String name, String id);
}
