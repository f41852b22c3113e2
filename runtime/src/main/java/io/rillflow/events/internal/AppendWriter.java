package io.rillflow.events.internal;

import io.rillflow.ConcurrencyException;
import io.rillflow.IdempotencyConflictException;
import io.rillflow.events.AppendResult;
import io.rillflow.internal.BulkCopy;
import io.rillflow.internal.Database;
import io.rillflow.internal.Identifiers;
import io.rillflow.internal.LogListener;
import io.rillflow.internal.TenantColumn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.UUID;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Writes one append by the cheapest route that keeps its guarantees. Appends are insert-only (see
 * {@code sql/0007_insert_only_appends.sql}): the first event claims the position after the expected version, and the
 * primary key {@code (stream_id, stream_seq)} (in a conjoined schema {@code (tenant_id, stream_id, stream_seq)}, each
 * statement naming its tenant) refuses it if another writer got there first.
 *
 * <ul>
 *   <li>a plain append (no idempotency key, no stream lock) of fewer than {@link #COPY_THRESHOLD} events is one SQL
 *       statement: find the base version, claim the next position, insert the other events only if the claim held;
 *   <li>an append of {@link #COPY_THRESHOLD} events or more claims its first position the same way and then streams
 *       the rest with COPY, in one transaction, because {@code INSERT ... SELECT FROM unnest(...)} inserts row by row;
 *   <li>anything else (idempotency key, stream lock) calls the server-side function {@code rf_append}: still one
 *       round trip, at the price of PL/pgSQL.
 * </ul>
 *
 * Every statement that inserts events wakes LISTENing log readers ({@link LogListener}), and takes the transaction id
 * before it draws a {@code global_seq}. {@link LogReader} no longer needs the xid (it waits for the holders of the
 * table's ROW EXCLUSIVE lock, which every insert takes); readers of the previous version, which confirm positions
 * with {@code rf_log_horizon}, still do during a rolling upgrade, so the xid stays until that function is dropped.
 * Once an append has drawn its first position, it publishes it to log readers with a shared advisory lock held until
 * the transaction ends ({@code sql/0008_log_reader_writers.sql}).
 */
final class AppendWriter {
    /** From this many events an append is loaded with COPY. */
    static final int COPY_THRESHOLD = 200;

    /** How many lost races an append at "any version" or "stream exists" takes before it reports a conflict. */
    static final int RACE_ATTEMPTS = 100;

    /** With the log channel, names the advisory lock key by which appends publish their first position. */
    static final String FIRST_KEY_PREFIX = "rf_first:";

    private static final String CONFLICT = "RF001";
    private static final String DUPLICATE_KEY = "RF002";
    private static final long ANY = -1;
    private static final long NO_STREAM = 0;
    private static final long EXISTS = -2;
    private static final String COLUMNS =
            "stream_id, stream_seq, type, type_version, data, headers, causation_id, correlation_id)";

    private final Database database;
    private final TenantColumn tenant;
    private final String channel;
    private final String functionSql;
    private final String versionSql;
    private final String copySql;
    private final String lastSeqSql;
    private final String idempotencySql;
    /** By {@link #kind}: the one-statement appends of one event and of several. */
    private final String[] singleSql = new String[4];

    private final String[] multiSql = new String[4];

    /**
     * @param tenant the tenant of every row read and written, in a conjoined schema: named in the statements' text, so
     *     that without one they are exactly the single-tenant statements
     */
    AppendWriter(Database database, String schema, TenantColumn tenant) {
        this.database = database;
        this.tenant = tenant;
        this.channel = LogListener.channel(schema);
        String s = Identifiers.quote(schema);
        String events = s + ".rf_events";
        String columns = " (" + tenant.keyPrefix() + COLUMNS;
        this.functionSql = "select stream_version, first_global_seq, last_global_seq from " + s
                + (tenant.present()
                        ? ".rf_append_tenant(" + tenant.literal() + ", ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)"
                        : ".rf_append(?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)");
        this.versionSql = "select stream_seq from " + events + " where " + tenant.andPrefix()
                + "stream_id = ? order by stream_seq desc limit 1";
        this.copySql = "copy " + events + columns + " from stdin";
        this.lastSeqSql = "select global_seq from " + events + " where " + tenant.andPrefix()
                + "stream_id = ? and stream_seq = ?";
        this.idempotencySql = "insert into " + s + ".rf_idempotency_keys (" + tenant.keyPrefix() + "stream_id, key)"
                + " values (" + tenant.valuePrefix() + "?, ?) on conflict do nothing";
        // The WHERE clause has no column references, so it is a one-time filter evaluated before the first row is
        // built: the transaction id is taken before any global_seq is drawn. Then the wake-up: one notifying
        // transaction at a time, as a notifying commit serializes with every other notifying commit.
        String where = " where pg_current_xact_id() is not null and (not pg_try_advisory_xact_lock(hashtextextended("
                + "'rf_wake:" + channel + "', 0)) or pg_notify('" + channel + "', '')::text = '')"
                + " on conflict do nothing";
        String rest = ", r as (insert into " + events + columns
                + " select " + tenant.valuePrefix()
                + "c.stream_id, c.stream_seq + x.ord, x.type, x.type_version, x.body, c.headers,"
                + " c.causation_id, c.correlation_id"
                + " from c, unnest(?::text[], ?::int4[], ?::jsonb[]) with ordinality as x(type, type_version, body, ord)"
                + " returning global_seq)";
        // Once the claim has drawn the append's first position, publish it for log readers (see LogReader): a shared
        // advisory lock on (rf_first:channel, the position's low 32 bits), held until the transaction ends.
        String publish = " where pg_advisory_xact_lock_shared(hashtext('" + FIRST_KEY_PREFIX + channel + "'),"
                + " (c.global_seq % 4294967296 - 2147483648)::int4)::text = ''";
        for (int kind = 0; kind < 4; kind++) {
            String prefix = prefix(s, kind);
            String claim = "insert into " + events + columns + " select " + tenant.valuePrefix()
                    + "?, b.v + 1, ?, ?, ?::jsonb, ?::jsonb, ?, ?" + " from " + base(s, kind) + " b" + where;
            String with = "with " + (prefix.isEmpty() ? "" : prefix + ", ") + "c as (" + claim;
            singleSql[kind] = with + " returning stream_seq, global_seq) select c.stream_seq, c.global_seq,"
                    + " c.global_seq from c" + publish;
            multiSql[kind] = with
                    + " returning stream_id, stream_seq, global_seq, headers, causation_id, correlation_id)" + rest
                    + " select c.stream_seq + ?, c.global_seq, (select max(global_seq) from r) from c" + publish;
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
            return database.inTransaction(appendLabel(request), c -> copy(c, request, events));
        }
        return database.withConnection(appendLabel(request), c -> writeIn(c, request, events));
    }

    /** What an error names when no statement failed (the failing statement's own text is named when one did). */
    private static String appendLabel(AppendRequest request) {
        return "append to stream " + request.streamId();
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
        int n = events.size();
        int kind = kind(request.expected().code());
        for (int attempt = 1; ; attempt++) {
            try (PreparedStatement p = c.prepareStatement(n == 1 ? singleSql[kind] : multiSql[kind])) {
                int i = bindClaim(p, request, events);
                if (n > 1) {
                    p.setArray(i++, c.createArrayOf("text", Arrays.copyOfRange(events.types(), 1, n)));
                    p.setArray(i++, c.createArrayOf("int4", Arrays.copyOfRange(events.versions(), 1, n)));
                    p.setArray(i++, c.createArrayOf("jsonb", Arrays.copyOfRange(events.bodies(), 1, n)));
                    p.setLong(i, n - 1);
                }
                try (ResultSet rs = p.executeQuery()) {
                    if (rs.next()) {
                        return new AppendResult(request.streamId(), rs.getLong(1), rs.getLong(2), rs.getLong(3));
                    }
                }
            }
            lostRace(c, request, attempt);
        }
    }

    private AppendResult copy(Connection c, AppendRequest request, Encoded events) throws SQLException {
        if (request.lockStream()) {
            try (PreparedStatement p = c.prepareStatement("select pg_advisory_xact_lock(hashtextextended(?, 0))")) {
                // The key rf_append_tenant takes for the same tenant's stream, so both routes serialize on one lock.
                p.setString(1, "rf_stream:" + (tenant.present() ? tenant.tenant() + ":" : "") + request.streamId());
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
        int kind = kind(request.expected().code());
        long base;
        long firstGlobal;
        for (int attempt = 1; ; attempt++) {
            try (PreparedStatement p = c.prepareStatement(singleSql[kind])) {
                bindClaim(p, request, events);
                try (ResultSet rs = p.executeQuery()) {
                    if (rs.next()) {
                        base = rs.getLong(1) - 1;
                        firstGlobal = rs.getLong(2);
                        break;
                    }
                }
            }
            lostRace(c, request, attempt);
        }
        BulkCopy rows = new BulkCopy(copySql);
        String stream = request.streamId().toString();
        String causation = text(request.options().causationId());
        String correlation = text(request.options().correlationId());
        for (int i = 1; i < events.size(); i++) {
            String[] row = {
                stream,
                Long.toString(base + i + 1),
                events.types()[i],
                Integer.toString(events.versions()[i]),
                events.bodies()[i],
                events.headers(),
                causation,
                correlation
            };
            rows.row(tenant.present() ? withTenant(row) : row);
        }
        rows.send(c);
        long version = base + events.size();
        try (PreparedStatement p = c.prepareStatement(lastSeqSql)) {
            p.setObject(1, request.streamId());
            p.setLong(2, version);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return new AppendResult(request.streamId(), version, firstGlobal, rs.getLong(1));
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
            p.setString(12, channel);
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

    /** The CTE an append of this kind starts with, creating the stream's row, or nothing. */
    private String prefix(String s, int kind) {
        String createStream = "insert into " + s + ".rf_streams (" + tenant.keyPrefix() + "id, type) values ("
                + tenant.valuePrefix() + "?, ?) on conflict do nothing";
        return switch (kind) {
            case 0 -> "s as (" + createStream + " returning 1)";
            case 1 -> "n as (" + createStream + " returning 0::bigint as v)";
            default -> "";
        };
    }

    /**
     * The version the append builds on, {@code v}, or no row when the expectation already fails. Only committed
     * events count, so a claim based on it never collides with the rest of another writer's append.
     */
    private String base(String s, int kind) {
        return switch (kind) {
            // Reading s makes the stream row come before the event row, the order rf_append writes them in: two
            // first appends taking the rows in opposite orders would deadlock.
            case 0 -> "(select coalesce((" + versionSql + "), 0) as v from (select count(*) from s) as created)";
            case 1 -> "n";
            case 2 -> "(" + versionSql.replace("select stream_seq", "select stream_seq as v") + ")";
            default ->
                "(select stream_seq as v from " + s + ".rf_events where " + tenant.andPrefix()
                        + "stream_id = ? and stream_seq = ?)";
        };
    }

    /**
     * Binds the stream row, the first event's row and the base, in the order the statement names them, from
     * parameter 1; returns the next parameter index.
     */
    private static int bindClaim(PreparedStatement p, AppendRequest request, Encoded events) throws SQLException {
        long expected = request.expected().code();
        int i = 1;
        if (expected == ANY || expected == NO_STREAM) {
            p.setObject(i++, request.streamId());
            p.setString(i++, request.streamType());
        }
        p.setObject(i++, request.streamId());
        p.setString(i++, events.types()[0]);
        p.setInt(i++, events.versions()[0]);
        p.setString(i++, events.bodies()[0]);
        p.setString(i++, events.headers());
        p.setObject(i++, request.options().causationId());
        p.setObject(i++, request.options().correlationId());
        if (expected != NO_STREAM) {
            p.setObject(i++, request.streamId());
        }
        if (expected > 0) {
            p.setLong(i++, expected);
        }
        return i;
    }

    /**
     * After a claim that inserted nothing: returns to try again when the expectation still holds and another writer
     * merely got the position first ("any version", "stream exists"), otherwise throws the conflict.
     */
    private void lostRace(Connection c, AppendRequest request, int attempt) throws SQLException {
        long expected = request.expected().code();
        long actual = version(c, request.streamId());
        boolean retry = expected == ANY || (expected == EXISTS && actual > 0);
        if (!retry || attempt >= RACE_ATTEMPTS) {
            throw new ConcurrencyException(
                    "stream " + request.streamId(), request.expected().toString(), actual);
        }
    }

    private long version(Connection c, UUID streamId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(versionSql)) {
            p.setObject(1, streamId);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
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

    /** The row with the tenant in front, as the COPY statement's columns are. */
    private String[] withTenant(String[] row) {
        String[] full = new String[row.length + 1];
        full[0] = tenant.tenant();
        System.arraycopy(row, 0, full, 1, row.length);
        return full;
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
