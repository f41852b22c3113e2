package io.rillflow.events;

import io.rillflow.ConcurrencyException;
import io.rillflow.IdempotencyConflictException;
import io.rillflow.internal.BulkCopy;
import io.rillflow.internal.Database;
import io.rillflow.internal.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Writes one append by the cheapest route that keeps its guarantees:
 *
 * <ul>
 *   <li>a plain append (no idempotency key, no stream lock) of fewer than {@link #COPY_THRESHOLD} events is one SQL
 *       statement: a CTE that moves the stream row only if the version matches and inserts the events only then;
 *   <li>an append of {@link #COPY_THRESHOLD} events or more moves the stream row and then streams the events with
 *       COPY, in one transaction, because {@code INSERT ... SELECT FROM unnest(...)} inserts row by row;
 *   <li>anything else (idempotency key, stream lock) calls the server-side function {@code rf_append}: still one
 *       round trip, at the price of PL/pgSQL.
 * </ul>
 *
 * Every route checks the version with the same statements, so they all fail the same way on a conflict and never
 * write part of an append.
 */
final class AppendWriter {
    /** From this many events an append is loaded with COPY. */
    static final int COPY_THRESHOLD = 200;

    private static final String CONFLICT = "RF001";
    private static final String DUPLICATE_KEY = "RF002";
    private static final long ANY = -1;
    private static final long NO_STREAM = 0;
    private static final long EXISTS = -2;

    private final Database database;
    private final String schema;
    private final String functionSql;
    private final String versionSql;
    private final String copySql;
    private final String rangeSql;
    private final String idempotencySql;
    /** By {@link #kind}: the stream statement, and the one-statement appends of one event and of several. */
    private final String[] streamSql = new String[4];

    private final String[] singleSql = new String[4];
    private final String[] multiSql = new String[4];

    AppendWriter(Database database, String schema) {
        this.database = database;
        this.schema = Identifiers.quote(schema);
        this.functionSql = "select stream_version, first_global_seq, last_global_seq from " + this.schema
                + ".rf_append(?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)";
        this.versionSql = "select version from " + this.schema + ".rf_streams where id = ?";
        this.copySql = "copy " + this.schema + ".rf_events"
                + " (stream_id, stream_seq, type, type_version, data, headers, causation_id, correlation_id)"
                + " from stdin";
        // Two primary-key lookups: min()/max() over global_seq would let the planner walk the global_seq index
        // from one end and filter by stream, which gets slower as the log grows.
        this.rangeSql = "select global_seq from " + this.schema + ".rf_events"
                + " where stream_id = ? and stream_seq in (?, ?) order by stream_seq";
        this.idempotencySql = "insert into " + this.schema + ".rf_idempotency_keys (stream_id, key) values (?, ?)"
                + " on conflict do nothing";
        String insert = " e as (insert into " + this.schema + ".rf_events"
                + " (stream_id, stream_seq, type, type_version, data, headers, causation_id, correlation_id)";
        String result =
                " returning global_seq) select (select version from s), min(global_seq), max(global_seq) from e";
        for (int kind = 0; kind < 4; kind++) {
            streamSql[kind] = streamStatement(kind);
            String with = "with s as (" + streamSql[kind] + "),";
            singleSql[kind] = with + insert + " select ?, s.version, ?, ?, ?::jsonb, ?::jsonb, ?, ? from s" + result;
            multiSql[kind] = with + insert
                    + " select ?, s.version - ? + x.ord, x.type, x.type_version, x.body, ?::jsonb, ?, ?"
                    + " from s, unnest(?::text[], ?::int4[], ?::jsonb[]) with ordinality as x(type, type_version, body, ord)"
                    + result;
        }
    }

    /** The events of one append, encoded. */
    record Encoded(String[] types, Integer[] versions, String[] bodies, String headers) {
        int size() {
            return bodies.length;
        }
    }

    /** Writes the append on a pooled connection: auto-commit, or one transaction for the COPY route. */
    AppendResult write(AppendRequest request, Encoded events) {
        if (events.size() >= COPY_THRESHOLD) {
            return database.inTransaction(copySql, c -> copy(c, request, events));
        }
        return database.withConnection(functionSql, c -> writeIn(c, request, events));
    }

    /** Writes the append on {@code c}, inside the caller's transaction if it has one. */
    AppendResult writeIn(Connection c, AppendRequest request, Encoded events) throws SQLException {
        if (events.size() >= COPY_THRESHOLD) {
            return copy(c, request, events);
        }
        if (request.idempotencyKey() == null && !request.lockStream()) {
            return oneStatement(c, request, events);
        }
        return function(c, request, events);
    }

    private AppendResult oneStatement(Connection c, AppendRequest request, Encoded events) throws SQLException {
        boolean single = events.size() == 1;
        int kind = kind(request.expected().code());
        String sql = single ? singleSql[kind] : multiSql[kind];
        try (PreparedStatement p = c.prepareStatement(sql)) {
            int i = bindStream(p, request, events.size());
            p.setObject(i++, request.streamId());
            if (single) {
                p.setString(i++, events.types()[0]);
                p.setInt(i++, events.versions()[0]);
                p.setString(i++, events.bodies()[0]);
                p.setString(i++, events.headers());
                p.setObject(i++, request.options().causationId());
                p.setObject(i, request.options().correlationId());
            } else {
                p.setLong(i++, events.size());
                p.setString(i++, events.headers());
                p.setObject(i++, request.options().causationId());
                p.setObject(i++, request.options().correlationId());
                p.setArray(i++, c.createArrayOf("text", events.types()));
                p.setArray(i++, c.createArrayOf("int4", events.versions()));
                p.setArray(i, c.createArrayOf("jsonb", events.bodies()));
            }
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                long version = rs.getLong(1);
                if (rs.wasNull()) {
                    throw conflict(c, request);
                }
                return new AppendResult(request.streamId(), version, rs.getLong(2), rs.getLong(3));
            }
        }
    }

    private AppendResult copy(Connection c, AppendRequest request, Encoded events) throws SQLException {
        if (request.lockStream()) {
            try (PreparedStatement p = c.prepareStatement("select pg_advisory_xact_lock(hashtextextended(?, 0))")) {
                p.setString(1, "rf_stream:" + request.streamId());
                p.execute();
            }
        }
        if (request.idempotencyKey() != null) {
            try (PreparedStatement p = c.prepareStatement(idempotencySql)) {
                p.setObject(1, request.streamId());
                p.setString(2, request.idempotencyKey());
                if (p.executeUpdate() == 0) {
                    throw new IdempotencyConflictException(request.streamId(), request.idempotencyKey());
                }
            }
        }
        long version;
        try (PreparedStatement p =
                c.prepareStatement(streamSql[kind(request.expected().code())])) {
            bindStream(p, request, events.size());
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw conflict(c, request);
                }
                version = rs.getLong(1);
            }
        }
        long first = version - events.size();
        BulkCopy rows = new BulkCopy(copySql);
        String stream = request.streamId().toString();
        String causation = text(request.options().causationId());
        String correlation = text(request.options().correlationId());
        for (int i = 0; i < events.size(); i++) {
            rows.row(
                    stream,
                    Long.toString(first + i + 1),
                    events.types()[i],
                    Integer.toString(events.versions()[i]),
                    events.bodies()[i],
                    events.headers(),
                    causation,
                    correlation);
        }
        rows.send(c);
        try (PreparedStatement p = c.prepareStatement(rangeSql)) {
            p.setObject(1, request.streamId());
            p.setLong(2, first + 1);
            p.setLong(3, version);
            try (ResultSet rs = p.executeQuery()) {
                // One COPY draws its sequence values in row order, so the first and last rows bound the range.
                rs.next();
                long firstGlobal = rs.getLong(1);
                long lastGlobal = rs.next() ? rs.getLong(1) : firstGlobal;
                return new AppendResult(request.streamId(), version, firstGlobal, lastGlobal);
            }
        }
    }

    private AppendResult function(Connection c, AppendRequest request, Encoded events) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(functionSql)) {
            p.setObject(1, request.streamId());
            p.setString(2, request.streamType());
            p.setLong(3, request.expected().code());
            p.setArray(4, c.createArrayOf("text", events.types()));
            p.setArray(5, c.createArrayOf("int4", events.versions()));
            p.setArray(6, c.createArrayOf("jsonb", events.bodies()));
            p.setString(7, events.headers());
            p.setObject(8, request.options().causationId());
            p.setObject(9, request.options().correlationId());
            p.setString(10, request.idempotencyKey());
            p.setBoolean(11, request.lockStream());
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return new AppendResult(request.streamId(), rs.getLong(1), rs.getLong(2), rs.getLong(3));
            }
        } catch (PSQLException e) {
            throw translate(e, request);
        }
    }

    private static int kind(long expected) {
        if (expected == ANY) {
            return 0;
        }
        if (expected == NO_STREAM) {
            return 1;
        }
        return expected == EXISTS ? 2 : 3;
    }

    /** The statement that moves the stream row to its new version and returns it, or returns nothing on conflict. */
    private String streamStatement(int kind) {
        String streams = schema + ".rf_streams";
        return switch (kind) {
            case 0 ->
                "insert into " + streams + " as t (id, type, version) values (?, ?, ?)"
                        + " on conflict (id) do update set version = t.version + excluded.version, updated_at = now()"
                        + " returning t.version";
            case 1 ->
                "insert into " + streams + " (id, type, version) values (?, ?, ?)"
                        + " on conflict (id) do nothing returning version";
            case 2 ->
                "update " + streams + " set version = version + ?, updated_at = now() where id = ? returning version";
            default ->
                "update " + streams + " set version = version + ?, updated_at = now()"
                        + " where id = ? and version = ? returning version";
        };
    }

    /** Binds the stream statement's parameters from 1; returns the next parameter index. */
    private static int bindStream(PreparedStatement p, AppendRequest request, int count) throws SQLException {
        long expected = request.expected().code();
        if (expected == ANY || expected == NO_STREAM) {
            p.setObject(1, request.streamId());
            p.setString(2, request.streamType());
            p.setLong(3, count);
            return 4;
        }
        p.setLong(1, count);
        p.setObject(2, request.streamId());
        if (expected == EXISTS) {
            return 3;
        }
        p.setLong(3, expected);
        return 4;
    }

    private ConcurrencyException conflict(Connection c, AppendRequest request) throws SQLException {
        long actual = 0;
        try (PreparedStatement p = c.prepareStatement(versionSql)) {
            p.setObject(1, request.streamId());
            try (ResultSet rs = p.executeQuery()) {
                if (rs.next()) {
                    actual = rs.getLong(1);
                }
            }
        }
        return new ConcurrencyException(
                "stream " + request.streamId(), request.expected().toString(), actual);
    }

    private static RuntimeException translate(PSQLException e, AppendRequest request) throws PSQLException {
        ServerErrorMessage server = e.getServerErrorMessage();
        if (CONFLICT.equals(e.getSQLState()) && server != null) {
            return new ConcurrencyException(
                    "stream " + request.streamId(), request.expected().toString(), Long.parseLong(server.getDetail()));
        }
        if (DUPLICATE_KEY.equals(e.getSQLState())) {
            return new IdempotencyConflictException(request.streamId(), request.idempotencyKey());
        }
        throw e;
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
