package io.rillflow.tenancy.internal;

import io.rillflow.RillflowException;
import io.rillflow.Store;
import io.rillflow.TenantNotFoundException;
import io.rillflow.archive.ArchiveReport;
import io.rillflow.archive.internal.SchemaExport;
import io.rillflow.archive.internal.SchemaImport;
import io.rillflow.internal.Database;
import io.rillflow.internal.Identifiers;
import io.rillflow.internal.SchemaGuard;
import io.rillflow.internal.TablePartitions;
import io.rillflow.internal.TenantColumn;
import io.rillflow.schema.SchemaManager;
import io.rillflow.schema.SchemaPlan;
import io.rillflow.tenancy.TenancyStrategy;
import io.rillflow.tenancy.TenantStatus;
import io.rillflow.tenancy.TenantSyncProgress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The tenants of a conjoined store: rows of {@code rf_tenants} in the store's one schema, whose tables all carry the
 * tenant column. Provisioning a tenant is one insert, since the tables are shared; dropping one deletes its rows from
 * every table with a tenant column. Tenants this store provisioned or found are cached until it drops them.
 */
public final class ConjoinedTenants implements TenantViews {
    private final Database database;
    private final String schema;
    private final String tenantsTable;
    private final String droppedTable;
    private final TenancyStrategy.Conjoined strategy;
    private final SchemaManager schemaManager;
    private final Function<String, Store> viewFactory;
    private final Map<String, Store> views = new ConcurrentHashMap<>();
    private final ProvisionedTenants provisioned;
    private final TenantPartitions partitions;

    /**
     * @param schemaManager the migrations of the store's schema, which every tenant shares
     * @param viewFactory makes the store of a tenant, given its id; called once per tenant
     */
    public ConjoinedTenants(
            Database database,
            String schema,
            TenancyStrategy.Conjoined strategy,
            SchemaManager schemaManager,
            Function<String, Store> viewFactory) {
        this.database = Objects.requireNonNull(database, "database");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.tenantsTable = Identifiers.quote(schema) + ".rf_tenants";
        this.droppedTable = Identifiers.quote(schema) + ".rf_dropped_tenants";
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.schemaManager = Objects.requireNonNull(schemaManager, "schemaManager");
        this.viewFactory = Objects.requireNonNull(viewFactory, "viewFactory");
        this.partitions = new TenantPartitions(database, schema);
        this.provisioned = new ProvisionedTenants(database, tenantsTable);
    }

    /**
     * What the store of {@code tenant} checks before each call: that the tenant was not dropped since. A map lookup,
     * no round trip; a drop by another store is seen within about a second ({@link ProvisionedTenants}).
     */
    public SchemaGuard guard(String tenant) {
        return new SchemaGuard() {
            @Override
            public RillflowException beforeCall() {
                return provisioned.contains(tenant) ? null : new TenantNotFoundException(tenant);
            }

            @Override
            public RillflowException gone(SQLException e) {
                return null;
            }
        };
    }

    @Override
    public Store view(String tenant) {
        return view(tenant, strategy.autoProvision());
    }

    /**
     * The store of {@code tenant}, for applying the events the tenant appended: never provisioning it, even with
     * auto-provisioning, since a tenant with events was provisioned, and one not provisioned now was dropped (its events
     * with it) while the caller read them.
     *
     * @throws TenantNotFoundException if the tenant is not provisioned
     */
    public Store viewOfAppender(String tenant) {
        return view(tenant, false);
    }

    private Store view(String tenant, boolean provision) {
        strategy.requireTenant(tenant);
        if (!provisioned.contains(tenant)) {
            if (provision) {
                ensure(tenant);
            } else if (exists(tenant)) {
                provisioned.add(tenant);
            } else {
                throw new TenantNotFoundException(tenant);
            }
        }
        return views.computeIfAbsent(tenant, viewFactory);
    }

