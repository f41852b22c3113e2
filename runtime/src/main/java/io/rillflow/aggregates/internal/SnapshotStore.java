package io.rillflow.aggregates.internal;

import io.rillflow.internal.Database;
import io.rillflow.internal.Identifiers;
import io.rillflow.internal.TenantColumn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads and writes {@code rf_snapshots}: one snapshot per stream, the latest of the reader's shape. */
public final class SnapshotStore {
    /** A stored snapshot: the state's JSON and the stream version it includes. */
    public record Snapshot(long version, String stateJson) {}

    /** The shape a reader expects: snapshots of any other are ignored. */
    public record Shape(String aggregateType, int schemaVersion, String hash) {}

    private final Database database;
    private final String schema;
    private final TenantColumn tenant;
    private final String readSql;
    private final String writeSql;
    private final String behindSql;

    /** @param tenant the tenant of every snapshot and stream, named in the statements of a conjoined schema */
    public SnapshotStore(Database database, String schema, TenantColumn tenant) {
        this.database = database;
        this.schema = schema;
        this.tenant = tenant;
        String s = Identifiers.quote(schema);
        this.readSql = "select stream_version, state::text from " + s + ".rf_snapshots" + " where " + tenant.andPrefix()
                + "stream_id = ? and aggregate_type = ? and schema_version = ? and shape = ?";
        // A snapshot only moves forward, except that one of another shape is always replaced.
        this.writeSql = "insert into " + s + ".rf_snapshots as n"
                + " (" + tenant.keyPrefix() + "stream_id, aggregate_type, stream_version, schema_version, shape, state)"
                + " values (" + tenant.valuePrefix() + "?, ?, ?, ?, ?, ?::jsonb)"
                + " on conflict (" + tenant.keyPrefix()
                + "stream_id) do update set aggregate_type = excluded.aggregate_type,"
                + " stream_version = excluded.stream_version, schema_version = excluded.schema_version,"
                + " shape = excluded.shape, state = excluded.state, created_at = now()"
                + " where n.stream_version < excluded.stream_version or n.schema_version <> excluded.schema_version"
                + " or n.shape <> excluded.shape or n.aggregate_type <> excluded.aggregate_type";
        // A stream's version is the stream_seq of its last event: one backward primary-key probe per stream.
        this.behindSql = "select s.id from " + s + ".rf_streams s cross join lateral (select stream_seq as version"
                + " from " + s + ".rf_events where " + tenant.andPrefix()
                + "stream_id = s.id order by stream_seq desc limit 1) e"
                + " left join " + s + ".rf_snapshots n"
                + " on " + (tenant.present() ? "n.tenant_id = s.tenant_id and " : "")
                + "n.stream_id = s.id and n.aggregate_type = s.type and n.schema_version = ? and n.shape = ?"
                + " where " + (tenant.present() ? tenant.predicate("s") + " and " : "")
                + "s.type = ? and e.version - coalesce(n.stream_version, 0) >= ?"
                + " order by e.version - coalesce(n.stream_version, 0) desc, s.id limit ?";
    }

    /** These snapshots on the caller's {@code connection}, inside its transaction. */
    public SnapshotStore within(Connection connection) {
        return new SnapshotStore(database.boundTo(connection), schema, tenant);
    }

    /** The stream's snapshot if it has {@code shape}. */
    public Optional<Snapshot> read(UUID streamId, Shape shape) {
        return database.withConnection(readSql, c -> {
            try (PreparedStatement p = c.prepareStatement(readSql)) {
                p.setObject(1, streamId);
                p.setString(2, shape.aggregateType());
                p.setInt(3, shape.schemaVersion());
                p.setString(4, shape.hash());
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(new Snapshot(rs.getLong(1), rs.getString(2))) : Optional.empty();
                }
            }
        });
    }

    /** Stores a snapshot unless a later one of the same shape is there already. */
    public void write(UUID streamId, Shape shape, long version, String stateJson) {
        database.withConnection(writeSql, c -> {
            try (PreparedStatement p = c.prepareStatement(writeSql)) {
                p.setObject(1, streamId);
                p.setString(2, shape.aggregateType());
                p.setLong(3, version);
                p.setInt(4, shape.schemaVersion());
                p.setString(5, shape.hash());
                p.setString(6, stateJson);
                return p.executeUpdate();
            }
        });
    }

    /**
     * Up to {@code limit} streams of the aggregate type whose snapshot of {@code shape} is at least {@code threshold}
     * events behind (or missing while the stream has that many events), the furthest behind first.
     */
    public List<UUID> streamsBehind(Shape shape, long threshold, int limit) {
        return database.withConnection(behindSql, c -> {
            try (PreparedStatement p = c.prepareStatement(behindSql)) {
                p.setInt(1, shape.schemaVersion());
                p.setString(2, shape.hash());
                p.setString(3, shape.aggregateType());
                p.setLong(4, threshold);
                p.setInt(5, limit);
                List<UUID> streams = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        streams.add(rs.getObject(1, UUID.class));
                    }
                }
                return streams;
            }
        });
    }
}
