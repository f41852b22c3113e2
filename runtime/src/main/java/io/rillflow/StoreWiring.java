package io.rillflow;

import io.rillflow.admin.StoreAdmin;
import io.rillflow.admin.internal.DatabaseAdmin;
import io.rillflow.aggregates.AggregateDefinition;
import io.rillflow.aggregates.CommandBus;
import io.rillflow.aggregates.internal.RoutingCommandBus;
import io.rillflow.documents.internal.DocumentTables;
import io.rillflow.events.internal.EventStoreEngine;
import io.rillflow.events.internal.EventTypes;
import io.rillflow.internal.Database;
import io.rillflow.internal.JsonCodec;
import io.rillflow.internal.TenantColumn;
import io.rillflow.internal.Timeouts;
import io.rillflow.metrics.internal.StoreMetrics;
import io.rillflow.processes.ProcessManagers;
import io.rillflow.processes.internal.StoreProcessManagers;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.projections.Projections;
import io.rillflow.projections.internal.InlineProjections;
import io.rillflow.projections.internal.ProjectionAdmin;
import io.rillflow.projections.internal.ProjectionEngine;
import io.rillflow.projections.internal.StoreProjections;
import io.rillflow.projections.internal.TenantDaemon;
import io.rillflow.projections.internal.TenantRouting;
import io.rillflow.schema.SchemaManager;
import io.rillflow.schema.internal.SchemaMigrator;
import io.rillflow.sessions.SessionOptions;
import io.rillflow.sessions.internal.StoreSessions;
import io.rillflow.spi.QueryFactory;
import io.rillflow.store.internal.StoreContext;
import io.rillflow.subscriptions.Subscriptions;
import io.rillflow.subscriptions.internal.StoreSubscriptions;
import io.rillflow.subscriptions.internal.SubscriptionCatalog;
import io.rillflow.subscriptions.internal.TenantWorkers;
import io.rillflow.tenancy.TenancyStrategy;
import io.rillflow.tenancy.TenantNotResolvedException;
import io.rillflow.tenancy.TenantResolver;
import io.rillflow.tenancy.internal.ConjoinedTenants;
import io.rillflow.tenancy.internal.SchemaTenants;
import io.rillflow.tenancy.internal.TenantViews;
import io.rillflow.tracing.Tracing;
import io.rillflow.tracing.internal.AppendTrace;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The features behind one {@link Store}, wired once over its context so none holds or calls back into the store: the
 * root store's, from the builder's settings, and a tenant's view, as a second context over the root's shared parts.
 * What differs between conjoined and schema-per-tenant tenancy is decided here, so {@code Store} only delegates.
 */
final class StoreWiring {
    private final StoreContext context;
    private final AutoCloseable resources;
    private final SchemaManager schemaManager;
    private final Map<Class<?>, QueryFactory<?>> queryFactories;
    private final CommandBus commandBus;
    private final StoreProjections projections;
    private final StoreProcessManagers processManagers;
    private final StoreSubscriptions subscriptions;
    private final StoreSessions sessions;
    private final StoreAdmin admin;
    private final InlineProjections inline;
    private final List<AggregateDefinition<?, ?>> aggregates;
    /** The tenant of a tenant's view, null for the store the builder made. */
    private final String tenant;
    /** The tenants of a multi-tenant store, shared by its views; null with single tenancy. */
    private final TenantViews tenants;
    /** Which tenant {@link Store#forCurrentTenant()} serves. */
    private final TenantResolver tenantResolver;

