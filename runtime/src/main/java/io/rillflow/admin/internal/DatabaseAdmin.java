package io.rillflow.admin.internal;

import io.rillflow.admin.AdminServer;
import io.rillflow.admin.DaemonNode;
import io.rillflow.admin.ExplainedQuery;
import io.rillflow.admin.IndexAdvice;
import io.rillflow.admin.RawDocument;
import io.rillflow.admin.SnapshotBacklog;
import io.rillflow.admin.StoreAdmin;
import io.rillflow.admin.StreamAlias;
import io.rillflow.archive.ArchiveReport;
import io.rillflow.archive.internal.SchemaExport;
import io.rillflow.archive.internal.SchemaImport;
import io.rillflow.documents.IndexDefinition;
import io.rillflow.internal.Database;
import io.rillflow.internal.Identifiers;
import io.rillflow.internal.TenantColumn;
import io.rillflow.projections.DeadLetter;
import io.rillflow.projections.ProjectionStatus;
import io.rillflow.projections.UnknownProjectionException;
import io.rillflow.projections.internal.DaemonReadiness;
import io.rillflow.projections.internal.ProjectionAdmin;
import io.rillflow.schema.internal.SchemaMigrator;
import io.rillflow.sql.SqlType;
import io.rillflow.tenancy.Tenants;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The store's admin: projections through the same {@link ProjectionAdmin} statements the application uses, but by
 * name from their rows rather than from registered handlers; stream aliases and raw documents by their own SQL.
 */
public final class DatabaseAdmin implements StoreAdmin {
    private final Database database;
    private final String schema;
    private final ProjectionAdmin projections;
    private final RawDocuments documents;
    private final IndexAdvisor advisor;
    private final String aliasLookup;
    private final String aliasList;
    private final String snapshotBacklog;
    /** The shipped migrations only, as the CLI sees them: readiness needs none of the application's documents. */
    private final SchemaMigrator migrations;

    /** The store's tenants when it has schema-per-tenant tenancy, else null; readiness checks each one's schema. */
    private final Tenants tenants;
    /** The tenant whose rows an export reads and an import writes, in a conjoined schema. */
    private final TenantColumn tenant;

    private final Supplier<DaemonReadiness> daemon;

    /**
     * Created by the store over its database, schema, projection admin and tenants (null for a store without
     * schema-per-tenant tenancy, and for a tenant's store, whose readiness is its own schema's).
     *
     * @param tenant the tenant whose documents the raw document reads and writes touch, and whose stream aliases are
     *     listed, in a conjoined schema, else {@link TenantColumn#NONE}
     * @param daemon the state of the store's projection daemon for readiness, null for a store that runs none
     */
    public DatabaseAdmin(
            Database database,
            String schema,
            TenantColumn tenant,
            ProjectionAdmin projections,
            Tenants tenants,
            Supplier<DaemonReadiness> daemon) {
        this.database = database;
        this.daemon = daemon;
        this.schema = schema;
        this.tenants = tenants;
        this.tenant = tenant;
        this.projections = projections;
        this.documents = new RawDocuments(database, schema, tenant);
        this.advisor = new IndexAdvisor(database, schema, tenant.present());
        this.migrations = new SchemaMigrator(database, schema, List.of());
        String s = Identifiers.quote(schema);
        this.aliasLookup =
                "select stream_id from " + s + ".rf_stream_aliases where " + tenant.andPrefix() + "alias = ?";
        // A stream's version is its last event's stream_seq: the primary key's index answers it.
        this.aliasList = "select a.alias, a.stream_id, coalesce((select max(e.stream_seq) from " + s
                + ".rf_events e where " + (tenant.present() ? "e.tenant_id = a.tenant_id and " : "")
                + "e.stream_id = a.stream_id), 0), a.created_at from " + s
                + ".rf_stream_aliases a where " + (tenant.present() ? tenant.predicate("a") + " and " : "")
                + "starts_with(a.alias, ?) order by a.alias limit ?";
        // As the snapshotter's candidate query, without the shape: a stream's version is its last event's stream_seq.
        this.snapshotBacklog = "select s.type, count(*), count(*) filter (where g.gap >= ?), max(g.gap) from " + s
                + ".rf_streams s cross join lateral (select e.stream_seq - coalesce((select n.stream_version from " + s
                + ".rf_snapshots n where n.stream_id = s.id and n.aggregate_type = s.type), 0) as gap from " + s
                + ".rf_events e where e.stream_id = s.id order by e.stream_seq desc limit 1) g"
                + " where s.type is not null group by s.type order by s.type";
    }

    @Override
    public List<String> projectionNames() {
        return projections.storedNames();
    }

