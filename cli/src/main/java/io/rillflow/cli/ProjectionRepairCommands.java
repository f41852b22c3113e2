package io.rillflow.cli;

import io.rillflow.Store;
import io.rillflow.projections.Projections;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code projections rebuild|dlq-requeue NAME --classpath ...}: the repairs that run the application's handler (its
 * rebuild hook, or its {@code apply} of a dead-lettered event), loaded from its generated registries; a rebuild without
 * {@code --classpath} is requested in the database for the running application to perform.
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
            return repairWithHandler(spec, connection, application, name, this::repair);
        }

        /** Repairs the registered projection {@link #name}; returns what to tell the operator. */
        abstract String repair(Projections projections);
    }

    /** Registers the projection from the application's class path and runs {@code repair} on it. */
    static int repairWithHandler(
            CommandSpec spec,
            ConnectionOptions connection,
            ApplicationClasspath application,
            String name,
            Function<Projections, String> repair) {
        try (ApplicationClasspath.Application app = application.open(connection)) {
            Projections projections = app.store().projections();
            DeclaredProjections.register(projections, name, false);
            return say(spec, repair.apply(projections));
        }
    }

    private static int say(CommandSpec spec, String line) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(line);
        out.flush();
        return 0;
    }

    @Command(
            name = "rebuild",
            description = {
                "Without --classpath: records a rebuild request in the database; the daemon holding the projection's"
                        + " lease (any daemon, if none holds it) performs it at its next tick, with the handler it has;"
                        + " an INLINE projection's, a running application that registered it, within its poll interval.",
                "With --classpath: runs the projection's rebuild hook from there to clear its read model, moves its"
                        + " checkpoint to 0 and drops its dead letters, in one transaction; the daemons (or"
                        + " run-until-idle) then replay the whole log into it. Refused while another node (a running"
                        + " daemon) holds its lease: request it instead. An INLINE projection is rebuilt here in full:"
                        + " every stored event of its types is applied again, while appends wait."
            },
            footerHeading = "%nExamples:%n",
            footer = {
                "  rillflow projections rebuild order_totals",
                "  rillflow projections rebuild order_totals --cancel",
                "  rillflow projections rebuild order_totals --tenant=acme",
                "  rillflow projections rebuild order_totals --classpath=target/app.jar"
            })
    static final class Rebuild implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ConnectionOptions connection;

        /** Null without {@code --classpath}: then the rebuild is requested, not run here. */
        @ArgGroup(exclusive = false)
        ApplicationClasspath application;

        @Parameters(index = "0", paramLabel = "NAME", description = "The projection.")
        String name;

        @Mixin
        TenantOption tenant;

        @Option(
                names = "--cancel",
                description = "Withdraw a pending rebuild request instead (exit 3 if none is pending).")
        boolean cancel;

        @Override
        public Integer call() {
            if (cancel) {
                if (application != null) {
                    throw new IllegalArgumentException("--cancel withdraws a request; it takes no --classpath");
                }
                try (Store root = connection.openStore(tenant::apply)) {
                    if (!tenant.scope(root).admin().cancelProjectionRebuild(name)) {
                        throw new NotFoundException("Projection " + name + " has no pending rebuild request");
                    }
                    return say(spec, "Withdrew the rebuild request of projection " + name + ".");
                }
            }
            if (application != null) {
                try (ApplicationClasspath.Application app = application.open(connection, tenant::apply)) {
                    Projections registered = app.store().projections();
                    DeclaredProjections.register(registered, name, false);
                    tenant.scope(app.store()).projections().rebuild(name);
                    return say(
                            spec,
                            registered.daemonNames().contains(name)
                                    ? "Rebuilt projection " + name + ": it replays the log from position 0."
                                    : "Rebuilt inline projection " + name
                                            + ": every stored event of its types applied again.");
                }
            }
            try (Store root = connection.openStore(tenant::apply)) {
                tenant.scope(root).admin().requestProjectionRebuild(name);
                return say(
                        spec,
                        "Requested a rebuild of projection " + name + ": the daemon holding its lease performs it at"
                                + " its next tick, or, for an INLINE projection, a running application that registered"
                                + " it (it stays pending while none runs).");
            }
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