    /** The root store's features, over {@code schema}; each tenant view is wired from these when first asked for. */
    StoreWiring(
            DataSource dataSource,
            Timeouts timeouts,
            StoreMetrics metrics,
            AutoCloseable resources,
            String schema,
            JsonCodec json,
            EventTypes eventTypes,
            List<AggregateDefinition<?, ?>> aggregates,
            ProjectionOptions projectionOptions,
            Tracing tracing,
            SessionOptions sessionDefaults,
            TenancyStrategy tenancy,
            TenantResolver tenantResolver) {
        this.resources = resources;
        this.tenantResolver = tenantResolver;
        this.aggregates = List.copyOf(aggregates);
        this.tenant = null;
        Database database = new Database(dataSource, timeouts, metrics);
        this.inline = new InlineProjections();
        boolean conjoined = tenancy instanceof TenancyStrategy.Conjoined;
        this.context = context(
                database,
                schema,
                conjoined ? TenantColumn.DEFAULT : TenantColumn.NONE,
                null,
                json,
                eventTypes,
                tracing,
                inline);
        this.schemaManager = new SchemaMigrator(database, schema, List.of(context.documents()), conjoined);
        Map<Class<?>, QueryFactory<?>> factories = new HashMap<>();
        for (QueryFactory<?> factory : Registries.queries()) {
            factories.putIfAbsent(factory.type(), factory);
        }
        this.queryFactories = Map.copyOf(factories);
        this.sessions = new StoreSessions(context, sessionDefaults, this::queryFactory);
        this.commandBus = new RoutingCommandBus(context, aggregates);
        SchemaTenants schemaTenants = null;
        if (tenancy instanceof TenancyStrategy.SchemaPerTenant perTenant) {
            schemaTenants = new SchemaTenants(
                    database,
                    schema,
                    perTenant,
                    (id, tenantSchema) -> new Store(new StoreWiring(this, id, tenantSchema, TenantColumn.NONE)));
            this.tenants = schemaTenants;
        } else if (tenancy instanceof TenancyStrategy.Conjoined shared) {
            if (projectionOptions.tenants() != null) {
                throw new IllegalArgumentException("ProjectionOptions.tenants " + projectionOptions.tenants()
                        + " chooses the tenants a schema-per-tenant store's daemon serves; the daemon of a conjoined"
                        + " store reads the one log all tenants share, with one checkpoint per projection, so it serves"
                        + " every tenant: leave the tenants unset (withAllTenants())");
            }
            this.tenants = new ConjoinedTenants(
                    database,
                    schema,
                    shared,
                    schemaManager,
                    id -> new Store(new StoreWiring(this, id, schema, new TenantColumn(id))));
        } else {
            this.tenants = null;
        }
        TenantRouting routing = tenants instanceof ConjoinedTenants conjoinedTenants
                ? new TenantRouting(
                        route(),
                        id -> conjoinedTenants.viewOfAppender(id).wiring.route(),
                        conjoinedTenants::list)
                : null;
        ProjectionEngine engine = new ProjectionEngine(context, projectionOptions, routing);
        ProjectionAdmin projectionAdmin = new ProjectionAdmin(engine);
        SchemaTenants served = schemaTenants;
        TenantDaemon daemon = served == null
                ? null
                : new TenantDaemon(
                        served, served::changes, id -> served.view(id).wiring.projections, projectionOptions);
        this.projections =
                new StoreProjections(engine, projectionAdmin, eventTypes, Registries.projections(), inline, daemon);
        this.processManagers =
                new StoreProcessManagers(projections, commandBus, aggregates, schema, Registries.processManagers());
        this.subscriptions = new StoreSubscriptions(
                new SubscriptionCatalog(context, null),
                served == null
                        ? null
                        : new TenantWorkers.Tenancy(
                                served, served::changes, id -> served.view(id).wiring.subscriptions),
                tenants instanceof ConjoinedTenants conjoinedTenants ? conjoinedTenants : null);
        // A conjoined store's tenants share its schema, whose check covers them all.
        this.admin = new DatabaseAdmin(
                database, schema, context.tenant(), projectionAdmin, schemaTenants, projections::daemonReadiness);
    }

    /**
     * The view of {@code tenant}: {@code root}'s pool, codec, event types, tracing, inline projections and session
     * defaults over the tenant's {@code schema} (the root's own schema, for a conjoined store, whose statements then
     * name the tenant in {@code column}), with a command bus of its own, and, with a schema per tenant, the root's
     * projection, process manager and subscription registrations and daemons over the tenant's schema. It owns
     * nothing, so it has nothing to close: the root's close stops what runs for it.
     */
    private StoreWiring(StoreWiring root, String tenant, String schema, TenantColumn column) {
        this.resources = () -> {};
        this.aggregates = root.aggregates;
        this.inline = root.inline;
        this.tenant = tenant;
        this.tenants = root.tenants;
        this.tenantResolver = root.tenantResolver;
        StoreContext shared = root.context;
        Database metered =
                shared.database().withMetrics(shared.database().metrics().forTenant(tenant));
        Database database = root.tenants instanceof SchemaTenants schemaTenants
                ? metered.guardedBy(e -> schemaTenants.gone(tenant, schema, e))
                : root.tenants instanceof ConjoinedTenants conjoinedTenants
                        ? metered.guardedBy(conjoinedTenants.guard(tenant))
                        : metered;
        this.context = context(
                database,
                schema,
                column,
                column.present() ? null : tenant,
                shared.json(),
                shared.eventTypes(),
                shared.tracing().forTenant(tenant),
                inline);
        this.schemaManager = new SchemaMigrator(database, schema, List.of(context.documents()), column.present());
        this.queryFactories = root.queryFactories;
        this.sessions = new StoreSessions(context, root.sessions.defaults(), this::queryFactory);
        this.commandBus = new RoutingCommandBus(context, aggregates);
        ProjectionEngine engine = new ProjectionEngine(context, root.projections.options());
        ProjectionAdmin projectionAdmin = new ProjectionAdmin(engine);
        this.admin = new DatabaseAdmin(database, schema, column, projectionAdmin, null, null);
        if (column.present()) {
            // The projection tables of a conjoined schema are the root's, whose daemon applies each tenant's events as
            // that tenant.
            this.projections = null;
            this.processManagers = null;
        } else {
            this.projections = root.projections.forTenant(
                    tenant, engine, projectionAdmin, StoreProcessManagers.scopedTo(commandBus, schema));
            this.processManagers = root.processManagers.forTenant(tenant, projections, commandBus);
        }
        this.subscriptions = root.subscriptions.forTenant(new SubscriptionCatalog(context, tenant));
    }

