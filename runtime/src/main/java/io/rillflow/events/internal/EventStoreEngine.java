package io.rillflow.events.internal;

import io.rillflow.ConcurrencyException;
import io.rillflow.events.AppendBuilder;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.AppendResult;
import io.rillflow.events.Event;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.EventStore;
import io.rillflow.events.Expected;
import io.rillflow.events.StreamIds;
import io.rillflow.events.StreamInfo;
import io.rillflow.internal.Database;
import io.rillflow.internal.Identifiers;
import io.rillflow.internal.JsonCodec;
import io.rillflow.internal.NulCharacters;
import io.rillflow.internal.TenantColumn;
import io.rillflow.metrics.internal.StoreMetrics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The event store of one schema: encodes and appends events through {@link AppendWriter}, runs the inline projections
 * of an append in its transaction, and reads streams and the log. Its {@link #pending} envelopes let aggregates fold
 * events before they are stored.
 */
public final class EventStoreEngine implements EventStore {
    /** The columns {@link #envelope} reads, in its order; the {@link LogReader} selects the same. */
    static final String COLUMNS = "global_seq, stream_id, stream_seq, type, type_version, data::text,"
            + " headers::text, causation_id, correlation_id, created_at";

    private final Database database;
    private final AppendHook appendHook;
    private final JsonCodec json;
    private final EventTypes types;
    private final AppendWriter writer;
    private final String readStreamSql;
    /** Bounds {@link #readAll} to the final part of the log; it only keeps a reference to this store. */
    private final LogReader log;

    private final String aliasSql;
    private final String streamSql;
    private final AppendObserver observer;
    private final String schema;
    private final TenantColumn tenant;
    /** The tenant whose schema this store is in, with a schema per tenant; else null. */
    private final String schemaTenant;

    private final StoreMetrics metrics;

    /** An event store of {@code schema} without inline projections or observer. */
    public EventStoreEngine(Database database, String schema, JsonCodec json, EventTypes types) {
        this(database, schema, TenantColumn.NONE, null, json, types, AppendHook.NONE, AppendObserver.NONE);
    }

    /**
     * Created by the store for {@code schema}: every append runs {@code appendHook} (the inline projections) in its
     * transaction and is reported to {@code observer} (tracing) once it committed or failed. In a conjoined schema every
     * statement names {@code tenant}, so this store sees and writes that tenant's streams, aliases, idempotency keys
     * and events only. With a schema per tenant, {@code schemaTenant} is the tenant whose schema {@code schema} is, which
     * its events tell ({@link EventEnvelope#tenant()}); null otherwise.
     */
    public EventStoreEngine(
            Database database,
            String schema,
            TenantColumn tenant,
            String schemaTenant,
            JsonCodec json,
            EventTypes types,
            AppendHook appendHook,
            AppendObserver observer) {
        this.observer = observer;
        this.schema = schema;
        this.tenant = tenant;
        this.schemaTenant = schemaTenant;
        this.appendHook = appendHook;
        this.database = database;
        this.metrics = database.metrics();
        this.json = json;
        this.types = types;
        String s = Identifiers.quote(schema);
        this.writer = new AppendWriter(database, schema, tenant);
        this.log = new LogReader(database, schema, this, tenant);
        this.readStreamSql = "select " + COLUMNS + " from " + s + ".rf_events" + " where " + tenant.andPrefix()
                + "stream_id = ? and stream_seq >= ? order by stream_seq limit ?";
        this.aliasSql = "insert into " + s + ".rf_stream_aliases (" + tenant.keyPrefix() + "alias, stream_id) values ("
                + tenant.valuePrefix() + "?, ?) on conflict (" + tenant.keyPrefix() + "alias) do nothing";
        // A stream's version and last change are its last event's; rf_streams holds what never changes.
        this.streamSql = "select s.id, s.type, e.stream_seq, s.archived, s.created_at, e.created_at from " + s
                + ".rf_streams s cross join lateral (select stream_seq, created_at from " + s + ".rf_events"
                + " where " + tenant.andPrefix() + "stream_id = s.id order by stream_seq desc limit 1) e where "
                + (tenant.present() ? tenant.predicate("s") + " and " : "") + "s.id = ?";
    }

    @Override
    public EventStoreEngine within(Connection connection) {
        // Without this check a null would quietly mean "the pool": events committed outside the caller's transaction.
        Objects.requireNonNull(connection, "connection: within(...) needs the caller's open connection");
        return new EventStoreEngine(
                database.boundTo(connection), schema, tenant, schemaTenant, json, types, appendHook, observer);
    }

    /** The event type registry this store reads and writes with. */
    public EventTypes types() {
        return types;
    }

    @Override
    public AppendResult append(UUID streamId, Expected expected, List<?> events) {
        return appendWith(streamId, expected, events, AppendOptions.none());
    }

    @Override
    public AppendResult appendWith(UUID streamId, Expected expected, List<?> events, AppendOptions options) {
        return append(new AppendRequest(streamId, expected, events, options, null, null, false));
    }

    @Override
    public AppendBuilder builder(UUID streamId) {
        return new StoredAppendBuilder(this, requireStream(streamId));
    }

    /** Writes a gathered append; see {@link #append(UUID, Expected, List)}. */
    AppendResult append(AppendRequest request) {
        AppendResult result;
        try {
            result = observer.enabled() ? observed(request) : write(request);
        } catch (ConcurrencyException e) {
            metrics.appendConflict();
            throw e;
        }
        metrics.appended(request.events().size());
        return result;
    }

    private AppendResult observed(AppendRequest request) {
        AppendResult result;
        try {
            result = write(request);
        } catch (RuntimeException e) {
            observer.failed(request, e);
            throw e;
        }
        observer.appended(request, result);
        return result;
    }

    private AppendResult write(AppendRequest request) {
        UUID streamId = requireStream(request.streamId());
        Objects.requireNonNull(request.expected(), "expected");
        Objects.requireNonNull(request.options(), "options");
        List<?> events = Objects.requireNonNull(request.events(), "events");
        if (events.isEmpty()) {
            throw new IllegalArgumentException("An append to stream " + streamId + " needs at least one event");
        }
        NulCharacters.requireNone("the idempotency key", request.idempotencyKey());
        NulCharacters.requireNone("the stream type", request.streamType());
        int n = events.size();
        String[] names = new String[n];
        Integer[] versions = new Integer[n];
        String[] bodies = new String[n];
        for (int i = 0; i < n; i++) {
            Object event = Objects.requireNonNull(events.get(i), "event " + i + " of the append is null");
            if (event instanceof Event untyped) {
                names[i] = NulCharacters.requireNone("the event type", untyped.type());
                versions[i] = untyped.version();
                bodies[i] = json.write(untyped.body(), () -> "event " + untyped.type() + " for stream " + streamId);
            } else {
                EventTypes.Registration registration = types.requireClass(event.getClass());
                names[i] = registration.name();
                versions[i] = registration.version();
                bodies[i] = json.write(event, () -> "event " + registration.name() + " for stream " + streamId);
            }
        }
        String headers = json.write(request.options().headers(), () -> "the headers of an append to " + streamId);
        AppendWriter.Encoded encoded = new AppendWriter.Encoded(names, versions, bodies, headers);
        if (!appendHook.wants(names)) {
            return writer.write(request, encoded);
        }
        // Inline projections: the events and what the hook writes commit together, or not at all.
        return database.inTransaction(readStreamSql, c -> {
            AppendResult result = writer.writeIn(c, request, encoded);
            try (PreparedStatement p = c.prepareStatement(readStreamSql)) {
                p.setObject(1, streamId);
                p.setLong(2, result.streamVersion() - n + 1);
                p.setInt(3, n);
                appendHook.appended(c, envelopes(p));
            }
            return result;
        });
    }

    @Override
    public List<EventEnvelope> readStream(UUID streamId) {
        return readStream(streamId, 1, Integer.MAX_VALUE);
    }

    @Override
    public List<EventEnvelope> readStream(UUID streamId, long fromVersion, int limit) {
        requireStream(streamId);
        if (fromVersion < 1) {
            throw new IllegalArgumentException("Stream positions start at 1, was " + fromVersion);
        }
        requireLimit(limit);
        return database.withConnection(readStreamSql, c -> {
            try (PreparedStatement p = c.prepareStatement(readStreamSql)) {
                p.setObject(1, streamId);
                p.setLong(2, fromVersion);
                p.setInt(3, limit);
                return envelopes(p);
            }
        });
    }

    @Override
    public List<EventEnvelope> readAll(long afterGlobalSeq, int limit) {
        if (afterGlobalSeq < 0) {
            throw new IllegalArgumentException("A global position is 0 or more, was " + afterGlobalSeq);
        }
        requireLimit(limit);
        long upTo = log.finalPosition();
        return database.withConnection("read the log", c -> log.read(c, afterGlobalSeq, upTo, limit, List.of())
                .events());
    }

    @Override
    public UUID resolveStreamAlias(String alias) {
        UUID id = StreamIds.forName(alias);
        database.withConnection(aliasSql, c -> {
            try (PreparedStatement p = c.prepareStatement(aliasSql)) {
                p.setString(1, alias);
                p.setObject(2, id);
                return p.executeUpdate();
            }
        });
        return id;
    }

    @Override
    public Optional<StreamInfo> stream(UUID streamId) {
        requireStream(streamId);
        return database.withConnection(streamSql, c -> {
            try (PreparedStatement p = c.prepareStatement(streamSql)) {
                p.setObject(1, streamId);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new StreamInfo(
                            rs.getObject(1, UUID.class),
                            rs.getString(2),
                            rs.getLong(3),
                            rs.getBoolean(4),
                            rs.getObject(5, OffsetDateTime.class).toInstant(),
                            rs.getObject(6, OffsetDateTime.class).toInstant()));
                }
            }
        });
    }

    private List<EventEnvelope> envelopes(PreparedStatement p) throws SQLException {
        List<EventEnvelope> result = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                result.add(envelope(rs));
            }
        }
        return result;
    }

    EventEnvelope envelope(ResultSet rs) throws SQLException {
        return envelope(rs, tenant.present() ? tenant.tenant() : schemaTenant);
    }

    /**
     * The event of the current row of {@code rs}, appended by {@code appender} (from a reader of every tenant's events
     * of a conjoined schema, or the tenant whose schema it is), or by no tenant (null): the default tenant's events tell none, see
     * {@link EventEnvelope#tenant()}.
     */
    EventEnvelope envelope(ResultSet rs, String appender) throws SQLException {
        return new StoredEvent(
                rs.getLong(1),
                rs.getObject(2, UUID.class),
                rs.getLong(3),
                rs.getString(4),
                rs.getInt(5),
                rs.getString(6),
                rs.getString(7),
                rs.getObject(8, UUID.class),
                rs.getObject(9, UUID.class),
                rs.getObject(10, OffsetDateTime.class).toInstant(),
                TenantColumn.DEFAULT.tenant().equals(appender) ? null : appender,
                types,
                json,
                null);
    }

    /**
     * An envelope for an event that is about to be appended but is not stored yet, so that code folding events (an
     * aggregate's {@code @Apply} methods checking a command's outcome before it commits) sees the same metadata it
     * will see after loading: stream, position, type, headers, causation and correlation. Its {@code globalSeq} is 0
     * and its {@code createdAt} the current time, as neither is known before the append.
     *
     * @throws io.rillflow.UnknownEventTypeException if {@code event} is neither an {@link Event} nor registered
     */
    public EventEnvelope pending(UUID streamId, long streamSeq, Object event, AppendOptions options) {
        requireStream(streamId);
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(options, "options");
        String name;
        int version;
        String body = null;
        if (event instanceof Event untyped) {
            name = untyped.type();
            version = untyped.version();
            body = json.write(untyped.body(), () -> "event " + untyped.type());
        } else {
            EventTypes.Registration registration = types.requireClass(event.getClass());
            name = registration.name();
            version = registration.version();
        }
        return new StoredEvent(
                0,
                streamId,
                streamSeq,
                name,
                version,
                body,
                json.write(options.headers(), () -> "the headers of event " + name),
                options.causationId(),
                options.correlationId(),
                Instant.now(),
                tenant.present() ? (tenant.equals(TenantColumn.DEFAULT) ? null : tenant.tenant()) : schemaTenant,
                types,
                json,
                event);
    }

    private static UUID requireStream(UUID streamId) {
        if (streamId == null) {
            throw new IllegalArgumentException("The stream id must not be null");
        }
        return streamId;
    }

    private static void requireLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("A read limit must be 1 or more, was " + limit);
        }
    }
}
