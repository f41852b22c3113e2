package io.rillflow.cli;

import static io.rillflow.cli.OutputOptions.row;

import io.rillflow.Store;
import io.rillflow.admin.DaemonNode;
import io.rillflow.projections.DeadLetter;
import io.rillflow.projections.ProjectionStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code projections ...}: status and administration of projections from their rows in the database, without the
 * application's handlers. A running daemon on any node sees a pause, resume or checkpoint move at its next batch.
 */
@Command(
        name = "projections",
        description = "Shows and administers projections from the database; running daemons see the changes.",
        synopsisSubcommandLabel =
                "(list | status | nodes | pause | resume | reset-checkpoint | dlq-list | dlq-delete | run-once"
                        + " | run-until-idle | run-loop | rebuild | dlq-requeue | metrics)",
        subcommands = {
            ProjectionRunCommands.RunOnce.class,
            ProjectionRunCommands.RunUntilIdle.class,
            ProjectionRunLoop.class,
            ProjectionRepairCommands.Rebuild.class,
            ProjectionRepairCommands.Requeue.class,
            ProjectionMetricsCommand.class
        })
final class ProjectionsCommand {
    private static final List<String> LIST_COLUMNS =
            List.of("name", "checkpoint", "head", "lag_events", "paused", "lease_holder", "dead_letters");
    private static final List<String> STATUS_COLUMNS = List.of(
            "name",
            "checkpoint",
            "head",
            "lag_events",
            "lag_seconds",
            "paused",
            "lease_holder",
            "lease_expires",
            "dead_letters",
            "attempts",
            "backoff_until",
            "last_error",
            "last_error_at",
            "rebuild_requested_at");
    private static final List<String> NODE_COLUMNS = List.of("node_id", "last_seen", "seconds_ago");
    private static final List<String> DEAD_LETTER_COLUMNS =
            List.of("global_seq", "stream_id", "stream_seq", "event_type", "attempts", "created_at", "error");

    @Spec
    private CommandSpec spec;

    @Command(
            name = "list",
            description = {
                "Lists every projection stored in the schema with its checkpoint, lag and lease. The lag counts every"
                        + " event after the checkpoint: which types a projection reads only its handler knows."
            },
            footerHeading = "%nExample:%n",
            footer = "  rillflow projections list --all-tenants --output=json")
    int list(@Mixin ConnectionOptions connection, @Mixin TenantScope scope, @Mixin OutputOptions output) {
        try (Store root = connection.openStore(scope::apply)) {
            List<Map<String, Object>> rows = new ArrayList<>();
            scope.stores(root, connection.conjoined()).forEach((tenant, store) -> store.admin()
                    .projectionNames()
                    .forEach(name ->
                            rows.add(scope.row(tenant, status(store.admin().projectionStatus(name))))));
            output.print(spec.commandLine().getOut(), scope.columns(LIST_COLUMNS), rows);
            return 0;
        }
    }

    @Command(
            name = "status",
            description =
                    "Shows where one projection stands, with its lease, backoff and last error (exit 3 if unknown).",
            footerHeading = "%nExample:%n",
            footer = "  rillflow projections status order_totals --all-tenants")
    int status(
            @Parameters(paramLabel = "NAME", description = "The projection.") String name,
            @Mixin ConnectionOptions connection,
            @Mixin TenantScope scope,
            @Mixin OutputOptions output) {
        try (Store root = connection.openStore(scope::apply)) {
            List<Map<String, Object>> rows = new ArrayList<>();
            scope.stores(root, connection.conjoined()).forEach((tenant, store) -> {
                // With --all-tenants, a tenant whose daemon never registered the projection has no row to show.
                if (!scope.allTenants() || store.admin().projectionNames().contains(name)) {
                    Map<String, Object> row =
                            new LinkedHashMap<>(status(store.admin().projectionStatus(name)));
                    row.put(
                            "rebuild_requested_at",
                            store.admin().projectionRebuildRequestedAt(name).orElse(null));
                    rows.add(scope.row(tenant, row));
                }
            });
            if (rows.isEmpty() && scope.allTenants()) {
                throw new NotFoundException("No tenant has projection " + name);
            }
            output.print(spec.commandLine().getOut(), scope.columns(STATUS_COLUMNS), rows);
            return 0;
        }
    }

    @Command(
            name = "nodes",
            description = {
                "Lists the nodes whose projection daemon runs on the schema, the most recently seen first. A running"
                        + " daemon records itself every third of its lease time and shares the projections' leases"
                        + " evenly with the others; a node seen longer ago than the lease time (30 s by default) died"
                        + " without stopping."
            },
            footerHeading = "%nExample:%n",
            footer = "  rillflow projections nodes --output=json")
    int nodes(@Mixin ConnectionOptions connection, @Mixin OutputOptions output) {
        try (Store root = connection.openStore()) {
            Instant now = Instant.now();
            List<Map<String, Object>> rows = new ArrayList<>();
            for (DaemonNode node : root.admin().daemonNodes()) {
                rows.add(row(
                        "node_id",
                        node.nodeId(),
                        "last_seen",
                        node.lastSeen(),
                        "seconds_ago",
                        Math.max(0, Duration.between(node.lastSeen(), now).toSeconds())));
            }
            output.print(spec.commandLine().getOut(), NODE_COLUMNS, rows);
            return 0;
        }
    }