    /** How the daemon of a conjoined store applies the events of this store's tenant: its documents and command bus. */
    private TenantRouting.Route route() {
        return new TenantRouting.Route(
                context.documents(), StoreProcessManagers.scopedTo(commandBus, context.schema(), context.tenant()));
    }

    /**
     * The context of {@code schema}: its document tables, and its event store running the inline projections against
     * them. Everything else is shared, so a store scoped to another schema is another call of this.
     * {@code schemaTenant} is the tenant whose schema it is, with a schema per tenant, which its events and projection
     * contexts tell; null otherwise.
     */
    private static StoreContext context(
            Database database,
            String schema,
            TenantColumn tenant,
            String schemaTenant,
            JsonCodec json,
            EventTypes eventTypes,
            Tracing tracing,
            InlineProjections inline) {
        DocumentTables documents =
                new DocumentTables(database, schema, tenant, schemaTenant, json, Registries.documents());
        EventStoreEngine events = new EventStoreEngine(
                database,
                schema,
                tenant,
                schemaTenant,
                json,
                eventTypes,
                inline.writingTo(documents, tracing),
                new AppendTrace(tracing, eventTypes));
        return new StoreContext(database, schema, tenant, json, eventTypes, events, documents, tracing);
    }

    StoreContext context() {
        return context;
    }

    SchemaManager schemaManager() {
        return schemaManager;
    }

    CommandBus commandBus() {
        return commandBus;
    }

    StoreSessions sessions() {
        return sessions;
    }

    Subscriptions subscriptions() {
        return subscriptions;
    }

    StoreAdmin admin() {
        return admin;
    }

    Optional<String> tenant() {
        return Optional.ofNullable(tenant);
    }

    QueryFactory<?> queryFactory(Class<?> type) {
        QueryFactory<?> factory = queryFactories.get(type);
        if (factory == null) {
            throw new IllegalArgumentException("No generated implementation of " + type.getName() + ": annotate it"
                    + " with @DocumentQueries(<document>.class) and build with the Rillflow annotation processor");
        }
        return factory;
    }

    Projections projections() {
        return servedHere(projections, "projections()");
    }

    ProcessManagers processManagers() {
        return servedHere(processManagers, "processManagers()");
    }

    /** {@code feature}, which a conjoined tenant's store does not have: the root store's serves every tenant. */
    private <T> T servedHere(T feature, String name) {
        if (feature == null) {
            throw new UnsupportedOperationException("With conjoined tenancy, " + name + " is called on the store the"
                    + " builder made, not on the store of tenant \"" + tenant + "\": its daemon reads every tenant's"
                    + " events with one checkpoint per projection and applies each event as its tenant, so the"
                    + " registrations, runs, status and dead letters are the root store's");
        }
        return feature;
    }

    TenantViews tenancy() {
        if (tenants == null) {
            throw new IllegalStateException("This store has single tenancy; build it with"
                    + " .tenancy(TenancyStrategy.schemaPerTenant()) or .tenancy(TenancyStrategy.conjoined()) to use"
                    + " forTenant(..) and tenants()");
        }
        return tenants;
    }

    /** The view of the tenant the store's resolver resolves on the calling thread. */
    Store currentTenantView() {
        TenantViews tenancy = tenancy();
        String current = tenantResolver
                .currentTenant()
                .orElseThrow(() -> new TenantNotResolvedException("No current tenant: the store's TenantResolver"
                        + " resolved none on this thread; run the work inside TenantContext.run(tenant, ..), or set"
                        + " a resolver that finds the tenant with StoreBuilder.tenantResolver(..)"));
        return tenancy.view(current);
    }

    /** Stops the root's daemons and workers, releases its leases and closes what it owns; a view owns nothing. */
    void close(Duration timeout) {
        if (tenant != null) {
            return;
        }
        try {
            projections.stopDaemons(timeout);
            projections.releaseLeases();
            subscriptions.closeAll(timeout);
            resources.close();
        } catch (Exception e) {
            throw new RillflowException("Closing the store failed: " + e.getMessage(), e);
        }
    }
}
