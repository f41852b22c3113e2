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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Applies the versioned migrations and the participants' DDL to one schema, under an advisory lock. */
public final class SchemaMigrator implements SchemaManager {
    private final Database database;
    private final String schema;
    private final String quotedSchema;
    private final List<Migration> shipped;
    private final List<SchemaParticipant> participants;

    /** Created by the store; use {@code store.schema()}. */
    public SchemaMigrator(Database database, String schema, List<SchemaParticipant> participants) {
        this.database = database;
        this.participants = List.copyOf(participants);
        this.schema = Identifiers.requireSqlName("schema", schema);
        this.quotedSchema = Identifiers.quote(schema);
        this.shipped = MigrationCatalog.load(SchemaManager.class.getClassLoader(), quotedSchema);
    }

    @Override
    public String schema() {
        return schema;
    }

    @Override
    public List<Migration> migrations() {
        return shipped;
    }

    @Override
    public SchemaPlan plan() {
        String sql = "select version, name, checksum, applied_at from " + migrationsTable();
        return database.withConnection(sql, c -> new SchemaPlan(schema, pending(applied(c)), declared(c)));
    }

    @Override
    public SchemaPlan sync() {
        return database.inTransaction("schema sync of " + schema, c -> {
            try (Statement s = c.createStatement()) {
                // hashtextextended over the schema name: one lock per schema, shared by every node.
                s.execute("select pg_advisory_xact_lock(hashtextextended('rillflow:migrate:" + schema + "', 0))");
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
            List<String> declared = declared(c);
            try (Statement s = c.createStatement()) {
                for (String ddl : declared) {
                    s.execute(ddl);
                }
            }
            return new SchemaPlan(schema, pending, declared);
        });
    }

    @Override
    public List<AppliedMigration> applied() {
        return database.withConnection(
                "select from " + migrationsTable(), c -> List.copyOf(applied(c).values()));
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

    private List<String> declared(Connection c) throws SQLException {
        List<String> ddl = new ArrayList<>();
        for (SchemaParticipant participant : participants) {
            ddl.addAll(participant.pendingDdl(c));
        }
        return ddl;
    }

    private List<Migration> pending(Map<Integer, AppliedMigration> applied) {
        List<Migration> pending = new ArrayList<>();
        for (Migration migration : shipped) {
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
