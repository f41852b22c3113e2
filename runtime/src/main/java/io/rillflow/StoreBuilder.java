package io.rillflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.micrometer.core.instrument.MeterRegistry;
import io.rillflow.aggregates.AggregateDefinition;
import io.rillflow.events.EventTypeDefinition;
import io.rillflow.events.EventUpcaster;
import io.rillflow.events.internal.EventTypes;
import io.rillflow.internal.Identifiers;
import io.rillflow.internal.JsonCodec;
import io.rillflow.metrics.internal.MicrometerMetrics;
import io.rillflow.metrics.internal.StoreMetrics;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.sessions.SessionOptions;
import io.rillflow.tenancy.TenancyStrategy;
import io.rillflow.tenancy.TenantResolver;
import io.rillflow.tracing.TraceOptions;
import io.rillflow.tracing.Tracing;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Configures a {@link Store}. Exactly one of {@link #url}, {@link #dataSource} or {@link #embedded} says where the
 * database is; everything else has a default. Invalid settings fail in {@link #build()} with the setting named.
 */
public final class StoreBuilder {
    private final ConnectionSettings connection = new ConnectionSettings();
    private String schema = "public";
    private ObjectMapper objectMapper;
    private boolean migrateOnStart = true;
    private JsonLimits jsonLimits = JsonLimits.defaults();
    /** Checks hand registrations as they are made; {@link #build()} replays them with the registries'. */
    private final EventTypes.Builder eventTypes = EventTypes.builder();

    private ProjectionOptions projectionOptions;

    private final List<EventTypeDefinition> manualEventTypes = new ArrayList<>();
    private final List<EventUpcaster> manualUpcasters = new ArrayList<>();
    private final List<AggregateDefinition<?, ?>> manualAggregates = new ArrayList<>();
    private boolean unknownEventsAsJson;
    private TraceOptions traceOptions;
    private SessionOptions sessionDefaults = SessionOptions.defaults();
    private TenancyStrategy tenancy = TenancyStrategy.single();
    private TenantResolver tenantResolver = TenantResolver.fromContext();

    /** Read only when set, so a store built without one never loads a Micrometer class (an optional dependency). */
    private MeterRegistry meterRegistry;

    private Duration slowQueryThreshold;
    private boolean explainSlowQueries;

    StoreBuilder() {}

    /** The server's URL: {@code jdbc:postgresql://host/db?user=..} or {@code postgres://user:pw@host:port/db}. */
    public StoreBuilder url(String url) {
        connection.url(url);
        return this;
    }

    /** A data source the application owns; the store borrows connections and never closes it. */
    public StoreBuilder dataSource(DataSource dataSource) {
        connection.dataSource(dataSource);
        return this;
    }

    /** An embedded, durable PostgreSQL with its data in {@code dataDirectory} (needs {@code rillflow-embedded}). */
    public StoreBuilder embedded(Path dataDirectory) {
        connection.embedded(dataDirectory);
        return this;
    }

    /** The largest number of pooled connections (default 10); ignored with {@link #dataSource}. */
    public StoreBuilder maxConnections(int maxConnections) {
        connection.maxConnections(maxConnections);
        return this;
    }

    /** How long to wait for a pooled connection (default 5 s); ignored with {@link #dataSource}. */
    public StoreBuilder connectTimeout(Duration connectTimeout) {
        connection.connectTimeout(connectTimeout);
        return this;
    }

    /**
     * How long one statement of an interactive call (a get, a put, an append, a query) may run before PostgreSQL
     * cancels it (default 30 s; {@link Duration#ZERO} for no limit). The call then throws a
     * {@link DatabaseTimeoutException} naming this setting, and nothing it would have written is kept. It is every
     * pooled connection's {@code statement_timeout}, sent when the connection opens, so it costs no round trip; ignored
     * with {@link #dataSource}, whose pool sets its own.
     */
    public StoreBuilder statementTimeout(Duration statementTimeout) {
        connection.statementTimeout(statementTimeout);
        return this;
    }

    /**
     * How long an interactive call waits for a row or table lock another transaction holds (default 5 s;
     * {@link Duration#ZERO} for no limit), as {@code lock_timeout}: a {@code put} behind a long transaction that
     * locked the document fails with a {@link DatabaseTimeoutException} naming this setting instead of hanging.
     * Ignored with {@link #dataSource}, like {@link #statementTimeout}.
     */
    public StoreBuilder lockTimeout(Duration lockTimeout) {
        connection.lockTimeout(lockTimeout);
        return this;
    }

    /**
     * The statement timeout of background work, which holds one transaction over a batch: projection daemon batches,
     * rebuilds, and subscription fetches (default 10 min; {@link Duration#ZERO} for no limit). Set with
     * {@code SET LOCAL} in each such transaction, so it applies with {@link #dataSource} too. Schema changes run with
     * no timeouts at all.
     */
    public StoreBuilder backgroundStatementTimeout(Duration backgroundStatementTimeout) {
        connection.backgroundStatementTimeout(backgroundStatementTimeout);
        return this;
    }

    /** The lock timeout of background work (default 1 min); see {@link #backgroundStatementTimeout}. */
    public StoreBuilder backgroundLockTimeout(Duration backgroundLockTimeout) {
        connection.backgroundLockTimeout(backgroundLockTimeout);
        return this;
    }

    /** The PostgreSQL schema for Rillflow's tables (default {@code public}); created by the first sync. */
    public StoreBuilder schema(String schema) {
        this.schema = Identifiers.requireSqlName("schema", schema);
        return this;
    }

    /**
     * The Jackson mapper for documents and events (default: java.time, Optional and parameter-name support). It must
     * write dates as ISO-8601 text (typed date queries and date indexes read them so) and use no property naming
     * strategy (the generated metamodel names fields as the Java properties and {@code @JsonProperty} do).
     *
     * @throws IllegalArgumentException naming the setting, if the mapper does either
     */
    public StoreBuilder objectMapper(ObjectMapper objectMapper) {
        Objects.requireNonNull(objectMapper, "objectMapper");
        if (objectMapper.isEnabled(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)) {
            throw new IllegalArgumentException("objectMapper: SerializationFeature.WRITE_DATES_AS_TIMESTAMPS is"
                    + " enabled, so dates would be stored as numbers that typed date queries and date indexes cannot"
                    + " read; disable it (mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS))");
        }
        if (objectMapper.getPropertyNamingStrategy() != null) {
            throw new IllegalArgumentException("objectMapper: the property naming strategy "
                    + objectMapper.getPropertyNamingStrategy().getClass().getSimpleName() + " renames every stored"
                    + " field, but the generated metamodels use the Java property names; remove it and rename single"
                    + " fields with @JsonProperty");
        }
        this.objectMapper = objectMapper;
        return this;
    }

    /**
     * The limits on stored JSON, for writing and reading alike (default {@link JsonLimits#defaults()}: 20 million
     * characters of text, 1,000 digits, nesting 1,000 deep, names of 50,000 characters). A value over a limit is refused
     * when it is written, before any SQL, rather than stored and then unreadable.
     */
    public StoreBuilder jsonLimits(JsonLimits jsonLimits) {
        this.jsonLimits = Objects.requireNonNull(jsonLimits, "jsonLimits");
        return this;
    }

    /** Whether {@link #build()} applies pending migrations (default true). Turn off to migrate with the CLI. */
    public StoreBuilder migrateOnStart(boolean migrateOnStart) {
        this.migrateOnStart = migrateOnStart;
        return this;
    }

    /** Registers an event class under a stable type name at version 1. */
    public StoreBuilder eventType(String name, Class<?> type) {
        return eventType(name, 1, type);
    }

    /** Registers an event class under a stable type name and schema version. */
    public StoreBuilder eventType(String name, int version, Class<?> type) {
        EventTypeDefinition definition = new EventTypeDefinition(name, version, type);
        eventTypes.register(definition);
        manualEventTypes.add(definition);
        return this;
    }

    /**
     * Adds an upcast step by hand. Generated registries already bring every {@code @Upcast} of their compilation, so
     * this is for events registered by hand.
     */
    public StoreBuilder upcaster(EventUpcaster upcaster) {
        eventTypes.upcaster(upcaster);
        manualUpcasters.add(upcaster);
        return this;
    }

    /**
     * Adds an aggregate to the store's command bus by hand. Generated registries already bring every
     * {@code @Aggregate} of their compilation, so this is for aggregates defined without the processor.
     */
    public StoreBuilder aggregate(AggregateDefinition<?, ?> definition) {
        manualAggregates.add(Objects.requireNonNull(definition, "definition"));
        return this;
    }

    /**
     * Delivers stored events that no registered class can take as {@link io.rillflow.events.Event}s holding their
     * JSON tree, instead of failing with an {@link UnknownEventTypeException}: for tools and readers of foreign
     * streams.
     */
    public StoreBuilder unknownEventsAsJson() {
        this.unknownEventsAsJson = true;
        return this;
    }

    /** How this store's projection daemon runs (default {@link ProjectionOptions#defaults()}). */
    public StoreBuilder projectionOptions(ProjectionOptions projectionOptions) {
        this.projectionOptions = Objects.requireNonNull(projectionOptions, "projectionOptions");
        return this;
    }

    /**
     * Whether the store records developer trace breadcrumbs of commands, appends and projections into a bounded
     * in-memory sink ({@link Store#tracing()}); off by default, when it costs nothing. On uses
     * {@link TraceOptions#defaults()}.
     */
    public StoreBuilder tracing(boolean enabled) {
        this.traceOptions = enabled ? TraceOptions.defaults() : null;
        return this;
    }

    /** Records developer trace breadcrumbs into a sink bounded by {@code options}; see {@link #tracing(boolean)}. */
    public StoreBuilder tracing(TraceOptions options) {
        this.traceOptions = Objects.requireNonNull(options, "options");
        return this;
    }

    /**
     * What every session of the store starts from (default {@link SessionOptions#defaults()}): its kind, and the
     * actor, headers and ids it stamps on what it writes; {@code store.openSession(options -> ...)} changes them per
     * session.
     *
     * @throws IllegalArgumentException if the defaults name a connection: a session joins a caller's transaction only
     *     when opened with one
     */
    public StoreBuilder sessionDefaults(SessionOptions sessionDefaults) {
        Objects.requireNonNull(sessionDefaults, "sessionDefaults");
        if (sessionDefaults.connection().isPresent()) {
            throw new IllegalArgumentException("Session defaults must not name a connection: open a session within a"
                    + " transaction with store.openSession(options -> options.within(connection))");
        }
        this.sessionDefaults = sessionDefaults;
        return this;
    }

    /**
     * How the store separates tenants (default {@link TenancyStrategy#single()}, no tenants). With
     * {@link TenancyStrategy#schemaPerTenant()}, {@link Store#forTenant} gives each tenant's store and
     * {@link Store#tenants()} provisions them; the store's own schema keeps serving the store itself.
     */
    public StoreBuilder tenancy(TenancyStrategy tenancy) {
        this.tenancy = Objects.requireNonNull(tenancy, "tenancy");
        return this;
    }

    /**
     * How {@link Store#forCurrentTenant()} finds the tenant of the work in progress (default
     * {@link TenantResolver#fromContext()}: the tenant set with {@link io.rillflow.tenancy.TenantContext#run}).
     */
    public StoreBuilder tenantResolver(TenantResolver tenantResolver) {
        this.tenantResolver = Objects.requireNonNull(tenantResolver, "tenantResolver");
        return this;
    }

    /**
     * Publishes the store's meters on {@code registry} (Micrometer, {@code io.micrometer:micrometer-core} on the class
     * path): document reads, writes and conflicts, appends, statement times, projection batches, subscription
     * deliveries, and the pool's {@code hikaricp.*} meters when the store makes its pool; docs/metrics.md lists them.
     * Without a registry (the default) the store measures nothing and its hot paths do no metrics work.
     */
    public StoreBuilder meterRegistry(MeterRegistry registry) {
        this.meterRegistry = Objects.requireNonNull(registry, "registry");
        return this;
    }

    /**
     * Logs every statement that takes {@code threshold} or longer at WARN on the logger {@code io.rillflow.slow-queries}
     * with its SQL text (never its bound values), and counts them in {@code rillflow.query.slow} when a
     * {@link #meterRegistry} is given. Off by default; on, every statement reads the clock twice.
     */
    public StoreBuilder slowQueryThreshold(Duration threshold) {
        Objects.requireNonNull(threshold, "threshold");
        if (threshold.isNegative() || threshold.isZero()) {
            throw new IllegalArgumentException("slowQueryThreshold must be positive, was " + threshold);
        }
        this.slowQueryThreshold = threshold;
        return this;
    }

    /**
     * With {@link #slowQueryThreshold}, also logs the plan of each slow {@code SELECT} on its line: {@code EXPLAIN}
     * (without {@code ANALYZE}, so nothing runs twice) of the same text with the values it ran with, on the same
     * connection right after it (under a savepoint inside a transaction). The plan shows those values in its
     * conditions, so the log then holds the data the statement filtered on. Off by default.
     */
    public StoreBuilder explainSlowQueries(boolean explain) {
        this.explainSlowQueries = explain;
        return this;
    }

    /** Connects, migrates if asked, and returns the store. On failure everything opened so far is closed. */
    public Store build() {
        connection.requireOneTarget();
        ObjectMapper mapper = objectMapper != null ? objectMapper : JsonCodec.defaultMapper();
        EventTypes types = eventTypes();
        StoreResources resources = new StoreResources();
        try {
            DataSource ds = connection.open(resources, schema, meterRegistry);
            StoreMetrics metrics = meterRegistry == null
                    ? StoreMetrics.unmetered(slowQueryThreshold, explainSlowQueries)
                    : new MicrometerMetrics(meterRegistry, slowQueryThreshold, explainSlowQueries);
            Store store = new Store(new StoreWiring(
                    ds,
                    connection.timeouts(),
                    metrics,
                    resources,
                    schema,
                    new JsonCodec(mapper, jsonLimits),
                    types,
                    aggregates(),
                    projectionOptions != null ? projectionOptions : ProjectionOptions.defaults(),
                    traceOptions != null ? Tracing.inMemory(traceOptions) : Tracing.disabled(),
                    sessionDefaults,
                    tenancy,
                    tenantResolver));
            if (migrateOnStart) {
                store.schema().sync();
            }
            return store;
        } catch (RuntimeException | Error e) {
            resources.closeQuietly(e);
            throw e;
        }
    }

    /** The hand registrations and every registry's event types and upcasters, each checked against the others. */
    private EventTypes eventTypes() {
        EventTypes.Builder types = EventTypes.builder().unknownAsJson(unknownEventsAsJson);
        manualEventTypes.forEach(types::register);
        Registries.eventTypes().forEach(types::register);
        manualUpcasters.forEach(types::upcaster);
        Registries.upcasters().forEach(types::upcaster);
        return types.build();
    }

    /** The hand-added aggregates, then every registry's; the command bus refuses two handling one command type. */
    private List<AggregateDefinition<?, ?>> aggregates() {
        List<AggregateDefinition<?, ?>> all = new ArrayList<>(manualAggregates);
        all.addAll(Registries.aggregates());
        return all;
    }
}
