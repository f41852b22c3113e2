package io.rillflow.sessions;

import io.rillflow.aggregates.CommandContext;
import io.rillflow.internal.Actor;
import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * How a {@link DocumentSession} behaves and what it stamps on what it writes. Immutable: each {@code with} method
 * returns a copy. A store's sessions start from the defaults given to {@code StoreBuilder.sessionDefaults}, and
 * {@code store.openSession(options -> options.withActor("ada"))} changes them for one session.
 *
 * <pre>{@code
 * Store store = Store.builder(url)
 *         .sessionDefaults(SessionOptions.defaults().withHeader("source", "api"))
 *         .build();
 * try (DocumentSession session = store.openSession(o -> o.withActor(user).withCorrelationId(requestId))) {
 *     ...
 * }
 * }</pre>
 */
public final class SessionOptions {
    /** The longest actor name: it is stored with every document and event the session writes. */
    public static final int MAX_ACTOR_LENGTH = Actor.MAX_LENGTH;

    private static final SessionOptions DEFAULTS =
            new SessionOptions(SessionKind.IDENTITY_MAP, null, Map.of(), null, null, false, null, 3);

    private final SessionKind kind;
    private final String actor;
    private final Map<String, Object> headers;
    private final UUID correlationId;
    private final UUID causationId;
    private final boolean lockStreams;
    private final Connection connection;
    private final int maxAttempts;

    private SessionOptions(
            SessionKind kind,
            String actor,
            Map<String, Object> headers,
            UUID correlationId,
            UUID causationId,
            boolean lockStreams,
            Connection connection,
            int maxAttempts) {
        this.kind = kind;
        this.actor = actor;
        this.headers = headers;
        this.correlationId = correlationId;
        this.causationId = causationId;
        this.lockStreams = lockStreams;
        this.connection = connection;
        this.maxAttempts = maxAttempts;
    }

    /** An identity-map session on the store's pool, with no actor, headers or ids, tried at most 3 times. */
    public static SessionOptions defaults() {
        return DEFAULTS;
    }

    /** These options with the session kind {@code kind} (default {@link SessionKind#IDENTITY_MAP}). */
    public SessionOptions withKind(SessionKind kind) {
        return new SessionOptions(
                Objects.requireNonNull(kind, "kind"),
                actor,
                headers,
                correlationId,
                causationId,
                lockStreams,
                connection,
                maxAttempts);
    }

    /**
     * These options with {@code actor}, the user or service on whose behalf the session writes (null: none). It is
     * stored as the header {@value CommandContext#ACTOR_HEADER} of every event the session appends, and as the
     * {@code created_by} / {@code last_modified_by} of every document it writes.
     *
     * @throws IllegalArgumentException if it is blank, longer than {@value #MAX_ACTOR_LENGTH} characters or holds a
     *     NUL character
     */
    public SessionOptions withActor(String actor) {
        if (actor != null) {
            Actor.requireValid(actor);
        }
        return new SessionOptions(
                kind, actor, headers, correlationId, causationId, lockStreams, connection, maxAttempts);
    }

    /**
     * These options with {@code headers} instead, stored with every event the session appends (an append's own
     * headers win on the same name).
     *
     * @throws IllegalArgumentException if a header is named {@value CommandContext#ACTOR_HEADER}: set it with
     *     {@link #withActor}
     */
    public SessionOptions withHeaders(Map<String, Object> headers) {
        Map<String, Object> copy = Map.copyOf(Objects.requireNonNull(headers, "headers"));
        if (copy.containsKey(CommandContext.ACTOR_HEADER)) {
            throw new IllegalArgumentException("A session header must not be named \"" + CommandContext.ACTOR_HEADER
                    + "\", which holds the actor; use withActor(...)");
        }
        return new SessionOptions(kind, actor, copy, correlationId, causationId, lockStreams, connection, maxAttempts);
    }

    /** These options with one more header; see {@link #withHeaders}. */
    public SessionOptions withHeader(String name, Object value) {
        Map<String, Object> more = new HashMap<>(headers);
        more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return withHeaders(more);
    }

    /** These options with the correlation id stored on every event the session appends (null: none). */
    public SessionOptions withCorrelationId(UUID correlationId) {
        return new SessionOptions(
                kind, actor, headers, correlationId, causationId, lockStreams, connection, maxAttempts);
    }

    /** These options with the causation id stored on every event the session appends (null: none). */
    public SessionOptions withCausationId(UUID causationId) {
        return new SessionOptions(
                kind, actor, headers, correlationId, causationId, lockStreams, connection, maxAttempts);
    }

    /**
     * These options taking, when the session saves, an advisory lock on every stream it appends to (the lock
     * {@code AppendBuilder.lockStream()} takes), all in stream-id order before writing: writers of the same streams
     * then queue behind each other instead of meeting as conflicts. Worth it under heavy contention on few streams.
     */
    public SessionOptions withStreamLocks(boolean lockStreams) {
        return new SessionOptions(
                kind, actor, headers, correlationId, causationId, lockStreams, connection, maxAttempts);
    }

    /**
     * These options for a session working on {@code connection} and inside its current transaction: its loads see
     * the transaction's own writes, and {@link DocumentSession#saveChanges()} writes in that transaction without
     * committing it, so the application's own SQL, the session's documents and events commit or roll back together,
     * when the application says. Nothing the session does commits, rolls back or closes the connection (in
     * auto-commit mode each save is its own transaction).
     */
    public SessionOptions within(Connection connection) {
        // Without this check a null would quietly mean "the pool": writes committed outside the caller's transaction.
        Objects.requireNonNull(connection, "connection: within(...) needs the caller's open connection");
        return new SessionOptions(
                kind, actor, headers, correlationId, causationId, lockStreams, connection, maxAttempts);
    }

    /**
     * These options with the number of times {@code Store.inSession} runs a unit of work that meets a conflict, each
     * time on a fresh session (default 3). A session within the caller's transaction is run once, whatever this says:
     * the caller's transaction, which may hold other writes, is the one to retry.
     */
    public SessionOptions withMaxAttempts(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be 1 or more, was " + maxAttempts);
        }
        return new SessionOptions(
                kind, actor, headers, correlationId, causationId, lockStreams, connection, maxAttempts);
    }

    /** The session kind. */
    public SessionKind kind() {
        return kind;
    }

    /** The actor, if any. */
    public Optional<String> actor() {
        return Optional.ofNullable(actor);
    }

    /** The headers stored with every event the session appends. */
    public Map<String, Object> headers() {
        return headers;
    }

    /** The correlation id stored with every event, if any. */
    public Optional<UUID> correlationId() {
        return Optional.ofNullable(correlationId);
    }

    /** The causation id stored with every event, if any. */
    public Optional<UUID> causationId() {
        return Optional.ofNullable(causationId);
    }

    /** Whether saving locks the streams appended to first; see {@link #withStreamLocks}. */
    public boolean streamLocks() {
        return lockStreams;
    }

    /** The caller's connection the session works on, if any; see {@link #within}. */
    public Optional<Connection> connection() {
        return Optional.ofNullable(connection);
    }

    /** How many times {@code Store.inSession} runs a unit that meets a conflict. */
    public int maxAttempts() {
        return maxAttempts;
    }
}
