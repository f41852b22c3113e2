package io.rillflow.schema.internal;

import io.rillflow.SchemaDriftException;
import io.rillflow.internal.Database;
import io.rillflow.internal.Identifiers;
import io.rillflow.schema.AppliedMigration;
import io.rillflow.schema.Migration;
import io.rillflow.schema.SchemaManager;
import io.rillflow.schema.SchemaPlan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies the versioned migrations and the participants' DDL to one schema, under a session advisory lock held across
 * the migration transaction and the online index builds that follow it.
 */
public final class SchemaMigrator implements SchemaManager {
    private final Database database;
    private final String schema;
    private final String quotedSchema;
    private final List<Migration> shipped;
    private final List<Migration> conjoinedShipped;
    /** Whether the schema is conjoined; null to take it from the migrations the schema applied (admin tools). */
    private final Boolean conjoined;

    private final List<SchemaParticipant> participants;

    /**
     * A migrator for admin tools that do not know the store's tenancy: a schema that applied the conjoined migrations
     * is migrated as conjoined, any other as single.
     */
    public SchemaMigrator(Database database, String schema, List<SchemaParticipant> participants) {
        this(database, schema, participants, null);
    }

    /**
     * Created by the store; use {@code store.schema()}.
     *
     * @param conjoined whether the store is conjoined (its tables get a tenant column), null to go by the schema
     */
    public SchemaMigrator(Database database, String schema, List<SchemaParticipant> participants, Boolean conjoined) {
        this.database = database;
        this.participants = List.copyOf(participants);
        this.schema = Identifiers.requireSqlName("schema", schema);
        this.quotedSchema = Identifiers.quote(schema);
        this.conjoined = conjoined;
        this.shipped = MigrationCatalog.load(SchemaManager.class.getClassLoader(), quotedSchema, false);
        this.conjoinedShipped = MigrationCatalog.load(SchemaManager.class.getClassLoader(), quotedSchema, true);
    }

    @Override
    public String schema() {
        return schema;
    }

    @Override
    public List<Migration> migrations() {
        return Boolean.TRUE.equals(conjoined) ? conjoinedShipped : shipped;
    }

    @Override
    public SchemaPlan plan() {
        String sql = "select version, name, checksum, applied_at from " + migrationsTable();
        return database.withConnection(sql, c -> plan(pending(applied(c)), declared(c)));
    }

    @Override
    public SchemaPlan sync() {
        return database.withoutTimeouts(
                "schema sync of " + schema,
                c -> SchemaLock.holding(c, lockKey(), locked -> {
                    Migrated migrated = Database.inTransactionOn(locked, this::migrate);
                    for (SchemaParticipant.OnlineChange change :
                            migrated.declared().online()) {
                        change.apply(locked);
                    }
                    return plan(migrated.applied(), migrated.declared());
                }));
    }

    @Override
    public List<String> dropUndeclaredIndexes() {
        String sql = "drop undeclared indexes of " + schema;
        return database.withoutTimeouts(
                sql,
                c -> SchemaLock.holding(c, lockKey(), locked -> {
                    List<String> undeclared = declared(locked).undeclaredIndexes();
                    try (Statement s = locked.createStatement()) {
                        for (String index : undeclared) {
                            s.execute("drop index concurrently if exists " + quotedSchema + "."
                                    + Identifiers.quote(index));
                        }
                    }
                    return undeclared;
                }));
    }

    /**
     * Drops the schema with everything in it, under the lock a sync holds, so a drop and a sync of the same schema never
     * interleave (a tenant is never half re-created).
     *
     * @return whether the schema existed
     */
    public boolean dropSchema() {
        return database.withoutTimeouts(
                "drop schema " + schema,
                c -> SchemaLock.holding(c, lockKey(), locked -> {
                    boolean existed;
                    try (PreparedStatement p = locked.prepareStatement("select to_regnamespace(?) is not null")) {
                        p.setString(1, quotedSchema);
                        try (ResultSet rs = p.executeQuery()) {
                            rs.next();
                            existed = rs.getBoolean(1);
                        }
                    }
                    try (Statement s = locked.createStatement()) {
                        s.execute("drop schema if exists " + quotedSchema + " cascade");
                    }
                    return existed;
                }));
    }

    @Override
    public List<AppliedMigration> applied() {
        return database.withConnection(
                "select from " + migrationsTable(), c -> List.copyOf(applied(c).values()));
    }

    @Override
    public boolean isConjoined() {
        return conjoined(applied().stream().map(AppliedMigration::version).toList());
    }

