package io.rillflow.cli;

import static io.rillflow.cli.OutputOptions.row;

import io.rillflow.events.EventTypeDefinition;
import io.rillflow.events.EventUpcaster;
import io.rillflow.spi.RillflowRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code upcasters list --classpath ...}: the application's event types, each with its current version and the
 * upcast steps that bring its older stored versions up to it. Reads the generated registries only; no database.
 */
@Command(
        name = "upcasters",
        description = "Shows the application's event types and their upcast chains, from --classpath.",
        synopsisSubcommandLabel = "(list)",
        subcommands = {UpcastersCommand.ListCommand.class})
final class UpcastersCommand {
    private static final List<String> COLUMNS = List.of("event_type", "version", "class", "upcasts");

    @Command(
            name = "list",
            description = {
                "Lists every event type the application declares, with its current version, its class, and its"
                        + " upcast chain (v1 -> v2 -> v3: a stored v1 event is read as v3)."
            },
            footerHeading = "%nExample:%n",
            footer = "  rillflow upcasters list --classpath=target/app.jar --output=json")
    static final class ListCommand implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private ApplicationClasspath application;

        @Mixin
        private OutputOptions output;

        @Override
        public Integer call() {
            output.print(spec.commandLine().getOut(), COLUMNS, application.readRegistries(ListCommand::rows));
            return 0;
        }

        private static List<Map<String, Object>> rows(List<RillflowRegistry> registries) {
            Map<String, EventTypeDefinition> current = new TreeMap<>();
            for (RillflowRegistry registry : registries) {
                for (EventTypeDefinition type : registry.eventTypes()) {
                    current.merge(type.name(), type, (a, b) -> b.version() > a.version() ? b : a);
                }
            }
            Map<String, List<Integer>> steps = new TreeMap<>();
            for (RillflowRegistry registry : registries) {
                for (EventUpcaster upcaster : registry.upcasters()) {
                    steps.computeIfAbsent(upcaster.eventName(), n -> new ArrayList<>())
                            .add(upcaster.fromVersion());
                }
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            current.forEach((name, type) -> rows.add(row(
                    "event_type", name,
                    "version", type.version(),
                    "class", type.type().getName(),
                    "upcasts", chain(steps.get(name), type.version()))));
            return rows;
        }

        /** {@code v1 -> v2 -> v3}, or null for a type stored at one version only. */
        private static String chain(List<Integer> from, int version) {
            if (from == null) {
                return null;
            }
            return from.stream().distinct().sorted().map(v -> "v" + v).collect(Collectors.joining(" -> ")) + " -> v"
                    + version;
        }
    }
}
