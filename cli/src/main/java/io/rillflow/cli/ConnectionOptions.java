package io.rillflow.cli;

import io.rillflow.Store;
import io.rillflow.StoreBuilder;
import io.rillflow.tenancy.TenancyStrategy;
import java.time.Duration;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Where the store is: {@code --database-url} (or {@code DATABASE_URL}), {@code --schema}, and {@code --verbose}. */
final class ConnectionOptions {
    static final String DATABASE_URL = "DATABASE_URL";

    /** An admin command runs one statement at a time, and perhaps a transaction beside it. */
    private static final int ADMIN_CONNECTIONS = 2;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(
            names = "--database-url",
            paramLabel = "URL",
            description = {
                "The database: jdbc:postgresql://host:port/db?user=U&password=P or postgres://U:P@host:port/db."
                        + " Defaults to the DATABASE_URL environment variable. The password is never printed.",
                "Example: --database-url=postgres://app:PASSWORD@db.internal:5432/app"
            })
    private String databaseUrl;

    @Option(
            names = "--schema",
            paramLabel = "SCHEMA",
            defaultValue = "public",
            description = {"The PostgreSQL schema holding the store's rf_ tables.", "Example: --schema=billing"})
    private String schema;

    /** The store's tenancy, when the command should not take it from the schema. */
    enum Tenancy {
        /** Conjoined if the schema applied the conjoined migrations, else as the command builds it. */
        auto,
        /** Conjoined, even on a schema that is not yet: {@code schema-sync} then makes it conjoined. */
        conjoined
    }

    @Option(
            names = "--tenancy",
            paramLabel = "auto|conjoined",
            defaultValue = "auto",
            description = {
                "auto: open a conjoined schema (one found to have applied the conjoined migrations) conjoined, any"
                        + " other as the command needs; conjoined: open it conjoined in any case, so that schema-sync"
                        + " creates a conjoined schema or makes a single-tenant one conjoined (for good).",
                "Example: --tenancy=conjoined"
            })
    private Tenancy tenancy;

    @Option(
            names = "--verbose",
            description = {"Print the stack trace of a failure too.", "Example: --verbose"})
    @SuppressWarnings("unused") // Failures reads it from the parse result: a failure may come before this is reached.
    private boolean verbose;

    private boolean conjoined;

    /**
     * Opens a store on a schema that has Rillflow's tables; the command closes it.
     *
     * @throws NotFoundException if the schema has none (a mistyped {@code --schema}, or a database never synced)
     */
    Store openStore() {
        return openStore(ADMIN_CONNECTIONS);
    }

    /** As {@link #openStore()}, with a pool of {@code maxConnections}. */
    Store openStore(int maxConnections) {
        return openStore(maxConnections, UnaryOperator.identity());
    }

    /** As {@link #openStore()}, with {@code settings} applied to the builder last (tenancy, say). */
    Store openStore(UnaryOperator<StoreBuilder> settings) {
        return openStore(ADMIN_CONNECTIONS, settings);
    }

    /** As {@link #openStore()}, with a pool of {@code maxConnections} and {@code settings} applied last. */
    Store openStore(int maxConnections, UnaryOperator<StoreBuilder> settings) {
        Store store = open(maxConnections, settings);
        if (store.schema().applied().isEmpty()) {
            store.close();
            throw new NotFoundException("Schema " + schema + " has no Rillflow tables: check --schema, or create them"
                    + " with rillflow schema-sync");
        }
        return store;
    }

    /**
     * Opens a store on the database without migrating it, conjoined if the schema is ({@link #conjoined()}); the
     * command closes it.
     *
     * @throws IllegalArgumentException if no database is given, or its URL is malformed
     */
    Store open() {
        return open(UnaryOperator.identity());
    }

    /** As {@link #open()}, with {@code settings} applied to the builder last (a meter registry, say). */
    Store open(UnaryOperator<StoreBuilder> settings) {
        return open(ADMIN_CONNECTIONS, settings);
    }

    /**
     * As {@link #open(UnaryOperator)}, without asking the database for the schema's tenancy first: for a server that
     * must start while the database is down ({@code --tenancy=conjoined} is honoured).
     */
    Store openAsConfigured(UnaryOperator<StoreBuilder> settings) {
        conjoined = tenancy == Tenancy.conjoined;
        return build(ADMIN_CONNECTIONS, conjoined ? conjoined(settings) : settings);
    }

    /**
     * Whether the schema the last open found is conjoined: the store was then built with
     * {@link TenancyStrategy#conjoined()} (whatever tenancy {@code settings} chose), its {@code --tenant} a tenant's rows.
     */
    boolean conjoined() {
        return conjoined;
    }

    /**
     * Builds the store as {@code settings} say, unless the schema applied the conjoined migrations: a store of another
     * tenancy would be refused there (or touch the default tenant's rows only), so it is built conjoined instead.
     */
    private Store open(int maxConnections, UnaryOperator<StoreBuilder> settings) {
        if (tenancy == Tenancy.conjoined) {
            conjoined = true;
            return build(maxConnections, conjoined(settings));
        }
        Store store = build(maxConnections, settings);
        conjoined = store.schema().isConjoined();
        if (!conjoined) {
            return store;
        }
        store.close();
        return build(maxConnections, conjoined(settings));
    }

    private static UnaryOperator<StoreBuilder> conjoined(UnaryOperator<StoreBuilder> settings) {
        return builder -> settings.apply(builder).tenancy(TenancyStrategy.conjoined());
    }

    private Store build(int maxConnections, UnaryOperator<StoreBuilder> settings) {
        Rillflow root = (Rillflow) command.root().userObject();
        String url = databaseUrl != null ? databaseUrl : root.environment(DATABASE_URL);
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("No database: pass --database-url or set " + DATABASE_URL);
        }
        root.mask().remember(url);
        return settings.apply(Store.builder(url)
                        .schema(schema)
                        .migrateOnStart(false)
                        .maxConnections(maxConnections)
                        .connectTimeout(Duration.ofSeconds(5)))
                .build();
    }
}
