package io.rillflow.tenancy.internal;

import io.rillflow.InvalidIdentifierException;
import io.rillflow.RillflowException;
import io.rillflow.Store;
import io.rillflow.TenantNotFoundException;
import io.rillflow.archive.ArchiveReport;
import io.rillflow.archive.internal.SchemaExport;
import io.rillflow.archive.internal.SchemaImport;
import io.rillflow.internal.Database;
import io.rillflow.internal.Identifiers;
import io.rillflow.schema.SchemaPlan;
import io.rillflow.schema.internal.SchemaMigrator;
import io.rillflow.tenancy.TenancyStrategy;
import io.rillflow.tenancy.TenantStatus;
import io.rillflow.tenancy.TenantSyncProgress;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tenants of a schema-per-tenant store and their views: one {@link Store} per tenant, created once and cached,
 * each a second context over the root store's pool. Which tenants exist is cached too: a tenant this store provisioned
 * or found is not asked about again until this store drops it.
 */
public final class SchemaTenants implements TenantViews {
    private final Database database;
    private final String rootSchema;
    private final TenancyStrategy.SchemaPerTenant strategy;
    private final BiFunction<String, String, Store> viewFactory;
    private final Map<String, Store> views = new ConcurrentHashMap<>();
    private final Set<String> provisioned = ConcurrentHashMap.newKeySet();
    /** One monitor per tenant, so threads of this store ensuring one tenant run its sync once, not once each. */
    private final Map<String, Object> ensuring = new ConcurrentHashMap<>();
    /** Counts this store's ensures, syncs and drops, so the projection daemon lists the tenants again at once. */
    private final AtomicLong changes = new AtomicLong();

    /**
     * @param viewFactory makes the store of a tenant, given the tenant id and its schema; called once per tenant
     */
    public SchemaTenants(
            Database database,
            String rootSchema,
            TenancyStrategy.SchemaPerTenant strategy,
            BiFunction<String, String, Store> viewFactory) {
        this.database = Objects.requireNonNull(database, "database");
        this.rootSchema = Objects.requireNonNull(rootSchema, "rootSchema");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.viewFactory = Objects.requireNonNull(viewFactory, "viewFactory");
    }

    @Override
    public Store view(String tenant) {
        String schema = schemaFor(tenant);
        if (!provisioned.contains(tenant)) {
            if (strategy.autoProvision()) {
                ensure(tenant);
            } else if (exists(tenant)) {
                provisioned.add(tenant);
            } else {
                throw new TenantNotFoundException(tenant, schema);
            }
        }
        return cachedView(tenant, schema);
    }

    @Override
    public boolean ensure(String tenant) {
        String schema = schemaFor(tenant);
        if (provisioned.contains(tenant)) {
            return false;
        }
        synchronized (ensuring.computeIfAbsent(tenant, t -> new Object())) {
            if (provisioned.contains(tenant)) {
                return false;
            }
            // Across stores and nodes the schema's advisory lock, taken by the sync, makes the others wait and then
            // find nothing pending.
            boolean changed =
                    !cachedView(tenant, schema).schema().sync().pending().isEmpty();
            provisioned.add(tenant);
            changes.incrementAndGet();
            return changed;
        }
    }

