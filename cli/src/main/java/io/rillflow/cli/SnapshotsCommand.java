package io.rillflow.cli;

import static io.rillflow.cli.OutputOptions.row;

import io.rillflow.Store;
import io.rillflow.aggregates.AggregateDefinition;
import io.rillflow.aggregates.AggregateRepository;
import io.rillflow.aggregates.Snapshotter;
import io.rillflow.spi.RillflowRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToIntFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code snapshots compact-once|run-until-idle --classpath ...}: snapshots the streams of the application's aggregates
 * that have grown far past their latest snapshot, folding them with the application's own {@code @Apply} code. Safe
 * beside the application: a snapshot only ever replaces an older one.
 */
@Command(
        name = "snapshots",
        description = "Compacts long aggregate streams into snapshots, with the application's code from --classpath.",
        synopsisSubcommandLabel = "(compact-once | run-until-idle)",
        subcommands = {SnapshotsCommand.CompactOnce.class, SnapshotsCommand.RunUntilIdle.class})
final class SnapshotsCommand {
    private static final List<String> COLUMNS = List.of("aggregate", "snapshots");

    /** The options of both commands, and the run over every declared aggregate (or the one named). */
    abstract static class Compact implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ConnectionOptions connection;

        @Mixin
        ApplicationClasspath application;

        @Mixin
        OutputOptions output;

        @Option(
                names = "--threshold",
                required = true,
                paramLabel = "N",
                description = {
                    "Snapshot a stream once it is this many events past its latest snapshot, 1 or more.",
                    "Example: --threshold=100"
                })
        long threshold;

        @Option(
                names = "--batch",
                defaultValue = "100",
                paramLabel = "M",
                description = {
                    "At most this many streams per aggregate type and round, 1 or more.",
                    "Example: --batch=50"
                })
        int batch;

        @Option(
                names = "--aggregate",
                paramLabel = "NAME",
                description = {"Only this aggregate type (default: every declared one).", "Example: --aggregate=order"})
        String aggregate;

        @Override
        public Integer call() {
            if (threshold < 1 || batch < 1) {
                throw new IllegalArgumentException(
                        "--threshold and --batch must be 1 or more, were " + threshold + " and " + batch);
            }
            try (ApplicationClasspath.Application app = application.open(connection)) {
                Map<String, AggregateDefinition<?, ?>> aggregates = aggregates(app.registries());
                if (aggregate != null && !aggregates.containsKey(aggregate)) {
                    throw new NotFoundException("The --classpath declares no aggregate " + aggregate + "; it declares "
                            + aggregates.keySet().stream().sorted().toList());
                }
                List<Map<String, Object>> rows = new ArrayList<>();
                for (AggregateDefinition<?, ?> definition : aggregates.values()) {
                    if (aggregate == null || aggregate.equals(definition.name())) {
                        Snapshotter snapshotter = snapshotter(app.store(), definition, threshold, batch);
                        rows.add(row(
                                "aggregate",
                                definition.name(),
                                "snapshots",
                                compact().applyAsInt(snapshotter)));
                    }
                }
                output.print(spec.commandLine().getOut(), COLUMNS, rows);
                return 0;
            }
        }

        /** One tick, or ticks until idle: how many snapshots it wrote. */
        abstract ToIntFunction<Snapshotter> compact();
    }

    @Command(
            name = "compact-once",
            description = "Snapshots one batch of the streams that are --threshold events or more past their snapshot.",
            footerHeading = "%nExample:%n",
            footer = "  rillflow snapshots compact-once --classpath=target/app.jar --threshold=100 --batch=50")
    static final class CompactOnce extends Compact {
        @Override
        ToIntFunction<Snapshotter> compact() {
            return Snapshotter::tickOnce;
        }
    }

    @Command(
            name = "run-until-idle",
            description = "Snapshots in batches until no stream is --threshold events past its snapshot.",
            footerHeading = "%nExample:%n",
            footer = "  rillflow snapshots run-until-idle --classpath=target/app.jar --threshold=100 --output=json")
    static final class RunUntilIdle extends Compact {
        @Override
        ToIntFunction<Snapshotter> compact() {
            return Snapshotter::runUntilIdle;
        }
    }

    /** The declared aggregates by name, sorted, the first declaration of a name kept (as the store keeps it). */
    private static Map<String, AggregateDefinition<?, ?>> aggregates(List<RillflowRegistry> registries) {
        Map<String, AggregateDefinition<?, ?>> byName = new LinkedHashMap<>();
        registries.stream()
                .flatMap(registry -> registry.aggregates().stream())
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .forEach(definition -> byName.putIfAbsent(definition.name(), definition));
        return byName;
    }

    private static <S, I> Snapshotter snapshotter(
            Store store, AggregateDefinition<S, I> definition, long threshold, int batch) {
        return new Snapshotter(new AggregateRepository<S, I>(store, definition) {}, threshold, batch);
    }
}
