package io.rillflow.cli;

import static io.rillflow.cli.OutputOptions.row;

import io.rillflow.events.EventTypeDefinition;
import io.rillflow.events.EventUpcaster;
import io.rillflow.spi.RillflowRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code upcasters list|path --classpath ...}: the application's event types, each with its current version and the
 * upcast steps (each from one version to the next) that bring its older stored versions up to it. Reads the generated
 * registries only; no database.
 */
@Command(
        name = "upcasters",
        description = "Shows the application's event types and their upcast chains, from --classpath.",
        synopsisSubcommandLabel = "(list | path)",
        subcommands = {UpcastersCommand.ListCommand.class, UpcastersCommand.PathCommand.class})
final class UpcastersCommand {
    private static final List<String> LIST_COLUMNS = List.of("event_type", "version", "class", "upcasts");
    private static final List<String> PATH_COLUMNS = List.of("event_type", "from_version", "to_version", "class");

    /** What the registries declare: each event type's classes by version, and the versions it has a step from. */
    private record Declared(Map<String, TreeMap<Integer, Class<?>>> classes, Map<String, Set<Integer>> steps) {
        static Declared of(List<RillflowRegistry> registries) {
            Map<String, TreeMap<Integer, Class<?>>> classes = new TreeMap<>();
            Map<String, Set<Integer>> steps = new TreeMap<>();
            for (RillflowRegistry registry : registries) {
                for (EventTypeDefinition type : registry.eventTypes()) {
                    classes.computeIfAbsent(type.name(), n -> new TreeMap<>()).putIfAbsent(type.version(), type.type());
                }
                for (EventUpcaster upcaster : registry.upcasters()) {
                    steps.computeIfAbsent(upcaster.eventName(), n -> new TreeSet<>())
                            .add(upcaster.fromVersion());
                }
            }
            return new Declared(classes, steps);
        }

        Set<Integer> stepsOf(String name) {
            return steps.getOrDefault(name, Set.of());
        }
    }

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
            Declared declared = application.readRegistries(Declared::of);
            List<Map<String, Object>> rows = new ArrayList<>();
            declared.classes()
                    .forEach((name, versions) -> rows.add(row(
                            "event_type", name,
                            "version", versions.lastKey(),
                            "class", versions.lastEntry().getValue().getName(),
                            "upcasts", chain(declared.stepsOf(name), versions.lastKey()))));
            output.print(spec.commandLine().getOut(), LIST_COLUMNS, rows);
            return 0;
        }

        /** {@code v1 -> v2 -> v3}, or null for a type with no upcaster. */
        private static String chain(Set<Integer> from, int version) {
            if (from.isEmpty()) {
                return null;
            }
            return from.stream().map(v -> "v" + v).collect(Collectors.joining(" -> ")) + " -> v" + version;
        }
    }

    @Command(
            name = "path",
            description = {
                "Shows the upcast steps a stored event of EVENT_TYPE takes from --from (default 1) to the current"
                        + " version, one per line, with the class each version is declared as; exit 1 if a step is"
                        + " missing (stored events of that version cannot be read)."
            },
            footerHeading = "%nExample:%n",
            footer = "  rillflow upcasters path ItemAdded --from=1 --classpath=target/app.jar")
    static final class PathCommand implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private ApplicationClasspath application;

        @Mixin
        private OutputOptions output;

        @Parameters(paramLabel = "EVENT_TYPE", description = "The stored event type name.")
        private String eventType;

        @Option(
                names = "--from",
                defaultValue = "1",
                paramLabel = "VERSION",
                description = {"The stored version to start from.", "Example: --from=2"})
        private int from;

        @Override
        public Integer call() {
            Declared declared = application.readRegistries(Declared::of);
            TreeMap<Integer, Class<?>> versions = declared.classes().get(eventType);
            if (versions == null) {
                throw new NotFoundException("The --classpath declares no event type " + eventType + "; it declares "
                        + declared.classes().keySet());
            }
            int current = versions.lastKey();
            if (from < 1 || from > current) {
                throw new IllegalArgumentException("--from must be between 1 and " + current
                        + " (the current version of " + eventType + "), was " + from);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            Integer missing = null;
            for (int v = from; v < current; v++) {
                if (!declared.stepsOf(eventType).contains(v)) {
                    missing = missing == null ? v : missing;
                    continue;
                }
                rows.add(step(eventType, v, v + 1, versions.get(v)));
            }
            rows.add(step(eventType, current, null, versions.get(current)));
            output.print(spec.commandLine().getOut(), PATH_COLUMNS, rows);
            if (missing != null) {
                throw new IllegalStateException("Event type " + eventType + " has no upcaster from v" + missing
                        + ": stored v" + missing + " events cannot be read as v" + current);
            }
            return 0;
        }

        private static Map<String, Object> step(String type, int from, Integer to, Class<?> declaredAs) {
            return row(
                    "event_type", type,
                    "from_version", from,
                    "to_version", to,
                    "class", declaredAs == null ? null : declaredAs.getName());
        }
    }
}