    private static boolean conjoined(Collection<Integer> appliedVersions) {
        return appliedVersions.stream().anyMatch(version -> version >= MigrationCatalog.FIRST_CONJOINED);
    }

    private String migrationsTable() {
        return quotedSchema + ".rf_migrations";
    }

    private Map<Integer, AppliedMigration> applied(Connection c) throws SQLException {
        Map<Integer, AppliedMigration> applied = new LinkedHashMap<>();
        try (PreparedStatement exists = c.prepareStatement("select to_regclass(?)")) {
            exists.setString(1, migrationsTable());
            try (ResultSet rs = exists.executeQuery()) {
                rs.next();
                if (rs.getString(1) == null) {
                    return applied;
                }
            }
        }
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "select version, name, checksum, applied_at from " + migrationsTable() + " order by version")) {
            while (rs.next()) {
                applied.put(
                        rs.getInt(1),
                        new AppliedMigration(
                                rs.getInt(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getTimestamp(4).toInstant()));
            }
        }
        return applied;
    }

    /** The migrations a sync applied, and the declared-type changes it found after them. */
    private record Migrated(List<Migration> applied, SchemaParticipant.Changes declared) {}

    /** The transactional part of a sync: migrations, then the declared DDL that may run in a transaction. */
    private Migrated migrate(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("create schema if not exists " + quotedSchema);
            s.execute("create table if not exists " + migrationsTable() + " (version integer primary key,"
                    + " name text not null, checksum text not null,"
                    + " applied_at timestamptz not null default now(), execution_ms bigint not null)");
        }
        List<Migration> pending = pending(applied(c));
        for (Migration migration : pending) {
            long started = System.nanoTime();
            try (Statement s = c.createStatement()) {
                s.execute(migration.sql());
            }
            try (PreparedStatement insert = c.prepareStatement("insert into " + migrationsTable()
                    + " (version, name, checksum, execution_ms) values (?, ?, ?, ?)")) {
                insert.setInt(1, migration.version());
                insert.setString(2, migration.name());
                insert.setString(3, migration.checksum());
                insert.setLong(4, (System.nanoTime() - started) / 1_000_000);
                insert.executeUpdate();
            }
        }
        SchemaParticipant.Changes declared = declared(c);
        try (Statement s = c.createStatement()) {
            for (String ddl : declared.inTransaction()) {
                s.execute(ddl);
            }
        }
        return new Migrated(pending, declared);
    }

    private SchemaPlan plan(List<Migration> pending, SchemaParticipant.Changes declared) {
        List<String> ddl = new ArrayList<>(declared.inTransaction());
        declared.online().forEach(change -> ddl.addAll(change.statements()));
        List<String> names = new ArrayList<>();
        participants.forEach(participant -> names.addAll(participant.declaredNames()));
        return new SchemaPlan(schema, pending, names, ddl, declared.undeclaredIndexes());
    }

    private SchemaParticipant.Changes declared(Connection c) throws SQLException {
        SchemaParticipant.Changes changes = SchemaParticipant.Changes.NONE;
        for (SchemaParticipant participant : participants) {
            changes = changes.plus(participant.pendingChanges(c));
        }
        return changes;
    }

    /** One lock per schema, shared by every node (hashtextextended over the schema name). */
    private String lockKey() {
        return "rillflow:migrate:" + schema;
    }

    private List<Migration> pending(Map<Integer, AppliedMigration> applied) {
        boolean schemaConjoined = conjoined(applied.keySet());
        if (Boolean.FALSE.equals(conjoined) && schemaConjoined) {
            throw new SchemaDriftException("Schema \"" + schema + "\" is conjoined (its tables have a tenant_id"
                    + " column): build the store with .tenancy(TenancyStrategy.conjoined()); a conjoined schema cannot"
                    + " go back to single tenancy");
        }
        List<Migration> pending = new ArrayList<>();
        for (Migration migration :
                Boolean.TRUE.equals(conjoined) || (conjoined == null && schemaConjoined) ? conjoinedShipped : shipped) {
            AppliedMigration done = applied.get(migration.version());
            if (done == null) {
                pending.add(migration);
            } else if (!done.checksum().equals(migration.checksum())) {
                throw new SchemaDriftException("Migration " + String.format("%04d", migration.version()) + "_"
                        + migration.name() + " was applied to schema \"" + schema + "\" with checksum "
                        + done.checksum() + " but the shipped file now has checksum " + migration.checksum()
                        + ": applied migrations must never change; add a new migration instead");
            }
        }
        return pending;
    }
}
