package io.rillflow.cli;

import io.rillflow.Store;
import io.rillflow.schema.Migration;
import io.rillflow.schema.SchemaPlan;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code schema-plan} and {@code schema-sync}: the store's versioned migrations. The command knows no document
 * declarations (they live in the application's generated registries), so it plans and applies the migrations only;
 * document tables and indexes are synced by the application.
 */
final class SchemaCommands {
    private SchemaCommands() {}

    /** Shows the pending migrations' DDL without applying it. */
    @Command(
            name = "schema-plan",
            description = {
                "Shows the migrations schema-sync would apply, with their DDL; changes nothing. With --tenant, those"
                        + " of the tenant's schema (tenants sync applies them); with --all-tenants, one row per"
                        + " tenant (the DDL in --output=json)."
            },
            footerHeading = "%nExamples:%n",
            footer = {"  rillflow schema-plan --schema=billing --output=json", "  rillflow schema-plan --all-tenants"})
    static final class Plan implements Callable<Integer> {
        private static final List<String> TENANT_COLUMNS = List.of("schema", "up_to_date", "pending");

        @Spec
        private CommandSpec spec;

        @Mixin
        private ConnectionOptions connection;

        @Mixin
        private TenantScope scope;

        @Mixin
        private OutputOptions output;

        @Override
        public Integer call() {
            try (Store root = connection.open(scope::apply)) {
                PrintWriter out = spec.commandLine().getOut();
                List<Map<String, Object>> rows = new ArrayList<>();
                for (Map.Entry<String, Store> tenant :
                        scope.stores(root, connection.conjoined()).entrySet()) {
                    SchemaPlan plan = tenant.getValue().schema().plan();
                    if (output.json() || scope.allTenants()) {
                        rows.add(scope.row(
                                tenant.getKey(),
                                OutputOptions.row(
                                        "schema", plan.schema(),
                                        "pending",
                                                output.json()
                                                        ? names(plan.pending())
                                                        : String.join(", ", names(plan.pending())),
                                        "up_to_date", plan.isEmpty(),
                                        "ddl", plan.ddl())));
                    } else if (plan.isEmpty()) {
                        out.println("Schema " + plan.schema() + " is up to date.");
                    } else {
                        out.println(plan.ddl());
                    }
                }
                if (output.json() || scope.allTenants()) {
                    output.print(out, scope.columns(TENANT_COLUMNS), rows);
                }
                out.flush();
                return 0;
            }
        }
    }

    /** Applies the pending migrations under the schema lock. */
    @Command(
            name = "schema-sync",
            description = {
                "Applies the pending migrations in one transaction, under the advisory lock application nodes take,"
                        + " so it is safe while they run. Creates the schema if it does not exist."
            },
            footerHeading = "%nExample:%n",
            footer = "  rillflow schema-sync --database-url=postgres://app:PASSWORD@db:5432/app")
    static final class Sync implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private ConnectionOptions connection;

        @Override
        public Integer call() {
            try (Store store = connection.open()) {
                SchemaPlan applied = store.schema().sync();
                PrintWriter out = spec.commandLine().getOut();
                if (applied.pending().isEmpty()) {
                    out.println("Schema " + applied.schema() + " was up to date.");
                } else {
                    out.println("Applied to schema " + applied.schema() + ": "
                            + String.join(", ", names(applied.pending())));
                }
                out.flush();
                return 0;
            }
        }
    }

    private static List<String> names(List<Migration> migrations) {
        return migrations.stream()
                .map(m -> String.format("%04d_%s", m.version(), m.name()))
                .toList();
    }
}
