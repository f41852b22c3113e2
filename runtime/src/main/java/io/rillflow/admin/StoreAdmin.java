package io.rillflow.admin;

import io.rillflow.DocumentNotFoundException;
import io.rillflow.InvalidIdentifierException;
import io.rillflow.archive.ArchiveFormatException;
import io.rillflow.archive.ArchiveReport;
import io.rillflow.documents.IndexDefinition;
import io.rillflow.projections.DeadLetter;
import io.rillflow.projections.ProjectionStatus;
import io.rillflow.projections.UnknownProjectionException;
import io.rillflow.sql.SqlType;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The operator's view of a store, from its database alone: it needs none of the application's classes, handlers or
 * generated registries, so it works in a separate process (the {@code rillflow} command) against a database that
 * running applications use. Obtain it with {@code store.admin()}.
 *
 * <p>Projections are those with a row in the schema (any node that ever registered them made one). What needs the
 * handler's code (a dead letter applied again) is on {@code store.projections()}, in the application; a rebuild can be
 * requested here and is performed by an application node.
 * Every method taking a projection name throws {@link UnknownProjectionException}, and every method taking a document
 * table name {@link UnknownDocumentTableException}, before changing anything.
 */
public interface StoreAdmin {
    /** The names of the projections stored in this schema, sorted. */
    List<String> projectionNames();

    /**
     * The nodes whose projection daemon recorded itself in this schema, the most recently seen first: the running
     * daemons, and for a while one that died without stopping. Empty when none runs.
     */
    List<DaemonNode> daemonNodes();

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
     * Asks for a rebuild of the projection, which needs its handler's rebuild hook and so is performed by an
     * application node: the daemon holding the projection's lease (or any daemon, when none holds it) sees the request
     * at its next tick, clears the read model through the hook, moves the checkpoint to 0, drops the dead letters and
     * replays the log, as {@code store.projections().rebuild(name)} does. Until a daemon that has the handler runs, the
     * request stays pending; asking again meanwhile changes nothing. While the rebuild hook fails, the daemon logs the
     * failure and retries at each tick, applying no event meanwhile; {@link #cancelProjectionRebuild} withdraws the
     * request. An {@code INLINE} projection has no daemon: a running store that registered it performs the request
     * within its poll interval, daemon or not (once, however many nodes registered it).
     */
    void requestProjectionRebuild(String name);

    /**
     * Withdraws a pending rebuild request, e.g. one whose rebuild hook keeps failing (the daemon then retries it, and
     * applies no event, at every tick); false if none was pending.
     */
    boolean cancelProjectionRebuild(String name);

    /** When a rebuild of the projection was requested and not yet performed; empty if none is pending. */
    Optional<Instant> projectionRebuildRequestedAt(String name);

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
     * Advice on indexing {@code field} of document table {@code rf_doc_<document>}: the table's sequential and index
     * scans ({@code pg_stat_user_tables}), each index's use ({@code pg_stat_user_indexes}; an index never scanned that
     * enforces nothing is flagged unused), the statements {@code pg_stat_statements} recorded on the table when the
     * extension is installed (its absence is tolerated), and the plan ({@code EXPLAIN}, nothing executed) of the filter
     * a typed query on the field runs, with a value stored in the table. It suggests the {@code @Index} annotation and
     * the DDL schema sync creates for it, and says whether an existing index already serves the filter or one is
     * missing (the filter reads the table whole). Changes nothing.
     *
     * @param field the dotted field path, e.g. {@code sku} or {@code address.city}
     * @param kind {@code BTREE} (equality and ranges on a scalar) or {@code GIN} (containment in an array or object);
     *     null to choose from the stored values
     * @param type how the field's values compare for a B-tree index; null to infer from the stored values (numbers,
     *     booleans, else text: give dates and times explicitly)
     * @throws UnknownDocumentTableException if the schema has no such table
     * @throws InvalidIdentifierException if {@code document} or {@code field} is not a valid name or path
     * @throws IllegalArgumentException if {@code kind} is {@code FULL_TEXT}
     */
    IndexAdvice adviseIndex(String document, String field, IndexDefinition.Kind kind, SqlType type);

    /**
     * The filter a typed query runs for {@code field} equal to {@code value} ({@code BTREE}: the field's value compared
     * as {@code type}, text when null) or containing {@code value} ({@code GIN}: {@code value} is JSON), on the live
     * documents of {@code rf_doc_<document>}, with PostgreSQL's plan for it ({@code EXPLAIN}, nothing executed).
     *
     * @throws UnknownDocumentTableException if the schema has no such table
     * @throws InvalidIdentifierException if {@code document} or {@code field} is not a valid name or path
     * @throws IllegalArgumentException if {@code kind} is {@code FULL_TEXT}
     */
    ExplainedQuery explainFilter(String document, String field, IndexDefinition.Kind kind, SqlType type, String value);

    /**
     * The snapshot backlog of each stream type, sorted by type: how many streams are at least {@code threshold} events
     * past their latest snapshot (or have none), and the largest such gap. From the database alone it cannot know the
     * aggregate's current shape, so any snapshot of the stream's type counts, including one of an older shape that the
     * application's snapshotter would write again. Reads every typed stream's last event (one index probe each).
     *
     * @throws IllegalArgumentException if {@code threshold} is less than 1
     */
    List<SnapshotBacklog> snapshotBacklog(long threshold);

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
     * checkpoints and read-model state kept outside document tables, and subscription positions. In a conjoined schema
     * it writes the rows of this store's tenant only (the default tenant's, for the store the builder made), in the
     * same format, so they import into a schema of their own as well.
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
     * <p>In a conjoined schema the rows go to this store's tenant, which must hold none; other tenants' rows may hold
     * the exported global positions, so the events take new ones from the schema's sequence instead, in the file's
     * order (their order and stream versions are kept, their gaps are not). The event tables are locked for the
     * import's duration, so every tenant's appends wait for it.
     *
     * @throws IllegalStateException if this schema is not empty; nothing is changed
     * @throws ArchiveFormatException naming the line, if a line is malformed or the file is truncated; nothing is
     *     imported
     * @throws IllegalArgumentException if {@code file} does not exist
     */
    ArchiveReport importFrom(Path file);
}
