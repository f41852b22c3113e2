package io.rillflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rillflow.admin.StoreAdmin;
import io.rillflow.aggregates.CommandBus;
import io.rillflow.documents.DocumentCollection;
import io.rillflow.documents.DocumentDefinition;
import io.rillflow.documents.internal.DocumentTables;
import io.rillflow.events.EventStore;
import io.rillflow.processes.ProcessManagers;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.projections.Projections;
import io.rillflow.schema.SchemaManager;
import io.rillflow.sessions.DocumentSession;
import io.rillflow.sessions.SessionKind;
import io.rillflow.sessions.SessionOptions;
import io.rillflow.sessions.SessionWork;
import io.rillflow.spi.QueryFactory;
import io.rillflow.store.internal.StoreAccess;
import io.rillflow.store.internal.StoreContext;
import io.rillflow.subscriptions.Subscriptions;
import io.rillflow.tenancy.TenancyStrategy;
import io.rillflow.tenancy.TenantContext;
import io.rillflow.tenancy.TenantNotResolvedException;
import io.rillflow.tenancy.TenantResolver;
import io.rillflow.tenancy.Tenants;
import io.rillflow.tracing.Tracing;
import java.nio.file.Path;
import java.time.Duration;
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

    /** The features behind this store; package-private so the wiring of a tenant's views reaches theirs. */
    final StoreWiring wiring;

    private final StoreContext context;
    private final Map<Class<?>, Object> queryImplementations = new ConcurrentHashMap<>();

    Store(StoreWiring wiring) {
        this.wiring = wiring;
        this.context = wiring.context();
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
            QueryFactory<?> factory = wiring.queryFactory(t);
            return factory.create(documents(factory.documentType()));
        });
        return type.cast(implementation);
    }

    /**
     * A new unit of work with the store's session defaults ({@link StoreBuilder#sessionDefaults}): load, store and
     * delete documents, append events and execute aggregate commands, then write them all in one transaction with
     * {@link DocumentSession#saveChanges()}. Cheap: it holds no connection between calls.
     */
    public DocumentSession openSession() {
        return wiring.sessions().open(UnaryOperator.identity());
    }

    /** A new session of {@code kind}, otherwise with the store's session defaults. */
    public DocumentSession openSession(SessionKind kind) {
        return wiring.sessions().open(options -> options.withKind(kind));
    }

    /**
     * A new session with the store's session defaults as {@code options} changes them:
     * {@code store.openSession(o -> o.withActor(user).within(connection))}.
     */
    public DocumentSession openSession(UnaryOperator<SessionOptions> options) {
        return wiring.sessions().open(options);
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
        return wiring.sessions().run(options, work);
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
        return wiring.commandBus();
    }

    /**
     * The process managers: workflows reacting to events with commands, run by the projection daemon; register them
     * here and administer their checkpoints and dead letters. With {@link TenancyStrategy#conjoined()}, each event's
     * commands go to its tenant's command bus; a tenant's store throws {@link UnsupportedOperationException} here, as
     * for {@link #projections()}.
     */
    public ProcessManagers processManagers() {
        return wiring.processManagers();
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
        return wiring.projections();
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
        return wiring.subscriptions();
    }

    /**
     * Administration from the database alone: projections by their stored rows, stream aliases, documents by table
     * name as JSON; what the {@code rillflow} command uses, needing none of the application's classes. On a tenant's
     * store ({@link #forTenant}), of the tenant's schema only.
     */
    public StoreAdmin admin() {
        return wiring.admin();
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
        return wiring.tenancy().view(tenant);
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
        return wiring.currentTenantView();
    }

    /**
     * Provisioning and listing of tenants, with {@link TenancyStrategy#schemaPerTenant()} or
     * {@link TenancyStrategy#conjoined()}.
     *
     * @throws IllegalStateException with {@link TenancyStrategy#single()}
     */
    public Tenants tenants() {
        return wiring.tenancy();
    }

    /** The tenant this store is scoped to, if it is a tenant's store from {@link #forTenant}. */
    public Optional<String> tenant() {
        return wiring.tenant();
    }

    /** Schema migrations: {@code plan()} and {@code sync()}. */
    public SchemaManager schema() {
        return wiring.schemaManager();
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
        wiring.close(timeout);
    }
}
