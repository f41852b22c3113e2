package io.rillflow.admin;

import io.rillflow.DocumentNotFoundException;
import io.rillflow.InvalidIdentifierException;
import io.rillflow.archive.ArchiveFormatException;
import io.rillflow.archive.ArchiveReport;
import io.rillflow.projections.DeadLetter;
import io.rillflow.projections.ProjectionStatus;
import io.rillflow.projections.UnknownProjectionException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
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

    /**
     * Starts the admin HTTP endpoint on {@code 127.0.0.1:port} ({@code 0}: a free port), reachable from this machine
     * only and without a token; see {@link #serve(InetSocketAddress, String)}.
     */
    AdminServer serve(int port);

    /**
     * Starts the admin HTTP endpoint on {@code bind}, with the JDK's own HTTP server:
     *
     * <ul>
     *   <li>{@code GET /metrics}: the store's meters as Prometheus text, when the store was built with a
     *       {@code PrometheusMeterRegistry} ({@code StoreBuilder.meterRegistry}, directly or inside a composite
     *       registry); 404 otherwise;
     *   <li>{@code GET /health/live}: 200 while the process serves requests;
     *   <li>{@code GET /health/ready}: 200 when the database answers and every migration this version ships is applied
     *       with its shipped checksum, else 503; the JSON body says which check failed and why.
     * </ul>
     *
     * With a {@code token}, every request must carry {@code Authorization: Bearer <token>} (compared in constant time)
     * or gets 401. Binding to anything but a loopback address requires one, so that the endpoint never answers the
     * network unauthenticated.
     *
     * @param token null for none (loopback addresses only); otherwise at least 16 characters
     * @throws IllegalArgumentException if {@code bind} is unresolved, is not a loopback address and {@code token} is
     *     null, or the token is too short
     * @throws io.rillflow.RillflowException if the address cannot be bound (in use, not this machine's)
     */
    AdminServer serve(InetSocketAddress bind, String token);

    /**
     * Writes this schema's data to {@code file} as JSON lines, for {@link #importFrom} into another (empty) schema: the
     * documents of every document table with their versions, timestamps and actors, the streams, the events in
     * {@code global_seq} order with their stream ids, versions, headers, causation and correlation ids and timestamps,
     * the stream aliases and the idempotency keys. Everything is read in one repeatable-read transaction, so the file is
     * one consistent moment of the schema while writers go on; rows are streamed to the file, never held in memory.
     * Leaves out aggregate snapshots (see {@link #export(Path, boolean)}), document history tables, projection
     * checkpoints and read-model state kept outside document tables, and subscription positions.
     *
     * <p>The file appears only when complete: it is written beside {@code file} under a {@code .part} name and then
     * moved into place.
     *
     * @throws IllegalArgumentException if {@code file} exists already (it is never overwritten)
     * @throws java.io.UncheckedIOException if the file cannot be written; no partial file is left
     */
    default ArchiveReport export(Path file) {
        return export(file, false);
    }

    /** As {@link #export(Path)}, with the aggregate snapshots too if {@code includeSnapshots}. */
    ArchiveReport export(Path file, boolean includeSnapshots);

    /**
     * Stores what an {@link #export} wrote into this schema, which must be empty (no documents, streams, events,
     * aliases or snapshots; a newly provisioned tenant, say). All or nothing, in one transaction: global positions are
     * kept as exported (so events keep their order and gaps), and the event sequence continues after the highest. Rows
     * go to PostgreSQL with COPY as the file is read, so a file of any size is imported in bounded memory. Document
     * tables the file names are created when missing.
     *
     * @throws IllegalStateException if this schema is not empty; nothing is changed
     * @throws ArchiveFormatException naming the line, if a line is malformed or the file is truncated; nothing is
     *     imported
     * @throws IllegalArgumentException if {@code file} does not exist
     */
    ArchiveReport importFrom(Path file);
}
