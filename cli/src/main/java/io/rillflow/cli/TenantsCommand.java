package io.rillflow.cli;

import static io.rillflow.cli.OutputOptions.row;

import io.rillflow.Store;
import io.rillflow.schema.Migration;
import io.rillflow.schema.SchemaPlan;
import io.rillflow.tenancy.TenantStatus;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tenants ensure|list|exists|status|sync|drop} (and {@link TenantArchiveCommands}' archive and import): the
 * tenants of a schema-per-tenant store, or of a conjoined schema (found by its migrations), through the runtime's
 * {@code store.tenants()}. The command knows no {@code @Document} declarations, so it provisions and migrates the
 * versioned migrations only; the application's {@code tenants().ensure(..)} adds its document tables and indexes.
 */
@Command(
        name = "tenants",
        description = "Provisions, lists, migrates and drops the tenants of a schema-per-tenant or conjoined store.",
        synopsisSubcommandLabel = "(ensure | list | exists | status | sync | partition | drop | archive | import)",
        subcommands = {TenantArchiveCommands.Archive.class, TenantArchiveCommands.Import.class})
final class TenantsCommand {
    private static final List<String> COLUMNS = List.of("tenant", "schema");
    /** On a conjoined schema: whether the tenant has a partition of its own ("own") or shares the default one. */
    private static final String PARTITION = "partition";

    private static final List<String> SYNC_COLUMNS = List.of("tenant", "schema", "up_to_date", "applied");

    @Spec
    private CommandSpec spec;

    @Command(
            name = "ensure",
            description = {
                "Provisions a tenant: creates its schema and applies every migration, under the advisory lock the"
                        + " application's nodes take (safe while they run). Idempotent. On a conjoined schema it"
                        + " registers the tenant in rf_tenants."
            },
            footerHeading = "%nExample:%n",
            footer = "  rillflow tenants ensure acme")
    int ensure(
            @Parameters(paramLabel = "TENANT", description = "The tenant id: lower-case letters, digits, underscores.")
                    String tenant,
            @Mixin ConnectionOptions connection,
            @Mixin TenancyOptions tenancy) {
        try (Store store = connection.open(tenancy::apply)) {
            boolean changed = store.tenants().ensure(tenant);
            String where = tenancy.describe(tenant, store, connection.conjoined());
            println(
                    changed
                            ? "Provisioned tenant " + tenant + " in " + where + "."
                            : "Tenant " + tenant + " in " + where + " was up to date.");
            return 0;
        }
    }

    @Command(
            name = "list",
            description = "Lists the provisioned tenants, sorted, with their schemas.",
            footerHeading = "%nExample:%n",
            footer = "  rillflow tenants list --output=json")
    int list(@Mixin ConnectionOptions connection, @Mixin TenancyOptions tenancy, @Mixin OutputOptions output) {
        try (Store store = connection.open(tenancy::apply)) {
            boolean conjoined = connection.conjoined();
            List<String> own = store.tenants().partitioned();
            List<Map<String, Object>> rows = new ArrayList<>();
            for (String tenant : store.tenants().list()) {
                Map<String, Object> row = row("tenant", tenant, "schema", tenancy.schemaOf(tenant, store, conjoined));
                if (conjoined) {
                    row.put(PARTITION, partition(own.contains(tenant)));
                }
                rows.add(row);
            }
            output.print(spec.commandLine().getOut(), conjoined ? withPartition(COLUMNS) : COLUMNS, rows);
            return 0;
        }
    }

    @Command(
            name = "exists",
            description = "Prints the tenant and its schema if it is provisioned; exit 3 if it is not.",
            footerHeading = "%nExample:%n",
            footer = "  rillflow tenants exists acme")
    int exists(
            @Parameters(paramLabel = "TENANT", description = "The tenant id.") String tenant,
            @Mixin ConnectionOptions connection,
            @Mixin TenancyOptions tenancy,
            @Mixin OutputOptions output) {
        try (Store store = connection.open(tenancy::apply)) {
            String schema = tenancy.schemaOf(tenant, store, connection.conjoined());
            if (!store.tenants().exists(tenant)) {
                throw notFound(tenant, tenancy.describe(tenant, store, connection.conjoined()));
            }
            output.print(spec.commandLine().getOut(), COLUMNS, List.of(row("tenant", tenant, "schema", schema)));
            return 0;
        }
    }

    @Command(
            name = "status",
            description = {
                "Prints the tenant's schema, the number of migrations applied, those pending and any drift (an applied"
                        + " migration whose checksum differs from the shipped file); exit 3 if it is not provisioned."
            },
            footerHeading = "%nExample:%n",
            footer = "  rillflow tenants status acme --output=json")
    int status(
            @Parameters(paramLabel = "TENANT", description = "The tenant id.") String tenant,
            @Mixin ConnectionOptions connection,
            @Mixin TenancyOptions tenancy,
            @Mixin OutputOptions output) {
        try (Store store = connection.open(tenancy::apply)) {
            TenantStatus status = store.tenants().status(tenant);
            Map<String, Object> row = HealthCommand.row(tenant, status.schema());
            boolean conjoined = connection.conjoined();
            if (conjoined) {
                row.put(PARTITION, partition(status.ownPartition()));
            }
            output.print(
                    spec.commandLine().getOut(),
                    conjoined ? withPartition(HealthCommand.COLUMNS) : HealthCommand.COLUMNS,
                    List.of(row));
            return 0;
        }
    }

    @Command(
            name = "sync",
            description = {
                "After an upgrade: applies the pending migrations to every provisioned tenant, one after another, each"
                        + " under its own lock, printing each tenant done to stderr. A failure stops at that tenant;"
                        + " running it again resumes."
            },
            footerHeading = "%nExample:%n",
            footer = "  rillflow tenants sync --output=json")
    int sync(@Mixin ConnectionOptions connection, @Mixin TenancyOptions tenancy, @Mixin OutputOptions output) {
        try (Store store = connection.open(tenancy::apply)) {
            List<Map<String, Object>> rows = new ArrayList<>();
            // Progress goes to stderr, so that stdout stays the table (or JSON) alone.
            PrintWriter err = spec.commandLine().getErr();
            store.tenants()
                    .sync(progress -> {
                        err.println("Synced " + progress.done() + "/" + progress.total() + ": " + progress.tenant()
                                + " ("
                                + (progress.applied().pending().isEmpty()
                                        ? "up to date"
                                        : "applied "
                                                + progress.applied().pending().size() + " migrations")
                                + ")");
                        err.flush();
                    })
                    .forEach((tenant, plan) -> rows.add(synced(tenant, plan)));
            output.print(spec.commandLine().getOut(), SYNC_COLUMNS, rows);
            return 0;
        }
    }

    @Command(
            name = "partition",
            description = {
                "On a conjoined schema: gives a large tenant a partition of its own, moving its rows there in one"
                        + " transaction that holds the shared tables' exclusive locks (the application's writes and"
                        + " reads of every tenant wait for it, nothing is lost). Idempotent. Refused (exit 2) on a"
                        + " schema that is not conjoined; exit 3 if the tenant is not provisioned."
            },
            footerHeading = "%nExample:%n",
            footer = "  rillflow tenants partition acme")
    int partition(
            @Parameters(paramLabel = "TENANT", description = "The tenant id.") String tenant,
            @Mixin ConnectionOptions connection,
            @Mixin TenancyOptions tenancy) {
        try (Store store = connection.open(tenancy::apply)) {
            if (!connection.conjoined()) {
                throw new IllegalArgumentException("Refusing to partition tenant " + tenant + ": schema "
                        + store.schemaName() + " is not conjoined, and each tenant of a schema-per-tenant store has"
                        + " tables of its own already");
            }
            String where = tenancy.describe(tenant, store, true);
            println(
                    store.tenants().partition(tenant)
                            ? "Moved tenant " + tenant + " into a partition of its own in " + where + "."
                            : "Tenant " + tenant + " in " + where + " had a partition of its own already.");
            return 0;
        }
    }

    @Command(
            name = "drop",
            description = {
                "Drops a tenant's schema with all its documents, events and snapshots, for good. Refused without"
                        + " --force. Exit 3 if the tenant has no schema. On a conjoined schema it deletes the tenant's"
                        + " rows from every table, in one transaction."
            },
            footerHeading = "%nExample:%n",
            footer = "  rillflow tenants drop acme --force")
    int drop(
            @Parameters(paramLabel = "TENANT", description = "The tenant id.") String tenant,
            @Option(
                            names = "--force",
                            description = {
                                "Confirms that the tenant's schema and all its data are to be deleted.",
                                "Example: --force"
                            })
                    boolean force,
            @Mixin ConnectionOptions connection,
            @Mixin TenancyOptions tenancy) {
        boolean conjoined;
        String where;
        // A conjoined schema's tenant is dropped by deleting its rows; the command learns which when it connects.
        try (Store store = connection.open(tenancy::apply)) {
            conjoined = connection.conjoined();
            where = tenancy.describe(tenant, store, conjoined);
            if (force) {
                // The runtime's confirmation: the schema to drop, or, for a conjoined one, the tenant id itself.
                if (!store.tenants().drop(tenant, conjoined ? tenant : tenancy.schemaOf(tenant, store, false))) {
                    throw notFound(tenant, where);
                }
                println(
                        conjoined
                                ? "Dropped tenant " + tenant + " and its rows of " + where + "."
                                : "Dropped tenant " + tenant + " and its " + where + ".");
                return 0;
            }
        }
        throw new IllegalArgumentException("Refusing to drop tenant " + tenant + ": it deletes "
                + (conjoined ? "all its rows of " + where : where + " and all its data")
                + " for good; add --force to confirm");
    }

    private void println(String line) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(line);
        out.flush();
    }

    /** @param where {@link TenancyOptions#describe} */
    private static NotFoundException notFound(String tenant, String where) {
        return new NotFoundException(
                where.startsWith("conjoined ")
                        ? "No tenant " + tenant + " is provisioned in " + where
                        : "No tenant " + tenant + ": " + where + " holds no Rillflow tables");
    }

    private static String partition(boolean own) {
        return own ? "own" : "default";
    }

    private static List<String> withPartition(List<String> columns) {
        List<String> all = new ArrayList<>(columns);
        all.add(PARTITION);
        return all;
    }

    private static Map<String, Object> synced(String tenant, SchemaPlan plan) {
        List<String> applied = plan.pending().stream().map(TenantsCommand::name).toList();
        return row(
                "tenant", tenant,
                "schema", plan.schema(),
                "up_to_date", applied.isEmpty(),
                "applied", String.join(", ", applied));
    }

    private static String name(Migration m) {
        return String.format("%04d_%s", m.version(), m.name());
    }
}
