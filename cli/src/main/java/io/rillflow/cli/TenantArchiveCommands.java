package io.rillflow.cli;

import io.rillflow.Store;
import io.rillflow.archive.ArchiveReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tenants archive} and {@code tenants import}: a tenant's (or the store's own schema's) data to a JSON-lines
 * file and back into an empty tenant, through {@code store.tenants().export/importFrom} and
 * {@code store.admin().export}.
 */
final class TenantArchiveCommands {
    private TenantArchiveCommands() {}

    @Command(
            name = "archive",
            description = {
                "Writes a tenant's documents, streams, events, aliases and idempotency keys (and with --snapshots its"
                        + " snapshots) to DIR/<tenant>.jsonl, one consistent moment of the schema while the"
                        + " application runs; with --root, the store's own schema to DIR/<schema>.jsonl (on a"
                        + " conjoined schema: the tenant's rows, or with --root the default tenant's). Never"
                        + " overwrites a file."
            },
            footerHeading = "%nExamples:%n",
            footer = {
                "  rillflow tenants archive acme --output backups",
                "  rillflow tenants archive --root --output backups"
            })
    static final class Archive implements Runnable {
        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "TENANT", arity = "0..1", description = "The tenant id; leave it out with --root.")
        private String tenant;

        @Option(
                names = "--root",
                description = {
                    "Archive the store's own schema (--schema) instead of a tenant's: the first step from one schema"
                            + " to a schema per tenant.",
                    "Example: --root"
                })
        private boolean root;

        @Option(
                names = "--output",
                paramLabel = "DIR",
                required = true,
                description = {"The directory to write the file in; created if missing.", "Example: --output=backups"})
        private Path output;

        @Option(
                names = "--snapshots",
                description = {
                    "Include the aggregate snapshots (left out by default: they can be rebuilt).",
                    "Example: --snapshots"
                })
        private boolean snapshots;

        @Mixin
        private ConnectionOptions connection;

        @Mixin
        private TenancyOptions tenancy;

        @Override
        public void run() {
            if (root == (tenant != null)) {
                throw new IllegalArgumentException(
                        "Name the tenant to archive, or pass --root to archive the store's own schema (not both)");
            }
            try (Store store = connection.open(tenancy::apply)) {
                Path file = directory().resolve((root ? store.schemaName() : tenant) + ".jsonl");
                ArchiveReport report = root
                        ? store.admin().export(file, snapshots)
                        : store.tenants().export(tenant, file, snapshots);
                println(
                        spec,
                        "Archived "
                                + (root
                                        ? "schema " + store.schemaName()
                                        : "tenant " + tenant + " ("
                                                + tenancy.describe(tenant, store, connection.conjoined()) + ")")
                                + " to " + file + ": " + counts(report) + ".");
            }
        }

        private Path directory() {
            try {
                return Files.createDirectories(output);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the output directory " + output + ": " + e, e);
            }
        }
    }

    @Command(
            name = "import",
            description = {
                "Imports an archive (a tenant's, or the store's own schema's from archive --root) into a provisioned,"
                        + " empty tenant: all or nothing, in one transaction. Exit 3 if the tenant is not provisioned."
                        + " On a conjoined schema the events take new global positions, in the archive's order."
            },
            footerHeading = "%nExample:%n",
            footer = "  rillflow tenants ensure acme && rillflow tenants import acme --input backups/public.jsonl")
    static final class Import implements Runnable {
        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "TENANT", description = "The tenant id.")
        private String tenant;

        @Option(
                names = "--input",
                paramLabel = "FILE",
                required = true,
                description = {"The archive to import.", "Example: --input=backups/public.jsonl"})
        private Path input;

        @Mixin
        private ConnectionOptions connection;

        @Mixin
        private TenancyOptions tenancy;

        @Override
        public void run() {
            try (Store store = connection.open(tenancy::apply)) {
                ArchiveReport report = store.tenants().importFrom(tenant, input);
                println(
                        spec,
                        "Imported " + input + " into tenant " + tenant + " ("
                                + tenancy.describe(tenant, store, connection.conjoined()) + "): " + counts(report)
                                + ".");
            }
        }
    }

    private static String counts(ArchiveReport report) {
        return report.documentCount() + " documents, " + report.streams() + " streams, " + report.events()
                + " events, " + report.aliases() + " aliases, " + report.idempotencyKeys() + " idempotency keys, "
                + report.snapshots() + " snapshots";
    }

    private static void println(CommandSpec spec, String line) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(line);
        out.flush();
    }
}