    @Override
    public boolean ensure(String tenant) {
        strategy.requireTenant(tenant);
        if (provisioned.contains(tenant)) {
            return false;
        }
        String sql = "insert into " + tenantsTable + " (tenant_id) values (?) on conflict do nothing";
        boolean created = Database.retryingDeadlocks(() -> database.inTransaction(sql, c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                p.setString(1, tenant);
                if (p.executeUpdate() == 0) {
                    return false;
                }
            }
            // An id dropped before may have left rows: those a store of another node wrote in the moment before it
            // saw the drop. A tenant starts empty, so they go now.
            if (wasDropped(c, tenant)) {
                deleteRows(c, tenant, false);
            }
            return true;
        }));
        provisioned.add(tenant);
        return created;
    }

    @Override
    public boolean exists(String tenant) {
        strategy.requireTenant(tenant);
        String sql = "select exists (select 1 from " + tenantsTable + " where tenant_id = ?)";
        return database.withConnection(sql, c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                p.setString(1, tenant);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        });
    }

    @Override
    public List<String> list() {
        String sql = "select tenant_id from " + tenantsTable + " order by 1";
        return database.withConnection(sql, c -> {
            List<String> tenants = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(sql);
                    ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    tenants.add(rs.getString(1));
                }
            }
            return tenants;
        });
    }

    /** The status of the schema all tenants share, once the tenant is found. */
    @Override
    public TenantStatus status(String tenant) {
        if (!exists(tenant)) {
            throw new TenantNotFoundException(tenant);
        }
        return new TenantStatus(
                tenant, schemaManager.status(), partitions.partitioned().contains(tenant));
    }

    /** Syncs the one schema all tenants share; each tenant is reported with the same plan. */
    @Override
    public Map<String, SchemaPlan> sync(Consumer<TenantSyncProgress> progress) {
        Objects.requireNonNull(progress, "progress");
        SchemaPlan plan = schemaManager.sync();
        List<String> tenants = list();
        Map<String, SchemaPlan> applied = new LinkedHashMap<>();
        for (String tenant : tenants) {
            applied.put(tenant, plan);
            provisioned.add(tenant);
            progress.accept(new TenantSyncProgress(tenant, applied.size(), tenants.size(), plan));
        }
        return applied;
    }

    /** Moves the tenant's events into a partition of their own; see {@link TenantPartitions}. */
    @Override
    public boolean partition(String tenant) {
        strategy.requireTenant(tenant);
        return partitions.partition(tenant, tenantsTable);
    }

    @Override
    public List<String> partitioned() {
        return partitions.partitioned();
    }

    /**
     * Deletes the tenant's rows from every table of the schema with a tenant column, and the tenant, in one
     * transaction. A partition of its own is dropped whole, at the end. History tables go last of the deletes, so the
     * rows their triggers record for the deletes go too.
     *
     * @param confirmSchema for a conjoined store, the tenant id itself
     */
    @Override
    public boolean drop(String tenant, String confirmSchema) {
        strategy.requireTenant(tenant);
        if (!tenant.equals(confirmSchema)) {
            throw new IllegalArgumentException("Refusing to drop tenant \"" + tenant + "\": dropping deletes all its"
                    + " rows from the conjoined schema \"" + schema + "\" for good; confirm by passing the tenant id as"
                    + " confirmSchema (it was " + (confirmSchema == null ? "null" : "\"" + confirmSchema + "\"") + ")");
        }
        provisioned.remove(tenant);
        views.remove(tenant);
        return Database.retryingDeadlocks(() -> database.inTransaction("drop tenant " + tenant, c -> {
            // A partition's rows go with it, dropped last: dropping a partition takes the exclusive lock of
            // rf_events, which every tenant's appends then wait for until this transaction ends.
            deleteRows(c, tenant, partitions.partitioned(c).contains(tenant));
            boolean existed;
            try (PreparedStatement p = c.prepareStatement("delete from " + tenantsTable + " where tenant_id = ?")) {
                p.setString(1, tenant);
                existed = p.executeUpdate() == 1;
            }
            try (PreparedStatement p = c.prepareStatement("insert into " + droppedTable + " (tenant_id) values (?)"
                    + " on conflict (tenant_id) do update set dropped_at = now()")) {
                p.setString(1, tenant);
                p.executeUpdate();
            }
            // Read again: a partition a concurrent partition() made before this transaction deleted the tenant's
            // events is found now, emptied by the delete above.
            partitions.dropPartition(c, tenant);
            return existed;
        }));
    }

    /** The tenant's rows of every table, in the format of a schema's export. */
    @Override
    public ArchiveReport export(String tenant, Path file, boolean includeSnapshots) {
        return new SchemaExport(database, schema, provisioned(tenant)).export(file, includeSnapshots);
    }

    /**
     * Imports into the tenant's rows, which must be none; its events take new global positions (see
     * {@code StoreAdmin.importFrom}).
     */
    @Override
    public ArchiveReport importFrom(String tenant, Path file) {
        return new SchemaImport(database, schema, provisioned(tenant)).importFrom(file);
    }

    /** The tenant column of {@code tenant}, which must be provisioned: an export or import never provisions one. */
    private TenantColumn provisioned(String tenant) {
        strategy.requireTenant(tenant);
        if (!exists(tenant)) {
            throw new TenantNotFoundException(tenant);
        }
        return new TenantColumn(tenant);
    }

    /** Whether {@code tenant} was dropped before, forgetting that it was. */
    private boolean wasDropped(Connection c, String tenant) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("delete from " + droppedTable + " where tenant_id = ?")) {
            p.setString(1, tenant);
            return p.executeUpdate() == 1;
        }
    }

    /** Deletes the tenant's rows of every table with a tenant column, but its own partition of rf_events if asked. */
    private void deleteRows(Connection c, String tenant, boolean keepEventsPartition) throws SQLException {
        List<String> deletes = new ArrayList<>();
        for (String table : tenantTables(c)) {
            if (!(keepEventsPartition && table.equals(TenantPartitions.PARENT))) {
                deletes.add("delete from " + Identifiers.quote(schema) + "." + Identifiers.quote(table) + " where "
                        + new TenantColumn(tenant).predicate());
            }
        }
        try (Statement s = c.createStatement()) {
            // One round trip for all of them, in order (history tables last).
            s.execute(String.join(";\n", deletes));
        }
    }

    private List<String> tenantTables(Connection c) throws SQLException {
        String sql = "select c.relname from pg_attribute a join pg_class c on c.oid = a.attrelid"
                + " join pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname = ? and a.attname = ? and not a.attisdropped and c.relkind in ('r', 'p')"
                + " and not c.relispartition and c.relname not in ('rf_tenants', 'rf_dropped_tenants') order by 1";
        List<String> tables = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, schema);
            p.setString(2, TenantColumn.NAME);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
        }
        // In the order a partition() locks them, so that the two wait for each other rather than deadlock; history
        // tables last, so the rows their triggers record for the deletes go too.
        tables.sort(Comparator.comparingInt(TablePartitions::lockRank));
        return tables;
    }
}