    @Override
    public List<DaemonNode> daemonNodes() {
        String sql = "select node_id, seen_at from " + Identifiers.quote(schema) + ".rf_daemon_nodes"
                + " order by seen_at desc, node_id";
        return database.withConnection(sql, c -> {
            List<DaemonNode> nodes = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(sql);
                    ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    nodes.add(new DaemonNode(
                            rs.getString(1),
                            rs.getObject(2, OffsetDateTime.class).toInstant()));
                }
            }
            return nodes;
        });
    }

    @Override
    public ProjectionStatus projectionStatus(String name) {
        requireProjection(name);
        return projections.status(name, List.of());
    }

    @Override
    public void pauseProjection(String name) {
        requireProjection(name);
        projections.setPaused(name, true);
    }

    @Override
    public void resumeProjection(String name) {
        requireProjection(name);
        projections.setPaused(name, false);
    }

    @Override
    public void resetProjectionCheckpoint(String name, long position) {
        requireProjection(name);
        projections.resetCheckpoint(name, position);
    }

    @Override
    public void requestProjectionRebuild(String name) {
        requireProjection(name);
        projections.requestRebuild(name);
    }

    @Override
    public boolean cancelProjectionRebuild(String name) {
        requireProjection(name);
        return projections.cancelRebuild(name);
    }

    @Override
    public Optional<Instant> projectionRebuildRequestedAt(String name) {
        requireProjection(name);
        return Optional.ofNullable(projections.rebuildRequestedAt(name));
    }

    @Override
    public List<DeadLetter> deadLetters(String name, int limit) {
        requirePositive(limit);
        requireProjection(name);
        return projections.deadLetters(name, limit);
    }

    @Override
    public boolean deleteDeadLetter(String name, long globalSeq) {
        requireProjection(name);
        return projections.deleteDeadLetter(name, globalSeq);
    }

    @Override
    public Optional<UUID> streamAlias(String alias) {
        return database.withConnection(aliasLookup, c -> {
            try (PreparedStatement p = c.prepareStatement(aliasLookup)) {
                p.setString(1, alias);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<StreamAlias> streamAliases(String prefix, int limit) {
        requirePositive(limit);
        return database.withConnection(aliasList, c -> {
            try (PreparedStatement p = c.prepareStatement(aliasList)) {
                p.setString(1, prefix);
                p.setInt(2, limit);
                List<StreamAlias> aliases = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        aliases.add(new StreamAlias(
                                rs.getString(1),
                                rs.getObject(2, UUID.class),
                                rs.getLong(3),
                                rs.getObject(4, OffsetDateTime.class).toInstant()));
                    }
                }
                return aliases;
            }
        });
    }

    @Override
    public List<String> documentNames() {
        return documents.names();
    }

    @Override
    public Optional<RawDocument> document(String name, String id) {
        return documents.get(name, id);
    }

    @Override
    public boolean softDeleteDocument(String name, String id) {
        return documents.setDeleted(name, id, true);
    }

    @Override
    public boolean restoreDocument(String name, String id) {
        return documents.setDeleted(name, id, false);
    }

    @Override
    public IndexAdvice adviseIndex(String document, String field, IndexDefinition.Kind kind, SqlType type) {
        return advisor.advise(document, field, requireFilterKind(kind, true), type);
    }

    @Override
    public ExplainedQuery explainFilter(
            String document, String field, IndexDefinition.Kind kind, SqlType type, String value) {
        if (value == null) {
            throw new IllegalArgumentException("A filter to explain needs a value to compare the field with");
        }
        return advisor.explain(document, field, requireFilterKind(kind, false), type, value);
    }

    private static IndexDefinition.Kind requireFilterKind(IndexDefinition.Kind kind, boolean nullable) {
        if ((kind == null && !nullable) || kind == IndexDefinition.Kind.FULL_TEXT) {
            throw new IllegalArgumentException(
                    "Index advice and filters are for BTREE or GIN indexes, not " + kind + " (full text is @FullText)");
        }
        return kind;
    }

    @Override
    public List<SnapshotBacklog> snapshotBacklog(long threshold) {
        if (threshold < 1) {
            throw new IllegalArgumentException("The snapshot threshold must be 1 or more, was " + threshold);
        }
        return database.withConnection(snapshotBacklog, c -> {
            try (PreparedStatement p = c.prepareStatement(snapshotBacklog)) {
                p.setLong(1, threshold);
                List<SnapshotBacklog> backlog = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        backlog.add(new SnapshotBacklog(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                    }
                }
                return backlog;
            }
        });
    }

    private void requireProjection(String name) {
        List<String> names = projections.storedNames();
        if (!names.contains(name)) {
            throw new UnknownProjectionException("No projection named \"" + name + "\" in this schema; "
                    + (names.isEmpty() ? "there are none" : "the projections are " + String.join(", ", names)));
        }
    }

    private static void requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("The limit must be 1 or more, was " + limit);
        }
    }

    @Override
    public AdminServer serve(int port) {
        return serve(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), null);
    }

    @Override
    public AdminServer serve(InetSocketAddress bind, String token) {
        return AdminHttpServer.start(
                bind,
                token,
                new Readiness(database, migrations, tenants, daemon),
                PrometheusScrape.of(database.metrics().registry()));
    }

    @Override
    public ArchiveReport export(Path file, boolean includeSnapshots) {
        return new SchemaExport(database, schema, tenant)
                .export(Objects.requireNonNull(file, "file"), includeSnapshots);
    }

    @Override
    public ArchiveReport importFrom(Path file) {
        return new SchemaImport(database, schema, tenant).importFrom(Objects.requireNonNull(file, "file"));
    }
}
