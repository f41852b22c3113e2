package io.rillflow.cli;

import static io.rillflow.cli.OutputOptions.row;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rillflow.Store;
import io.rillflow.admin.RawDocument;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code docs list|get|soft-delete|restore}: documents by table name, without the application's classes. NAME is the
 * {@code <name>} of table {@code rf_doc_<name>}; ID is parsed as the table's id type (UUID, number or text).
 */
@Command(
        name = "docs",
        description = "Reads, soft-deletes and restores documents by table name, as JSON.",
        synopsisSubcommandLabel = "(list | get | soft-delete | restore | index-advisor | explain-sql)",
        subcommands = {DocsAdvisorCommands.IndexAdvisor.class, DocsAdvisorCommands.ExplainSql.class})
final class DocsCommand {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> COLUMNS =
            List.of("id", "version", "created_at", "updated_at", "deleted_at", "data");

    @Spec
    private CommandSpec spec;

    @Command(
            name = "list",
            description = "Lists the document tables of the schema by NAME (the <name> of rf_doc_<name>).",
            footerHeading = "%nExample:%n",
            footer = "  rillflow docs list --output=json")
    int list(@Mixin ConnectionOptions connection, @Mixin TenantOption tenant, @Mixin OutputOptions output) {
        try (Store root = connection.openStore(tenant::apply)) {
            Store store = tenant.scope(root);
            List<Map<String, Object>> rows = store.admin().documentNames().stream()
                    .map(name -> row("name", name, "table", "rf_doc_" + name))
                    .toList();
            output.print(spec.commandLine().getOut(), List.of("name", "table"), rows);
            return 0;
        }
    }

    @Command(
            name = "get",
            description =
                    "Prints one document, live or soft-deleted, with its version and timestamps (exit 3 if none).",
            footerHeading = "%nExample:%n",
            footer = "  rillflow docs get customer 8d3e6f0a-2c4b-4f7e-9b1d-5a6c7e8f9012 --output=json")
    int get(
            @Parameters(index = "0", paramLabel = "NAME", description = "The document table: rf_doc_<NAME>.")
                    String name,
            @Parameters(index = "1", paramLabel = "ID", description = "The document's id.") String id,
            @Mixin ConnectionOptions connection,
            @Mixin TenantOption tenant,
            @Mixin OutputOptions output) {
        try (Store root = connection.openStore(tenant::apply)) {
            Store store = tenant.scope(root);
            RawDocument document = store.admin()
                    .document(name, id)
                    .orElseThrow(() -> new NotFoundException("No document " + id + " in rf_doc_" + name + " of "
                            + tenant.rowsOf(store, connection.conjoined())));
            Map<String, Object> row = row(
                    "id", document.id(),
                    "version", document.version(),
                    "created_at", document.createdAt(),
                    "updated_at", document.updatedAt(),
                    "deleted_at", document.deletedAt(),
                    "data", tree(document.json()));
            output.print(spec.commandLine().getOut(), COLUMNS, List.of(row));
            return 0;
        }
    }

    @Command(
            name = "soft-delete",
            description = {
                "Soft-deletes a document (queries and get() no longer see it; restore brings it back), raising its"
                        + " version. Already soft-deleted: nothing changes, exit 0. No such document: exit 3."
            },
            footerHeading = "%nExample:%n",
            footer = "  rillflow docs soft-delete customer 8d3e6f0a-2c4b-4f7e-9b1d-5a6c7e8f9012")
    int softDelete(
            @Parameters(index = "0", paramLabel = "NAME", description = "The document table: rf_doc_<NAME>.")
                    String name,
            @Parameters(index = "1", paramLabel = "ID", description = "The document's id.") String id,
            @Mixin ConnectionOptions connection,
            @Mixin TenantOption tenant) {
        try (Store root = connection.openStore(tenant::apply)) {
            Store store = tenant.scope(root);
            boolean changed = store.admin().softDeleteDocument(name, id);
            say(changed ? "Soft-deleted " + name + " " + id + "." : name + " " + id + " was soft-deleted already.");
            return 0;
        }
    }

    @Command(
            name = "restore",
            description = {
                "Restores a soft-deleted document, raising its version. Already live: nothing changes, exit 0."
                        + " No such document: exit 3."
            },
            footerHeading = "%nExample:%n",
            footer = "  rillflow docs restore customer 8d3e6f0a-2c4b-4f7e-9b1d-5a6c7e8f9012")
    int restore(
            @Parameters(index = "0", paramLabel = "NAME", description = "The document table: rf_doc_<NAME>.")
                    String name,
            @Parameters(index = "1", paramLabel = "ID", description = "The document's id.") String id,
            @Mixin ConnectionOptions connection,
            @Mixin TenantOption tenant) {
        try (Store root = connection.openStore(tenant::apply)) {
            Store store = tenant.scope(root);
            boolean changed = store.admin().restoreDocument(name, id);
            say(changed ? "Restored " + name + " " + id + "." : name + " " + id + " was live already.");
            return 0;
        }
    }

    private void say(String line) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(line);
        out.flush();
    }

    private static Object tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The stored document is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
