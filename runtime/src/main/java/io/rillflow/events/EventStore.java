package io.rillflow.events;

import io.rillflow.ConcurrencyException;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Event streams: append with an expected version, read a stream or the whole log, resolve named streams.
 *
 * <p>An append is one round trip where it can be: the version check, the stream's new version and the events go in
 * one statement (a large one through {@code COPY}). A stream's version is the number
 * of events in it; its events are numbered 1, 2, 3... with no gaps.
 */
public interface EventStore {
    /**
     * This event store working on {@code connection} and inside its current transaction, so that appended events
     * commit or roll back together with the caller's own SQL and documents ({@code DocumentCollection.within}). Every
     * append route (one statement, {@code rf_append}, {@code COPY} for large appends) and every read runs on the
     * connection, and the inline projections of an append write their documents in the same transaction. Nothing the
     * returned store does commits, rolls back or closes the connection: its events become visible to other
     * connections, projections and subscriptions when the caller commits, and vanish if the caller rolls back.
     *
     * <p>Reads see the transaction's own appends, except {@link #readAll}: it stops before the first event of a
     * transaction still in flight, the caller's own included, until that transaction ends. On a connection in
     * auto-commit mode each call is its own transaction, as on the store's pool.
     *
     * @param connection an open connection to the store's database
     * @throws NullPointerException if {@code connection} is null
     */
    EventStore within(Connection connection);

    /**
     * Appends {@code events} (registered event objects or {@link Event}s) to the stream if it is at the
     * {@code expected} version. All or nothing.
     *
     * @throws ConcurrencyException naming the stream, expected and actual versions, if they differ
     * @throws IllegalArgumentException if {@code events} is empty
     */
    AppendResult append(UUID streamId, Expected expected, List<?> events);

    /** As {@link #append}, with headers, causation and correlation ids stored on every event. */
    AppendResult appendWith(UUID streamId, Expected expected, List<?> events, AppendOptions options);

    /** A fluent append with idempotency key, stream type and per-stream lock options. */
    AppendBuilder builder(UUID streamId);

    /** Every event of the stream in order; empty if the stream does not exist. */
    List<EventEnvelope> readStream(UUID streamId);

    /** At most {@code limit} events of the stream, from stream position {@code fromVersion} (1 = the first) on. */
    List<EventEnvelope> readStream(UUID streamId, long fromVersion, int limit);

    /**
     * At most {@code limit} events of all streams after global position {@code afterGlobalSeq}, in global order, up
     * to the log's final position: events of transactions still in flight, and every event after the first of them,
     * are left for a later call, so paging with the last position read never skips an event that commits late.
     * Projections and subscriptions follow the log the same way, with checkpoints, leases and wake-ups.
     */
    List<EventEnvelope> readAll(long afterGlobalSeq, int limit);

    /**
     * The stream id for a name such as {@code orders:42}, recording the alias on first use. The id is
     * {@link StreamIds#forName(String)}: concurrent first uses on any node agree on it.
     */
    UUID resolveStreamAlias(String alias);

    /** The stream's type, version, archived flag and timestamps; empty if nothing was appended to it yet. */
    Optional<StreamInfo> stream(UUID streamId);
}
