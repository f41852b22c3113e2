package io.rillflow.cli;

import static io.rillflow.cli.OutputOptions.row;

import io.rillflow.Store;
import io.rillflow.StoreBuilder;
import io.rillflow.projections.Projections;
import io.rillflow.projections.TickResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code projections run-once|run-until-idle|run-loop --classpath ...}: runs the application's projections with its
 * own handlers, loaded from its generated registries. Each projection runs under its lease, as on any application
 * node, so the command can run beside the application's daemons without applying an event twice.
 */
final class ProjectionRunCommands {
    private static final List<String> TICK_COLUMNS = List.of("name", "outcome", "applied", "checkpoint");
    static final List<String> LOOP_COLUMNS = List.of("name", "checkpoint_from", "checkpoint", "dead_letters");

    private ProjectionRunCommands() {}

    /** What every run command takes: where the store and the application are, and which projection to run. */
    abstract static class Run implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ConnectionOptions connection;

        @Mixin
        ApplicationClasspath application;

        @Mixin
        OutputOptions output;

        @Option(
                names = "--name",
                paramLabel = "NAME",
                description = {
                    "Only this projection (default: every declared projection).",
                    "Example: --name=order_totals"
                })
        String name;

        @Override
        public Integer call() {
            try (ApplicationClasspath.Application app = application.open(connection, this::settings)) {
                Projections projections = app.store().projections();
                List<String> names = DeclaredProjections.register(projections, name, true);
                run(app.store(), projections, names);
                return 0;
            }
        }

        /** The store's settings beyond the connection's: none by default. */
        StoreBuilder settings(StoreBuilder builder) {
            return builder;
        }

        abstract void run(Store store, Projections projections, List<String> names);

        void print(List<String> columns, List<Map<String, Object>> rows) {
            output.print(spec.commandLine().getOut(), columns, rows);
        }
    }

    @Command(
            name = "run-once",
            description = {
                "Runs one batch of each projection with the application's handlers from --classpath, and prints what"
                        + " it applied."
            },
            footerHeading = "%nExample:%n",
            footer = "  rillflow projections run-once --classpath=target/app.jar --name=order_totals")
    static final class RunOnce extends Run {
        @Override
        void run(Store store, Projections projections, List<String> names) {
            List<Map<String, Object>> rows = new ArrayList<>();
            Map<String, TickResult.Outcome> outcomes = new LinkedHashMap<>();
            for (String projection : names) {
                TickResult result = projections.tickOnce(projection);
                outcomes.put(projection, result.outcome());
                rows.add(tick(projections, projection, result.outcome(), result.applied()));
            }
            print(TICK_COLUMNS, rows);
            requireNoFailure(projections, outcomes);
        }
    }

    @Command(
            name = "run-until-idle",
            description = {
                "Runs the projections with the application's handlers from --classpath until none has an event left"
                        + " to apply, and prints how many each applied. Events whose writers are still in flight are"
                        + " left to the next run."
            },
            footerHeading = "%nExample:%n",
            footer = "  rillflow projections run-until-idle --classpath='target/app.jar:target/lib/*' --output=json")
    static final class RunUntilIdle extends Run {
        @Override
        void run(Store store, Projections projections, List<String> names) {
            Map<String, Long> applied = new LinkedHashMap<>();
            Map<String, TickResult.Outcome> last = new LinkedHashMap<>();
            boolean worked = true;
            while (worked) {
                worked = false;
                for (String projection : names) {
                    TickResult result = projections.tickOnce(projection);
                    applied.merge(projection, (long) result.applied(), Long::sum);
                    last.put(projection, result.outcome());
                    worked |= result.applied() > 0
                            || result.more()
                            || result.outcome() == TickResult.Outcome.DEAD_LETTERED;
                }
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            for (String projection : names) {
                rows.add(tick(projections, projection, last.get(projection), applied.get(projection)));
            }
            print(TICK_COLUMNS, rows);
            requireNoFailure(projections, last);
        }
    }

    /**
     * Fails the command (exit 1, after its table) when a handler failed on an event, so a script notices: the event is
     * retried after a backoff ({@code FAILED}), or the projection paused itself ({@code STOPPED}).
     */
    private static void requireNoFailure(Projections projections, Map<String, TickResult.Outcome> outcomes) {
        outcomes.forEach((name, outcome) -> {
            if (outcome == TickResult.Outcome.FAILED || outcome == TickResult.Outcome.STOPPED) {
                throw new IllegalStateException("Projection " + name + " "
                        + (outcome == TickResult.Outcome.FAILED ? "failed and backs off" : "failed and stopped")
                        + ": " + projections.status(name).lastError());
            }
        });
    }

    private static Map<String, Object> tick(
            Projections projections, String name, TickResult.Outcome outcome, long applied) {
        return row(
                "name", name,
                "outcome", outcome,
                "applied", applied,
                "checkpoint", projections.status(name).checkpoint());
    }
}
