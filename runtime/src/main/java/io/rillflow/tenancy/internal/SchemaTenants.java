package io.rillflow.tenancy.internal;

import io.rillflow.InvalidIdentifierException;
import io.rillflow.Store;
import io.rillflow.TenantNotFoundException;
import io.rillflow.internal.Database;
import io.rillflow.internal.Identifiers;
import io.rillflow.schema.SchemaPlan;
import io.rillflow.schema.internal.SchemaMigrator;
import io.rillflow.tenancy.TenancyStrategy;
import io.rillflow.tenancy.TenantStatus;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
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
    public Map<String, SchemaPlan> sync() {
        Map<String, SchemaPlan> applied = new LinkedHashMap<>();
        for (String tenant : list()) {
            applied.put(tenant, cachedView(tenant, schemaFor(tenant)).schema().sync());
            provisioned.add(tenant);
        }
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
            return new SchemaMigrator(database, schema, List.of()).dropSchema();
        }
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
