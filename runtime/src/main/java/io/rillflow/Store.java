package io.rillflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rillflow.admin.StoreAdmin;
import io.rillflow.admin.internal.DatabaseAdmin;
import io.rillflow.aggregates.AggregateDefinition;
import io.rillflow.aggregates.CommandBus;
import io.rillflow.aggregates.internal.RoutingCommandBus;
import io.rillflow.documents.DocumentCollection;
import io.rillflow.documents.DocumentDefinition;
import io.rillflow.documents.internal.DocumentTables;
import io.rillflow.events.EventStore;
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
import io.rillflow.sessions.DocumentSession;
import io.rillflow.sessions.SessionKind;
import io.rillflow.sessions.SessionOptions;
import io.rillflow.sessions.SessionWork;
import io.rillflow.sessions.internal.StoreSessions;
import io.rillflow.spi.QueryFactory;
import io.rillflow.store.internal.StoreAccess;
import io.rillflow.store.internal.StoreContext;
import io.rillflow.subscriptions.Subscriptions;
import io.rillflow.subscriptions.internal.StoreSubscriptions;
import io.rillflow.subscriptions.internal.SubscriptionCatalog;
import io.rillflow.subscriptions.internal.TenantWorkers;
import io.rillflow.tenancy.TenancyStrategy;
import io.rillflow.tenancy.TenantContext;
import io.rillflow.tenancy.TenantNotResolvedException;
import io.rillflow.tenancy.TenantResolver;
import io.rillflow.tenancy.Tenants;
import io.rillflow.tenancy.internal.ConjoinedTenants;
import io.rillflow.tenancy.internal.SchemaTenants;
import io.rillflow.tenancy.internal.TenantViews;
import io.rillflow.tracing.Tracing;
import io.rillflow.tracing.internal.AppendTrace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * The entry point: a document store and an event store in one PostgreSQL schema.
 *
 * <pre>{@code
 * try (Store store = Store.embedded(Path.of("data"))) {          // or Store.connect(System.getenv("DATABASE_URL"))
 *     var customers = store.documents(Customer.class, UUID.class);
 *     long version = customers.put(id, new Customer(...));
 *     store.events().append(streamId, Expected.noStream(), List.of(new OrderPlaced(...)));
 * }
 * }</pre>
 *
 * A store is thread-safe and meant to live as long as the application; {@link #close()} releases the connection
 * pool and, for an embedded store, stops its PostgreSQL server. With schema-per-tenant tenancy,
 * {@link #forTenant(String)} gives the store of one tenant: the same API over the tenant's schema.
 */
public final class Store implements AutoCloseable {
    /** How long {@link #close()} waits for projection and subscription handlers to finish their work in hand. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    static {
        StoreAccess.install(store -> store.context);
    }

    private final StoreContext context;
    private final AutoCloseable resources;
    private final SchemaManager schemaManager;
    private final Map<Class<?>, QueryFactory<?>> queryFactories;
    private final Map<Class<?>, Object> queryImplementations = new ConcurrentHashMap<>();
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
    /** Which tenant {@link #forCurrentTenant()} serves. */
    private final TenantResolver tenantResolver;

    /** Wires the features once, each on the context, so none holds or calls back into this store. */
    Store(
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
                    (id, tenantSchema) -> new Store(this, id, tenantSchema, TenantColumn.NONE));
            this.tenants = schemaTenants;
        } else if (tenancy instanceof TenancyStrategy.Conjoined shared) {
            if (projectionOptions.tenants() != null) {
                throw new IllegalArgumentException("ProjectionOptions.tenants " + projectionOptions.tenants()
                        + " chooses the tenants a schema-per-tenant store's daemon serves; the daemon of a conjoined"
                        + " store reads the one log all tenants share, with one checkpoint per projection, so it serves"
                        + " every tenant: leave the tenants unset (withAllTenants())");
            }
            this.tenants = new ConjoinedTenants(
                    database, schema, shared, schemaManager, id -> new Store(this, id, schema, new TenantColumn(id)));
        } else {
            this.tenants = null;
        }
        TenantRouting routing = tenants instanceof ConjoinedTenants conjoinedTenants
                ? new TenantRouting(route(), id -> conjoinedTenants.view(id).route(), conjoinedTenants::list)
                : null;
        ProjectionEngine engine = new ProjectionEngine(context, projectionOptions, routing);
        ProjectionAdmin projectionAdmin = new ProjectionAdmin(engine);
        SchemaTenants served = schemaTenants;
        TenantDaemon daemon = served == null
                ? null
                : new TenantDaemon(served, served::changes, id -> served.view(id).projections, projectionOptions);
        this.projections =
                new StoreProjections(engine, projectionAdmin, eventTypes, Registries.projections(), inline, daemon);
        this.processManagers =
                new StoreProcessManagers(projections, commandBus, aggregates, schema, Registries.processManagers());
        this.subscriptions = new StoreSubscriptions(
                new SubscriptionCatalog(context, null),
                served == null
                        ? null
                        : new TenantWorkers.Tenancy(served, served::changes, id -> served.view(id).subscriptions),
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
    private Store(Store root, String tenant, String schema, TenantColumn column) {
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
     */
    private static StoreContext context(
            Database database,
            String schema,
            TenantColumn tenant,
            JsonCodec json,
            EventTypes eventTypes,
            Tracing tracing,
            InlineProjections inline) {
        DocumentTables documents = new DocumentTables(database, schema, tenant, json, Registries.documents());
        EventStoreEngine events = new EventStoreEngine(
                database,
                schema,
                tenant,
                json,
                eventTypes,
                inline.writingTo(documents, tracing),
                new AppendTrace(tracing, eventTypes));
        return new StoreContext(database, schema, tenant, json, eventTypes, events, documents, tracing);
    }

    /** Connects to the server at {@code url} ({@code jdbc:postgresql://...} or {@code postgres://user:pw@host/db}). */
    public static Store connect(String url) {
        return builder(url).build();
    }

    /** Starts configuring a store; say where the database is with {@code url}, {@code dataSource} or {@code embedded}. */
    public static StoreBuilder builder() {
        return new StoreBuilder();
    }

    /** Starts configuring a store on the server at {@code url}. */
    public static StoreBuilder builder(String url) {
        return builder().url(url);
    }

    /** Starts configuring a store on a data source the application owns (and closes itself). */
    public static StoreBuilder builder(DataSource dataSource) {
        return builder().dataSource(dataSource);
    }

    /**
     * Opens a store on an embedded, durable PostgreSQL whose data lives in {@code dataDirectory}: created on first
     * use, reopened with its data afterwards. Needs {@code rillflow-embedded} on the class path.
     */
    public static Store embedded(Path dataDirectory) {
        return builder().embedded(dataDirectory).build();
    }

    /**
     * The documents of a {@code @Document} type, as its generated registry declares them (name, id type, indexes).
     *
     * @throws IllegalArgumentException if {@code type} is not a {@code @Document} known to a registry
     */
    public <T> DocumentCollection<T, ?> documents(Class<T> type) {
        return documents(context.documents()
                .declared(type)
                .orElseThrow(() -> new IllegalArgumentException(type.getName()
                        + " is not a declared @Document: annotate it, build with the Rillflow annotation processor, or use"
                        + " documents(type, idType)")));
    }

    /** The documents of a definition, typically a generated repository's. */
    public <T, I> DocumentCollection<T, I> documents(DocumentDefinition<T, I> definition) {
        return context.documents().collection(definition);
    }

    /**
     * The documents of {@code type}, stored in table {@code rf_doc_<snake_case simple name>} with ids of
     * {@code idType} ({@link java.util.UUID}, {@link String} or {@link Long}). The table is created on first use.
     */
    public <T, I> DocumentCollection<T, I> documents(Class<T> type, Class<I> idType) {
        return context.documents().collection(type, idType, DocumentTables.defaultName(type));
    }

    /** As {@link #documents(Class, Class)}, stored in {@code rf_doc_<name>}. */
    public <T, I> DocumentCollection<T, I> documents(Class<T> type, Class<I> idType, String name) {
        return context.documents().collection(type, idType, name);
    }

    /**
     * The implementation of a {@code @DocumentQueries} interface that the annotation processor generated, created once
     * per store and then reused; it is thread-safe.
     *
     * @throws IllegalArgumentException if no generated registry on the class path implements {@code type}
     */
    public <Q> Q queries(Class<Q> type) {
        Object implementation = queryImplementations.computeIfAbsent(type, t -> {
            QueryFactory<?> factory = queryFactory(t);
            return factory.create(documents(factory.documentType()));
        });
        return type.cast(implementation);
    }

    private QueryFactory<?> queryFactory(Class<?> type) {
        QueryFactory<?> factory = queryFactories.get(type);
        if (factory == null) {
            throw new IllegalArgumentException("No generated implementation of " + type.getName() + ": annotate it"
                    + " with @DocumentQueries(<document>.class) and build with the Rillflow annotation processor");
        }
        return factory;
    }

    /**
     * A new unit of work with the store's session defaults ({@link StoreBuilder#sessionDefaults}): load, store and
     * delete documents, append events and execute aggregate commands, then write them all in one transaction with
     * {@link DocumentSession#saveChanges()}. Cheap: it holds no connection between calls.
     */
    public DocumentSession openSession() {
        return sessions.open(UnaryOperator.identity());
    }

    /** A new session of {@code kind}, otherwise with the store's session defaults. */
    public DocumentSession openSession(SessionKind kind) {
        return sessions.open(options -> options.withKind(kind));
    }

    /**
     * A new session with the store's session defaults as {@code options} changes them:
     * {@code store.openSession(o -> o.withActor(user).within(connection))}.
     */
    public DocumentSession openSession(UnaryOperator<SessionOptions> options) {
        return sessions.open(options);
    }

    /**
     * Runs a unit of work on a new session and saves it, again on a fresh session (reloading what it reads) when
     * the save meets a {@link ConcurrencyException}, up to {@link SessionOptions#maxAttempts()} times in all (3 by
     * default); then the last conflict is thrown. Any other exception ends it at once, writing nothing.
     *
     * <pre>{@code
     * Receipt receipt = store.inSession(session -> {
     *     Account account = session.load(Account.class, id).orElseThrow();
     *     session.store(account.withdraw(amount));
     *     return new Receipt(id, amount);
     * });
     * }</pre>
     *
     * @return what {@code work} returned on the attempt that saved
     */
    public <R> R inSession(SessionWork<R> work) {
        return inSession(UnaryOperator.identity(), work);
    }

    /**
     * As {@link #inSession(SessionWork)}, on sessions with the store's defaults as {@code options} changes them. A
     * session within the caller's transaction is tried once: it is the caller's transaction that must be retried.
     */
    public <R> R inSession(UnaryOperator<SessionOptions> options, SessionWork<R> work) {
        return sessions.run(options, work);
    }

    /** The event store: streams, appends, reads and aliases. */
    public EventStore events() {
        return context.events();
    }

    /**
     * The command bus of this store, routing each command to the {@code @Aggregate} that handles it: every aggregate
     * the generated registries declare or {@link StoreBuilder#aggregate} adds. It is the same bus on every call and the
     * one the process managers dispatch through, so a repository registered on it applies everywhere; thread-safe.
     */
    public CommandBus commandBus() {
        return commandBus;
    }

    /**
     * The process managers: workflows reacting to events with commands, run by the projection daemon; register them
     * here and administer their checkpoints and dead letters. With {@link TenancyStrategy#conjoined()}, each event's
     * commands go to its tenant's command bus; a tenant's store throws {@link UnsupportedOperationException} here, as
     * for {@link #projections()}.
     */
    public ProcessManagers processManagers() {
        return servedHere(processManagers, "processManagers()");
    }

    /**
     * The projections: register handlers, run the daemon, and administer checkpoints, leases and dead letters. With
     * {@link TenancyStrategy#schemaPerTenant()}, the daemon of the store the builder made also serves the tenants (all,
     * or those {@link ProjectionOptions#tenants()} names), and a tenant's store ({@link #forTenant}) gives the status,
     * administration and runs of its own schema's projections; registering is done on the store the builder made. With
     * {@link TenancyStrategy#conjoined()}, the daemon of the store the builder made reads every tenant's events with one
     * checkpoint and lease per projection and applies each event as its tenant (into the tenant's documents); a
     * tenant's store has no projections of its own and throws {@link UnsupportedOperationException} here.
     */
    public Projections projections() {
        return servedHere(projections, "projections()");
    }

    /**
     * The developer trace breadcrumbs of this store: what commands, appends and projections did, per correlation id,
     * exportable as a Mermaid diagram. Records nothing unless enabled with {@link StoreBuilder#tracing(boolean)}.
     */
    public Tracing tracing() {
        return context.tracing();
    }

    /**
     * The subscriptions: filtered tails of the event log handed to application code, shared by consumer groups,
     * with acknowledgements and backpressure.
     */
    public Subscriptions subscriptions() {
        return subscriptions;
    }

    /**
     * Administration from the database alone: projections by their stored rows, stream aliases, documents by table
     * name as JSON; what the {@code rillflow} command uses, needing none of the application's classes. On a tenant's
     * store ({@link #forTenant}), of the tenant's schema only.
     */
    public StoreAdmin admin() {
        return admin;
    }

    /**
     * The store of {@code tenant}, with {@link TenancyStrategy#schemaPerTenant()} or {@link TenancyStrategy#conjoined()}:
     * the same API (documents, events, generated repositories and query interfaces, sessions, aggregates and the command
     * bus) over the tenant's schema, or over the tenant's rows of the shared tables, sharing this store's pool. Created once per tenant and cached; thread-safe. Its {@link #close()} does nothing:
     * the store the builder made owns the pool. Its {@link #admin()} administers the tenant's schema (documents, stream
     * aliases, projections). Its {@link #projections()} and {@link #processManagers()} run and administer the root
     * store's registrations in the tenant's schema (the root's daemon serves them), and its {@link #subscriptions()} are
     * the tenant's schema's (with conjoined tenancy, the tenant's subscriptions over its events), whose workers the
     * root's close stops.
     *
     * @throws IllegalStateException with {@link TenancyStrategy#single()}
     * @throws io.rillflow.InvalidIdentifierException if {@code tenant} is not a valid tenant id; no SQL is built
     * @throws TenantNotFoundException if the tenant was never provisioned (with {@link Tenants#ensure}) and the strategy
     *     does not auto-provision
     */
    public Store forTenant(String tenant) {
        return tenancy().view(tenant);
    }

    /**
     * The store of the tenant the store's {@link TenantResolver} resolves on the calling thread
     * ({@link StoreBuilder#tenantResolver}; by default the tenant set with {@link TenantContext#run}): the same store
     * {@link #forTenant} gives. For code shared by all tenants, which then needs no tenant id passed to it.
     *
     * @throws TenantNotResolvedException if the resolver resolves no tenant
     * @throws IllegalStateException with {@link TenancyStrategy#single()}
     * @throws TenantNotFoundException if the resolved tenant was never provisioned (see {@link #forTenant})
     */
    public Store forCurrentTenant() {
        TenantViews tenancy = tenancy();
        String current = tenantResolver
                .currentTenant()
                .orElseThrow(() -> new TenantNotResolvedException("No current tenant: the store's TenantResolver"
                        + " resolved none on this thread; run the work inside TenantContext.run(tenant, ..), or set"
                        + " a resolver that finds the tenant with StoreBuilder.tenantResolver(..)"));
        return tenancy.view(current);
    }

    /**
     * Provisioning and listing of tenants, with {@link TenancyStrategy#schemaPerTenant()} or
     * {@link TenancyStrategy#conjoined()}.
     *
     * @throws IllegalStateException with {@link TenancyStrategy#single()}
     */
    public Tenants tenants() {
        return tenancy();
    }

    /** The tenant this store is scoped to, if it is a tenant's store from {@link #forTenant}. */
    public Optional<String> tenant() {
        return Optional.ofNullable(tenant);
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

    private TenantViews tenancy() {
        if (tenants == null) {
            throw new IllegalStateException("This store has single tenancy; build it with"
                    + " .tenancy(TenancyStrategy.schemaPerTenant()) or .tenancy(TenancyStrategy.conjoined()) to use"
                    + " forTenant(..) and tenants()");
        }
        return tenants;
    }

    /** Schema migrations: {@code plan()} and {@code sync()}. */
    public SchemaManager schema() {
        return schemaManager;
    }

    /** The PostgreSQL schema holding this store's tables (a tenant's schema, for a tenant's store). */
    public String schemaName() {
        return context.schema();
    }

    /** The pooled data source, for application SQL in the same database. */
    public DataSource dataSource() {
        return context.database().dataSource();
    }

    /** Same as {@link #dataSource()}; the name Rillflow's Rust users know. */
    public DataSource pool() {
        return dataSource();
    }

    /**
     * The Jackson mapper used for documents and events: a copy of the one given to the builder, reading within the
     * store's {@link JsonLimits}.
     */
    public ObjectMapper objectMapper() {
        return context.json().mapper();
    }

    /**
     * Stops running projection daemons and subscription workers, releases the projection leases this store's node
     * holds (so the next process takes them at once), closes the pool this store created and stops its embedded
     * server, if any; waits at most {@link #DEFAULT_CLOSE_TIMEOUT} for handlers; see {@link #close(Duration)}. On a
     * tenant's store ({@link #forTenant}) it does nothing: the store the builder made owns the pool and closes it.
     */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_TIMEOUT);
    }

    /**
     * As {@link #close()}, giving projection daemons and subscription handlers at most {@code timeout} each to finish
     * the work in hand. A handler still running then is interrupted and abandoned: its batch rolls back, or its
     * events are left unacknowledged for the next worker, so nothing is lost; the pool is closed either way.
     */
    public void close(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
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