    @Command(
            name = "pause",
            description = "Stops the projection on every node after its running batch.",
            footerHeading = "%nExample:%n",
            footer = "  rillflow projections pause order_totals")
    int pause(
            @Parameters(paramLabel = "NAME", description = "The projection.") String name,
            @Mixin ConnectionOptions connection,
            @Mixin TenantOption tenant) {
        try (Store root = connection.openStore(tenant::apply)) {
            Store store = tenant.scope(root);
            store.admin().pauseProjection(name);
            return say("Paused projection " + name + ".");
        }
    }

    @Command(
            name = "resume",
            description = "Lets a paused (or failing, backed-off) projection run again.",
            footerHeading = "%nExample:%n",
            footer = "  rillflow projections resume order_totals")
    int resume(
            @Parameters(paramLabel = "NAME", description = "The projection.") String name,
            @Mixin ConnectionOptions connection,
            @Mixin TenantOption tenant) {
        try (Store root = connection.openStore(tenant::apply)) {
            Store store = tenant.scope(root);
            store.admin().resumeProjection(name);
            return say("Resumed projection " + name + ".");
        }
    }

    @Command(
            name = "reset-checkpoint",
            description = {
                "Moves the checkpoint: the projection next reads the events after POSITION. Its read model is not"
                        + " touched; to clear it and start over, use rebuild NAME."
            },
            footerHeading = "%nExample:%n",
            footer = "  rillflow projections reset-checkpoint order_totals 0")
    int resetCheckpoint(
            @Parameters(index = "0", paramLabel = "NAME", description = "The projection.") String name,
            @Parameters(index = "1", paramLabel = "POSITION", description = "A global log position, 0 or more.")
                    long position,
            @Mixin ConnectionOptions connection,
            @Mixin TenantOption tenant) {
        try (Store root = connection.openStore(tenant::apply)) {
            Store store = tenant.scope(root);
            store.admin().resetProjectionCheckpoint(name, position);
            return say("Moved projection " + name + " to position " + position + ".");
        }
    }

    @Command(
            name = "dlq-list",
            description = "Lists the projection's dead letters in log order.",
            footerHeading = "%nExample:%n",
            footer = "  rillflow projections dlq-list order_totals --limit=20 --output=json")
    int deadLetters(
            @Parameters(paramLabel = "NAME", description = "The projection.") String name,
            @Option(
                            names = "--limit",
                            defaultValue = "100",
                            paramLabel = "N",
                            description = {"At most this many dead letters.", "Example: --limit=20"})
                    int limit,
            @Mixin ConnectionOptions connection,
            @Mixin TenantOption tenant,
            @Mixin OutputOptions output) {
        StreamsCommand.requirePositive("--limit", limit);
        try (Store root = connection.openStore(tenant::apply)) {
            Store store = tenant.scope(root);
            List<Map<String, Object>> rows = store.admin().deadLetters(name, limit).stream()
                    .map(ProjectionsCommand::deadLetter)
                    .toList();
            output.print(spec.commandLine().getOut(), DEAD_LETTER_COLUMNS, rows);
            return 0;
        }
    }

    @Command(
            name = "dlq-delete",
            description =
                    "Drops one dead letter without applying its event (exit 3 if there is none at that position).",
            footerHeading = "%nExample:%n",
            footer = "  rillflow projections dlq-delete order_totals --id=1234")
    int deleteDeadLetter(
            @Parameters(paramLabel = "NAME", description = "The projection.") String name,
            @Option(
                            names = "--id",
                            required = true,
                            paramLabel = "GLOBAL_SEQ",
                            description = {
                                "The dead letter's event position (global_seq in dlq-list).",
                                "Example: --id=1234"
                            })
                    long globalSeq,
            @Mixin ConnectionOptions connection,
            @Mixin TenantOption tenant) {
        try (Store root = connection.openStore(tenant::apply)) {
            Store store = tenant.scope(root);
            if (!store.admin().deleteDeadLetter(name, globalSeq)) {
                throw new NotFoundException("Projection " + name + " has no dead letter for event " + globalSeq);
            }
            return say("Deleted dead letter " + globalSeq + " of projection " + name + ".");
        }
    }

    private int say(String line) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(line);
        out.flush();
        return 0;
    }

    private static Map<String, Object> status(ProjectionStatus s) {
        return row(
                "name", s.name(),
                "checkpoint", s.checkpoint(),
                "head", s.head(),
                "lag_events", s.lagEvents(),
                "lag_seconds", s.lagTime(),
                "paused", s.paused(),
                "lease_holder", s.leaseHolder(),
                "lease_expires", s.leaseExpires(),
                "dead_letters", s.deadLetters(),
                "attempts", s.attempts(),
                "backoff_until", s.backoffUntil(),
                "last_error", s.lastError(),
                "last_error_at", s.lastErrorAt());
    }

    private static Map<String, Object> deadLetter(DeadLetter d) {
        return row(
                "projection", d.projection(),
                "global_seq", d.globalSeq(),
                "stream_id", d.streamId(),
                "stream_seq", d.streamSeq(),
                "event_type", d.eventType(),
                "attempts", d.attempts(),
                "created_at", d.createdAt(),
                "error", d.error());
    }
}
