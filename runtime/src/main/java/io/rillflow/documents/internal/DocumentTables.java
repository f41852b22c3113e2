package io.rillflow.documents.internal;

import io.rillflow.InvalidIdentifierException;
import io.rillflow.SchemaDriftException;
import io.rillflow.documents.DocumentCollection;
import io.rillflow.documents.DocumentDefinition;
import io.rillflow.documents.IndexDefinition;
import io.rillflow.internal.Database;
import io.rillflow.internal.JsonCodec;
import io.rillflow.internal.TablePartitions;
import io.rillflow.internal.TenantColumn;
import io.rillflow.schema.internal.SchemaParticipant;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The document collections of one store. Each document name maps to one table, created the first time it is used
 * and checked against the id type it was created with. Obtain collections through {@code Store.documents(...)}.
 */
public final class DocumentTables implements SchemaParticipant {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    private final Database database;
    private final String schema;
    private final TenantColumn tenant;
    /** What {@link #eventTenant()} returns, made once so that no call allocates. */
    private final Optional<String> eventTenant;

    private final JsonCodec json;
    private final Map<String, DocumentCollection<?, ?>> collections = new ConcurrentHashMap<>();
    private final Map<Class<?>, DocumentDefinition<?, ?>> declared = new LinkedHashMap<>();

    /**
     * Created by the store with the document types its registries declare.
     *
     * @param tenant the tenant whose rows the collections read and write in a conjoined schema, else
     *     {@link TenantColumn#NONE}
     * @param schemaTenant the tenant whose schema {@code schema} is, with a schema per tenant; else null
     */
    public DocumentTables(
            Database database,
            String schema,
            TenantColumn tenant,
            String schemaTenant,
            JsonCodec json,
            List<DocumentDefinition<?, ?>> declared) {
        this.database = database;
        this.schema = schema;
        this.tenant = tenant;
        this.eventTenant = tenant.present()
                ? (tenant.equals(TenantColumn.DEFAULT) ? Optional.empty() : Optional.of(tenant.tenant()))
                : Optional.ofNullable(schemaTenant);
        this.json = json;
        Map<String, DocumentDefinition<?, ?>> byName = new LinkedHashMap<>();
        for (DocumentDefinition<?, ?> definition : declared) {
            requireName(definition.name());
            DocumentDefinition<?, ?> clash = byName.put(definition.name(), definition);
            if (clash != null && !clash.type().equals(definition.type())) {
                throw new IllegalArgumentException("Document name \"" + definition.name() + "\" is declared by both "
                        + clash.type().getName() + " and " + definition.type().getName());
            }
            this.declared.put(definition.type(), definition);
        }
        HistoryTable.requireOwnTables(byName);
    }

    /** The tenant whose rows these tables read and write in a conjoined schema, else {@link TenantColumn#NONE}. */
    public TenantColumn tenant() {
        return tenant;
    }

    /**
     * The tenant these tables belong to as {@code ProjectionContext.tenant()} tells it: the conjoined tenant (none for
     * the default tenant), or the tenant whose schema they are in.
     */
    public Optional<String> eventTenant() {
        return eventTenant;
    }

    /** The declared definition of {@code type}, from a generated registry. */
    @SuppressWarnings("unchecked")
    public <T> Optional<DocumentDefinition<T, ?>> declared(Class<T> type) {
        return Optional.ofNullable((DocumentDefinition<T, ?>) declared.get(type));
    }

    @Override
    public SchemaParticipant.Changes pendingChanges(Connection connection) throws SQLException {
        SchemaParticipant.Changes changes = SchemaParticipant.Changes.NONE;
        for (DocumentDefinition<?, ?> definition : declared.values()) {
            DocumentStatements sql = statements(definition);
            if (IndexCatalog.exists(connection, sql.table())) {
                List<String> columns = new ArrayList<>(ActorColumns.missing(connection, sql.table()));
                // Before the index changes: the unique indexes are rebuilt on the new column.
                columns.addAll(TenantKey.missing(connection, sql.table(), tenant));
                changes = changes.plus(new SchemaParticipant.Changes(columns, List.of(), List.of()));
            }
            changes = changes.plus(new IndexSync(definition, sql).changes(connection))
                    .plus(historyTable(definition, sql).changes(connection, definition.history()));
        }
        return changes;
    }

    @Override
    public List<String> declaredNames() {
        List<String> names = new ArrayList<>();
        for (DocumentDefinition<?, ?> definition : declared.values()) {
            names.add("rf_doc_" + definition.name());
            names.add(DocumentStatements.dataIndexName(definition.name()));
            if (definition.history()) {
                names.add(HistoryTable.tableName(definition.name()));
            }
            definition.indexes().forEach(index -> names.add(index.indexName(definition.name())));
        }
        return names;
    }

    private static HistoryTable historyTable(DocumentDefinition<?, ?> definition, DocumentStatements sql) {
        return new HistoryTable(sql, IdKind.of(definition.idType()).columnType());
    }

    private DocumentStatements statements(DocumentDefinition<?, ?> definition) {
        return new DocumentStatements(
                schema, definition.name(), IdKind.of(definition.idType()).columnType(), tenant);
    }

    /** The default document name of a type: its simple name in snake case ({@code OrderLine} → {@code order_line}). */
    public static String defaultName(Class<?> type) {
        return type.getSimpleName()
                .replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                .replaceAll("([A-Z])([A-Z][a-z])", "$1_$2")
                .toLowerCase(Locale.ROOT);
    }

