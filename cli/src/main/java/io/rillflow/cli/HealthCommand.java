package io.rillflow.cli;

import io.rillflow.Store;
import io.rillflow.schema.SchemaStatus;
import io.rillflow.tenancy.TenantStatus;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code health schema}: whether the store's schema, one tenant's or every tenant's is current, for a deploy script or
 * a cron job: exit 1 when any has pending migrations or drift. Like the other schema commands it knows no document
 * declarations, so it checks the versioned migrations only.
 */
@Command(
        name = "health",
        description = "Checks the store's health from its database.",
        synopsisSubcommandLabel = "schema")
final class HealthCommand {
    /** The columns of one schema's status, in {@code health schema} and {@code tenants status}. */
    static final List<String> COLUMNS = List.of("tenant", "schema", "up_to_date", "applied", "pending", "drift");

    @Spec
    private CommandSpec spec;

    /** Which schemas to check: the store's own by default. */
    static final class Scope {
        @Option(
                names = "--tenant",
                paramLabel = "TENANT",
                description = {"Check the tenant's schema instead of the store's own.", "Example: --tenant=acme"})
        String tenant;

        @Option(
                names = "--all-tenants",
                description = {"Check every provisioned tenant's schema, one line each.", "Example: --all-tenants"})
        boolean allTenants;
    }

    @Command(
            name = "schema",
            description = {
                "Prints, per schema, the migrations applied, those pending and any drift (an applied migration whose"
                        + " checksum differs from the shipped file). Exit 1 if any schema is not up to date; exit 3"
                        + " for an unknown tenant."
            },
            footerHeading = "%nExample:%n",
            footer = "  rillflow health schema --all-tenants --output=json")
    int schema(
            @ArgGroup(exclusive = true) Scope scope,
            @Mixin ConnectionOptions connection,
            @Mixin TenancyOptions tenancy,
            @Mixin OutputOptions output) {
        boolean tenants = scope != null && (scope.allTenants || scope.tenant != null);
        try (Store store = tenants ? connection.open(tenancy::apply) : connection.open()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            List<String> behind = new ArrayList<>();
            if (!tenants) {
                add(rows, behind, null, store.schema().status());
            } else {
                List<String> names = scope.allTenants ? store.tenants().list() : List.of(scope.tenant);
                for (String name : names) {
                    TenantStatus status = store.tenants().status(name);
                    add(rows, behind, name, status.schema());
                }
            }
            output.print(spec.commandLine().getOut(), COLUMNS, rows);
            if (behind.isEmpty()) {
                return 0;
            }
            PrintWriter err = spec.commandLine().getErr();
            err.println("rillflow: not up to date: " + String.join(", ", behind));
            err.flush();
            return Rillflow.FAILED;
        }
    }

    private static void add(List<Map<String, Object>> rows, List<String> behind, String tenant, SchemaStatus status) {
        rows.add(row(tenant, status));
        if (!status.isCurrent()) {
            behind.add(
                    tenant == null ? "schema " + status.schema() : "tenant " + tenant + " (" + status.schema() + ")");
        }
    }

    /** One schema's status as a row of {@link #COLUMNS}; {@code tenant} is null for the store's own schema. */
    static Map<String, Object> row(String tenant, SchemaStatus status) {
        return OutputOptions.row(
                "tenant", tenant,
                "schema", status.schema(),
                "up_to_date", status.isCurrent(),
                "applied", status.applied().size(),
                "pending",
                        String.join(
                                ", ",
                                status.pending().stream()
                                        .map(m -> String.format("%04d_%s", m.version(), m.name()))
                                        .toList()),
                "drift", String.join("; ", status.drift()));
    }
}