    @Override
    public boolean exists(String tenant) {
        String table = Identifiers.quote(schemaFor(tenant)) + ".rf_migrations";
        return database.withConnection("does tenant " + tenant + " exist", c -> {
            try (PreparedStatement p = c.prepareStatement("select to_regclass(?) is not null")) {
                p.setString(1, table);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        });
    }

    @Override
    public List<String> list() {
        String sql = "select n.nspname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + " where c.relname = 'rf_migrations' and c.relkind in ('r', 'p') order by 1";
        int at = strategy.schemaPattern().indexOf(TenantIds.PLACEHOLDER);
        Pattern tenantSchema =
                Pattern.compile(Pattern.quote(strategy.schemaPattern().substring(0, at))
                        + "([a-z][a-z0-9_]*)"
                        + Pattern.quote(strategy.schemaPattern().substring(at + TenantIds.PLACEHOLDER.length())));
        List<String> schemas = database.withConnection(sql, c -> {
            List<String> names = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(sql);
                    ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        });
        List<String> tenants = new ArrayList<>();
        for (String schema : schemas) {
            Matcher m = tenantSchema.matcher(schema);
            if (m.matches() && !schema.equals(rootSchema)) {
                tenants.add(m.group(1));
            }
        }
        return tenants.stream().sorted().toList();
    }

    @Override
    public TenantStatus status(String tenant) {
        String schema = schemaFor(tenant);
        if (!exists(tenant)) {
            throw new TenantNotFoundException(tenant, schema);
        }
        return new TenantStatus(tenant, cachedView(tenant, schema).schema().status());
    }

    @Override
    public Map<String, SchemaPlan> sync(Consumer<TenantSyncProgress> progress) {
        Objects.requireNonNull(progress, "progress");
        List<String> tenants = list();
        Map<String, SchemaPlan> applied = new LinkedHashMap<>();
        for (String tenant : tenants) {
            SchemaPlan plan = cachedView(tenant, schemaFor(tenant)).schema().sync();
            applied.put(tenant, plan);
            provisioned.add(tenant);
            progress.accept(new TenantSyncProgress(tenant, applied.size(), tenants.size(), plan));
        }
        changes.incrementAndGet();
        return applied;
    }

    @Override
    public boolean drop(String tenant, String confirmSchema) {
        String schema = schemaFor(tenant);
        if (!schema.equals(confirmSchema)) {
            throw new IllegalArgumentException("Refusing to drop tenant \"" + tenant + "\": dropping deletes its"
                    + " schema \"" + schema + "\" and all its data for good; confirm by passing the schema name as"
                    + " confirmSchema (it was " + (confirmSchema == null ? "null" : "\"" + confirmSchema + "\"") + ")");
        }
        synchronized (ensuring.computeIfAbsent(tenant, t -> new Object())) {
            provisioned.remove(tenant);
            views.remove(tenant);
            try {
                return new SchemaMigrator(database, schema, List.of()).dropSchema();
            } finally {
                // Again: a projection daemon listing the tenants meanwhile may have found the schema still there.
                provisioned.remove(tenant);
                views.remove(tenant);
                changes.incrementAndGet();
            }
        }
    }

    /** A number that changes whenever this store ensures, syncs or drops a tenant. */
    public long changes() {
        return changes.get();
    }

    @Override
    public ArchiveReport export(String tenant, Path file, boolean includeSnapshots) {
        Objects.requireNonNull(file, "file");
        return new SchemaExport(database, existing(tenant)).export(file, includeSnapshots);
    }

    @Override
    public ArchiveReport importFrom(String tenant, Path file) {
        Objects.requireNonNull(file, "file");
        return new SchemaImport(database, existing(tenant)).importFrom(file);
    }

    /** The schema of {@code tenant}, which must be provisioned: an export or import never provisions one. */
    private String existing(String tenant) {
        String schema = schemaFor(tenant);
        if (!exists(tenant)) {
            throw new TenantNotFoundException(tenant, schema);
        }
        return schema;
    }

    /**
     * What a statement of {@code tenant}'s store that named a missing object failed with: {@link
     * TenantNotFoundException} when the tenant's schema is gone (dropped, here or by another node), which this store
     * then forgets, so {@link #view} asks the database again; null when the schema is there and the error is another.
     */
    public RillflowException gone(String tenant, String schema, SQLException e) {
        if (exists(tenant)) {
            return null;
        }
        provisioned.remove(tenant);
        views.remove(tenant);
        changes.incrementAndGet();
        return new TenantNotFoundException(tenant, schema, e);
    }

    private Store cachedView(String tenant, String schema) {
        return views.computeIfAbsent(tenant, t -> viewFactory.apply(t, schema));
    }

    /** The tenant's schema, refused when it would be the store's own. */
    private String schemaFor(String tenant) {
        String schema = strategy.schemaFor(tenant);
        if (schema.equals(rootSchema)) {
            throw new InvalidIdentifierException("Tenant \"" + tenant + "\" would live in schema \"" + schema
                    + "\", the store's own schema; choose another tenant id or schema pattern");
        }
        return schema;
    }
}
