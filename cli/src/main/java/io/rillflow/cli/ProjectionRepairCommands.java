package io.rillflow.cli;

import io.rillflow.projections.Projections;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code projections rebuild|dlq-requeue NAME --classpath ...}: the repairs that run the application's handler (its
 * rebuild hook, or its {@code apply} of a dead-lettered event), loaded from its generated registries.
 */
final class ProjectionRepairCommands {
    private ProjectionRepairCommands() {}

    /** Where the store and the application are, and the projection. */
    abstract static class Repair implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ConnectionOptions connection;

        @Mixin
        ApplicationClasspath application;

        @Parameters(index = "0", paramLabel = "NAME", description = "The projection.")
        String name;

        @Override
        public Integer call() {
            try (ApplicationClasspath.Application app = application.open(connection)) {
                Projections projections = app.store().projections();
                DeclaredProjections.register(projections, name, false);
                PrintWriter out = spec.commandLine().getOut();
                out.println(repair(projections));
                out.flush();
                return 0;
            }
        }

        /** Repairs the registered projection {@link #name}; returns what to tell the operator. */
        abstract String repair(Projections projections);
    }

    @Command(
            name = "rebuild",
            description = {
                "Runs the projection's rebuild hook (from --classpath) to clear its read model, moves its checkpoint"
                        + " to 0 and drops its dead letters, in one transaction; the daemons (or run-until-idle) then"
                        + " replay the whole log into it. Refused while another node (a running daemon) holds its lease."
            },
            footerHeading = "%nExample:%n",
            footer = "  rillflow projections rebuild order_totals --classpath=target/app.jar")
    static final class Rebuild extends Repair {
        @Override
        String repair(Projections projections) {
            projections.rebuild(name);
            return "Rebuilt projection " + name + ": it replays the log from position 0.";
        }
    }

    @Command(
            name = "dlq-requeue",
            description = {
                "Applies a dead-lettered event again with the projection's handler from --classpath (after a fix) and"
                        + " removes the dead letter, in one transaction; if the handler fails again nothing changes"
                        + " (exit 1). Exit 3 if there is no dead letter at that position."
            },
            footerHeading = "%nExample:%n",
            footer = "  rillflow projections dlq-requeue order_totals --id=1234 --classpath=target/app.jar")
    static final class Requeue extends Repair {
        @Option(
                names = "--id",
                required = true,
                paramLabel = "GLOBAL_SEQ",
                description = {"The dead letter's event position (global_seq in dlq-list).", "Example: --id=1234"})
        long globalSeq;

        @Override
        String repair(Projections projections) {
            if (projections.deadLetters(name).stream().noneMatch(d -> d.globalSeq() == globalSeq)) {
                throw new NotFoundException("Projection " + name + " has no dead letter for event " + globalSeq);
            }
            projections.requeue(name, globalSeq);
            return "Requeued dead letter " + globalSeq + " of projection " + name + ": applied and removed.";
        }
    }
}
