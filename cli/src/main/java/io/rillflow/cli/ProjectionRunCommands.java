package io.rillflow.cli;

import static io.rillflow.cli.OutputOptions.row;

import io.rillflow.projections.ProjectionStatus;
import io.rillflow.projections.Projections;
import io.rillflow.projections.TickResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
    private static final List<String> LOOP_COLUMNS = List.of("name", "checkpoint_from", "checkpoint", "dead_letters");

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
            try (ApplicationClasspath.Application app = application.open(connection)) {
                Projections projections = app.store().projections();
                List<String> names = DeclaredProjections.register(projections, name, true);
                run(projections, names);
                return 0;
            }
        }

        abstract void run(Projections projections, List<String> names);

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
        void run(Projections projections, List<String> names) {
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
        void run(Projections projections, List<String> names) {
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

    @Command(
            name = "run-loop",
            description = {
                "Runs the projections with the application's handlers from --classpath as a daemon, woken by every"
                        + " append, until SIGINT or SIGTERM; then finishes the running batches, releases the leases"
                        + " and prints where each projection moved."
            },
            footerHeading = "%nExample:%n",
            footer = "  rillflow projections run-loop --classpath=target/app.jar")
    static final class RunLoop extends Run {
        /** How long a signal waits for the running batches to finish and the store to close. */
        private static final long STOP_TIMEOUT_SECONDS = 60;

        private final AtomicBoolean stop = new AtomicBoolean();
        private final CountDownLatch closed = new CountDownLatch(1);
        private boolean interrupted;

        /** Stops on SIGINT or SIGTERM, which wait (through a shutdown hook) until the store is closed. */
        @Override
        public Integer call() {
            Thread hook = new Thread(this::stopAndAwaitClose, "rillflow-run-loop-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                return super.call();
            } finally {
                closed.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // The hook is running: the JVM exits now that the store is closed.
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        void run(Projections projections, List<String> names) {
            Map<String, Long> from = new LinkedHashMap<>();
            names.forEach(n -> from.put(n, projections.status(n).checkpoint()));
            PrintWriter err = spec.commandLine().getErr();
            err.println("Running projections " + String.join(", ", names) + " until SIGINT or SIGTERM.");
            err.flush();
            projections.runLoop(stop::get);
            // An interrupt stops the loop too; it is set aside so that the summary and the store's close can still
            // use the database, and restored once the store is closed.
            interrupted = Thread.interrupted();
            List<Map<String, Object>> rows = new ArrayList<>();
            for (String projection : names) {
                ProjectionStatus status = projections.status(projection);
                rows.add(row(
                        "name", projection,
                        "checkpoint_from", from.get(projection),
                        "checkpoint", status.checkpoint(),
                        "dead_letters", status.deadLetters()));
            }
            print(LOOP_COLUMNS, rows);
        }

        private void stopAndAwaitClose() {
            stop.set(true);
            try {
                closed.await(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