    /** The collection for {@code name}, creating its table on first use. */
    public <T, I> DocumentCollection<T, I> collection(Class<T> type, Class<I> requestedIdType, String name) {
        requireName(name);
        Class<I> idType = boxed(requestedIdType);
        DocumentDefinition<T, ?> known = declared(type).orElse(null);
        boolean same =
                known != null && known.name().equals(name) && known.idType().equals(idType);
        List<IndexDefinition> indexes = same ? known.indexes() : List.of();
        return collection(new DocumentDefinition<>(name, type, idType, null, indexes, same && known.history()));
    }

    /**
     * The collection of a declared document, creating its table and indexes on first use. The indexes of a table that
     * exists already are left as they are: schema sync compares and rebuilds them.
     */
    @SuppressWarnings("unchecked")
    public <T, I> DocumentCollection<T, I> collection(DocumentDefinition<T, I> requested) {
        DocumentDefinition<T, I> definition = requested.idType() == long.class
                ? new DocumentDefinition<>(
                        requested.name(),
                        requested.type(),
                        boxed(requested.idType()),
                        requested.idAccessor(),
                        requested.indexes(),
                        requested.history())
                : requested;
        String name = definition.name();
        Class<T> type = definition.type();
        Class<I> idType = definition.idType();
        requireName(name);
        IdKind idKind = IdKind.of(idType);
        DocumentCollection<?, ?> existing = collections.computeIfAbsent(name, n -> open(definition, idKind));
        if (!existing.documentType().equals(type) || !existing.idType().equals(idType)) {
            throw new IllegalArgumentException("Document name \"" + name + "\" is already used for "
                    + existing.documentType().getName() + " with "
                    + existing.idType().getSimpleName()
                    + " ids; pick another name for " + type.getName());
        }
        return (DocumentCollection<T, I>) existing;
    }

    /** {@code long.class} asks for Long ids: one class per id kind, so id checks and name reuse checks agree. */
    @SuppressWarnings("unchecked")
    private static <I> Class<I> boxed(Class<I> idType) {
        return idType == long.class ? (Class<I>) Long.class : idType;
    }

    private <T, I> DocumentCollection<T, I> open(DocumentDefinition<T, I> definition, IdKind idKind) {
        String name = definition.name();
        Class<T> type = definition.type();
        Class<I> idType = definition.idType();
        DocumentStatements sql = new DocumentStatements(schema, name, idKind.columnType(), tenant);
        HistoryTable history = definition.history() ? new HistoryTable(sql, idKind.columnType()) : null;
        database.inTransaction(sql.createTable(), c -> {
            try (Statement s = c.createStatement()) {
                // Serializes concurrent first uses: CREATE ... IF NOT EXISTS alone can still collide in the catalog.
                s.execute("select pg_advisory_xact_lock(hashtextextended('rillflow:doc:" + schema + "." + name
                        + "', 0))");
                // An existing table's indexes are schema sync's to change: it builds them without blocking writers.
                if (!IndexCatalog.exists(c, sql.table())) {
                    for (String ddl : new IndexSync(definition, sql).createTable()) {
                        s.execute(ddl);
                    }
                }
                // A table from before the actor columns gets them, whether or not schema sync ran.
                for (String ddl : ActorColumns.missing(c, sql.table())) {
                    s.execute(ddl);
                }
                // So does a single-tenant table opened by a conjoined store; its unique indexes wait for schema sync.
                for (String ddl : TenantKey.missing(c, sql.table(), tenant)) {
                    s.execute(ddl);
                }
            }
            // Statements without the tenant filter would read and overwrite every tenant's rows of a conjoined table.
            if (!tenant.present() && TenantKey.has(c, sql.table())) {
                throw new SchemaDriftException("Table " + sql.table() + " is conjoined (it has a tenant_id column):"
                        + " build the store with .tenancy(TenancyStrategy.conjoined()) to use its documents");
            }
            if (history != null) {
                history.ensure(c);
            }
            // A table declared after tenants got partitions of their own gets theirs now (its triggers moved along).
            if (tenant.present()) {
                new TablePartitions(schema).partitionDeclared(c, "rf_doc_" + name);
            }
            try (PreparedStatement p = c.prepareStatement("select format_type(a.atttypid, a.atttypmod)"
                    + " from pg_attribute a where a.attrelid = ?::regclass and a.attname = 'id'")) {
                p.setString(1, sql.table());
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    String actual = rs.getString(1);
                    if (!idKind.columnType().equals(actual)) {
                        throw new SchemaDriftException("Table " + sql.table() + " has ids of type " + actual
                                + " but " + type.getName() + " asks for " + idType.getSimpleName() + " ids ("
                                + idKind.columnType() + ")");
                    }
                }
            }
            return null;
        });
        return new TableCollection<>(
                database,
                json,
                sql,
                type,
                idType,
                idKind,
                definition.indexes(),
                new DocumentHistory<>(database, json, type, idKind, name, history));
    }

    private static void requireName(String name) {
        if (name == null
                || name.length() > DocumentStatements.MAX_NAME
                || !NAME.matcher(name).matches()) {
            throw new InvalidIdentifierException("Invalid document name \"" + name + "\": use lower-case letters,"
                    + " digits and underscores, starting with a letter, at most " + DocumentStatements.MAX_NAME
                    + " characters");
        }
    }

    /**
     * The DDL creating the table of document {@code name}, with ids of SQL type {@code idColumnType}, when it is
     * missing: for an import, which knows tables by name and id type only; in a conjoined schema ({@code tenant}
     * present) the tenant column leads the key, as in a table the store creates.
     *
     * @throws InvalidIdentifierException if {@code name} is not a valid document name
     */
    public static String createTableDdl(String schema, String name, String idColumnType, TenantColumn tenant) {
        requireName(name);
        return new DocumentStatements(schema, name, idColumnType, tenant).createTable();
    }
}
