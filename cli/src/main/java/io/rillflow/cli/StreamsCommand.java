package io.rillflow.cli;

import static io.rillflow.cli.OutputOptions.row;

import com.fasterxml.jackson.databind.JsonNode;
import io.rillflow.Store;
import io.rillflow.admin.StreamAlias;
import io.rillflow.events.EventEnvelope;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code streams resolve|read|list}: event streams and their aliases, read-only. */
@Command(
        name = "streams",
        description = "Reads event streams and their aliases; changes nothing.",
        synopsisSubcommandLabel = "(resolve | read | list)")
final class StreamsCommand {
    private static final List<String> ALIAS_COLUMNS = List.of("alias", "stream_id", "version", "created_at");
    private static final List<String> EVENT_COLUMNS =
            List.of("global_seq", "stream_seq", "type", "type_version", "created_at", "data");

    @Spec
    private CommandSpec spec;

    @Command(
            name = "resolve",
            description =
                    "Prints the stream id a recorded alias names (exit 3 if it was never resolved); records nothing.",
            footerHeading = "%nExample:%n",
            footer = "  rillflow streams resolve orders:42")
    int resolve(
            @Parameters(paramLabel = "ALIAS", description = "The alias, e.g. orders:42.") String alias,
            @Mixin ConnectionOptions connection,
            @Mixin TenantOption tenant,
            @Mixin OutputOptions output) {
        try (Store root = connection.openStore(tenant::apply)) {
            Store store = tenant.scope(root);
            UUID id = store.admin()
                    .streamAlias(alias)
                    .orElseThrow(() -> new NotFoundException("No stream alias \"" + alias + "\" is recorded "
                            + tenant.rowsOf(store, connection.conjoined(), "for")));
            output.print(
                    spec.commandLine().getOut(),
                    List.of("alias", "stream_id"),
                    List.of(row("alias", alias, "stream_id", id)));
            return 0;
        }
    }

    @Command(
            name = "read",
            description =
                    "Prints the events of a stream in order, with their JSON payloads (exit 3 if the stream has none).",
            footerHeading = "%nExample:%n",
            footer = "  rillflow streams read 3f1c2a9e-5b7d-4e21-9a0c-6d8e2f4b1a73 --from=10 --limit=20 --output=json")
    int read(
            @Parameters(paramLabel = "STREAM_ID", description = "The stream's id, a UUID (see streams resolve).")
                    UUID streamId,
            @Option(
                            names = "--from",
                            defaultValue = "1",
                            paramLabel = "N",
                            description = {
                                "The first stream position to print (1 = the first event).",
                                "Example: --from=10"
                            })
                    long from,
            @Option(
                            names = "--limit",
                            defaultValue = "100",
                            paramLabel = "N",
                            description = {"At most this many events.", "Example: --limit=20"})
                    int limit,
            @Mixin ConnectionOptions connection,
            @Mixin TenantOption tenant,
            @Mixin OutputOptions output) {
        requirePositive("--from", from);
        requirePositive("--limit", limit);
        try (Store root = connection.openStore(tenant::apply)) {
            Store store = tenant.scope(root);
            if (store.events().stream(streamId).isEmpty()) {
                throw new NotFoundException(
                        "No stream " + streamId + " " + tenant.rowsOf(store, connection.conjoined(), "of"));
            }
            List<Map<String, Object>> rows = store.events().readStream(streamId, from, limit).stream()
                    .map(StreamsCommand::event)
                    .toList();
            output.print(spec.commandLine().getOut(), EVENT_COLUMNS, rows);
            return 0;
        }
    }

    @Command(
            name = "list",
            description = "Lists the recorded stream aliases, sorted, with their streams' versions.",
            footerHeading = "%nExample:%n",
            footer = "  rillflow streams list --prefix=orders: --limit=50")
    int list(
            @Option(
                            names = "--prefix",
                            defaultValue = "",
                            paramLabel = "TEXT",
                            description = {
                                "Only aliases starting with this text (taken literally).",
                                "Example: --prefix=orders:"
                            })
                    String prefix,
            @Option(
                            names = "--limit",
                            defaultValue = "100",
                            paramLabel = "N",
                            description = {"At most this many aliases.", "Example: --limit=50"})
                    int limit,
            @Mixin ConnectionOptions connection,
            @Mixin TenantOption tenant,
            @Mixin OutputOptions output) {
        requirePositive("--limit", limit);
        try (Store root = connection.openStore(tenant::apply)) {
            Store store = tenant.scope(root);
            List<Map<String, Object>> rows = store.admin().streamAliases(prefix, limit).stream()
                    .map(StreamsCommand::alias)
                    .toList();
            output.print(spec.commandLine().getOut(), ALIAS_COLUMNS, rows);
            return 0;
        }
    }

    static void requirePositive(String option, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be 1 or more, was " + value);
        }
    }

    private static Map<String, Object> alias(StreamAlias alias) {
        return row(
                "alias", alias.alias(),
                "stream_id", alias.streamId(),
                "version", alias.version(),
                "created_at", alias.createdAt());
    }

    private static Map<String, Object> event(EventEnvelope e) {
        JsonNode data = e.data();
        return row(
                "global_seq", e.globalSeq(),
                "stream_id", e.streamId(),
                "stream_seq", e.streamSeq(),
                "type", e.type(),
                "type_version", e.typeVersion(),
                "created_at", e.createdAt(),
                "data", data,
                "headers", e.headers());
    }
}
