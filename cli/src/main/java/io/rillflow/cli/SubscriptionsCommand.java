package io.rillflow.cli;

import static io.rillflow.cli.OutputOptions.row;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.rillflow.Store;
import io.rillflow.subscriptions.SubscriptionInfo;
import io.rillflow.subscriptions.SubscriptionStatus;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code subscriptions ...}: the subscriptions' consumer groups, from their rows: running workers on any node see a
 * pause, resume, reset or bound at their next read.
 */
@Command(
        name = "subscriptions",
        description = "Shows and administers subscriptions and their consumer groups; running workers see the changes.",
        synopsisSubcommandLabel =
                "(list | status | pause | resume | reset | set-group-max-in-flight | create | groups | group-status"
                        + " | tail)",
        subcommands = {
            SubscriptionGroupCommands.Create.class,
            SubscriptionGroupCommands.Groups.class,
            SubscriptionGroupCommands.GroupStatus.class,
            SubscriptionGroupCommands.Tail.class
        })
final class SubscriptionsCommand {
    // The filter's fields in snake_case too, as every field the command prints.
    private static final ObjectMapper JSON =
            new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    private static final List<String> LIST_COLUMNS = List.of("name", "start_from", "groups", "filter");
    private static final List<String> STATUS_COLUMNS = List.of(
            "subscription",
            "group",
            "last_seq",
            "head",
            "lag",
            "in_flight",
            "max_in_flight",
            "paused",
            "workers",
            "slots",
            "leased_slots",
            "last_error",
            "last_error_at");

    @Spec
    private CommandSpec spec;

    /** {@code --group}, the consumer group a command acts on. */
    static final class Group {
        @Option(
                names = "--group",
                paramLabel = "GROUP",
                defaultValue = "default",
                description = {"The consumer group.", "Example: --group=billing"})
        String name;
    }

    @Command(
            name = "list",
            description = "Lists the subscriptions with their start position, consumer groups and filter.",
            footerHeading = "%nExample:%n",
            footer = "  rillflow subscriptions list --all-tenants --output=json")
    int list(@Mixin ConnectionOptions connection, @Mixin TenantScope scope, @Mixin OutputOptions output) {
        try (Store root = connection.openStore(scope::apply)) {
            List<Map<String, Object>> rows = new ArrayList<>();
            scope.stores(root, connection.conjoined()).forEach((tenant, store) -> store.subscriptions().list().stream()
                    .map(SubscriptionsCommand::info)
                    .forEach(row -> rows.add(scope.row(tenant, row))));
            output.print(spec.commandLine().getOut(), scope.columns(LIST_COLUMNS), rows);
            return 0;
        }
    }

    @Command(
            name = "status",
            description = "Shows a consumer group's progress, lag, in-flight events, workers and last error.",
            footerHeading = "%nExample:%n",
            footer = "  rillflow subscriptions status mailer --group=default --all-tenants")
    int status(
            @Parameters(paramLabel = "NAME", description = "The subscription.") String name,
            @Mixin Group group,
            @Mixin ConnectionOptions connection,
            @Mixin TenantScope scope,
            @Mixin OutputOptions output) {
        try (Store root = connection.openStore(scope::apply)) {
            List<Map<String, Object>> rows = new ArrayList<>();
            scope.stores(root, connection.conjoined()).forEach((tenant, store) -> {
                // With --all-tenants, a tenant without this subscription or group has no row to show.
                if (!scope.allTenants() || hasGroup(store, name, group.name)) {
                    rows.add(scope.row(tenant, status(store.subscriptions().status(name, group.name))));
                }
            });
            if (rows.isEmpty() && scope.allTenants()) {
                throw new NotFoundException("No tenant has group " + group.name + " of subscription " + name);
            }
            output.print(spec.commandLine().getOut(), scope.columns(STATUS_COLUMNS), rows);
            return 0;
        }
    }

    @Command(
            name = "pause",
            description =
                    "Pauses every worker of the group from its next read; delivered events can still be acknowledged.",
            footerHeading = "%nExample:%n",
            footer = "  rillflow subscriptions pause mailer --group=default")
    int pause(
            @Parameters(paramLabel = "NAME", description = "The subscription.") String name,
            @Mixin Group group,
            @Mixin ConnectionOptions connection,
            @Mixin TenantOption tenant) {
        try (Store root = connection.openStore(tenant::apply)) {
            Store store = tenant.scope(root);
            store.subscriptions().pause(name, group.name);
            return say("Paused group " + group.name + " of subscription " + name + ".");
        }
    }

    @Command(
            name = "resume",
            description = "Resumes a paused group.",
            footerHeading = "%nExample:%n",
            footer = "  rillflow subscriptions resume mailer --group=default")
    int resume(
            @Parameters(paramLabel = "NAME", description = "The subscription.") String name,
            @Mixin Group group,
            @Mixin ConnectionOptions connection,
            @Mixin TenantOption tenant) {
        try (Store root = connection.openStore(tenant::apply)) {
            Store store = tenant.scope(root);
            store.subscriptions().resume(name, group.name);
            return say("Resumed group " + group.name + " of subscription " + name + ".");
        }
    }

    @Command(
            name = "reset",
            description = {
                "Moves the group's checkpoint to SEQ: the events after it are delivered (again). Running workers take"
                        + " their slots again from there."
            },
            footerHeading = "%nExample:%n",
            footer = "  rillflow subscriptions reset mailer 0 --group=default")
    int reset(
            @Parameters(index = "0", paramLabel = "NAME", description = "The subscription.") String name,
            @Parameters(index = "1", paramLabel = "SEQ", description = "A global log position, 0 or more.") long seq,
            @Mixin Group group,
            @Mixin ConnectionOptions connection,
            @Mixin TenantOption tenant) {
        try (Store root = connection.openStore(tenant::apply)) {
            Store store = tenant.scope(root);
            store.subscriptions().reset(name, group.name, seq);
            return say("Moved group " + group.name + " of subscription " + name + " to position " + seq + ".");
        }
    }

    @Command(
            name = "set-group-max-in-flight",
            description =
                    "Bounds the group's unacknowledged events, from the workers' next read; without --value, unbounded.",
            footerHeading = "%nExample:%n",
            footer = "  rillflow subscriptions set-group-max-in-flight mailer --group=default --value=100")
    int setMaxInFlight(
            @Parameters(paramLabel = "NAME", description = "The subscription.") String name,
            @Mixin Group group,
            @Option(
                            names = "--value",
                            paramLabel = "N",
                            description = {"The bound, 1 or more; leave it out for none.", "Example: --value=100"})
                    Integer value,
            @Mixin ConnectionOptions connection,
            @Mixin TenantOption tenant) {
        if (value != null) {
            StreamsCommand.requirePositive("--value", value);
        }
        try (Store root = connection.openStore(tenant::apply)) {
            Store store = tenant.scope(root);
            store.subscriptions().setMaxInFlight(name, group.name, value);
            return say("Group " + group.name + " of subscription " + name + " now has "
                    + (value == null ? "no bound" : "at most " + value + " events") + " in flight.");
        }
    }

    private int say(String line) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(line);
        out.flush();
        return 0;
    }

    private static boolean hasGroup(Store store, String name, String group) {
        return store.subscriptions().list().stream()
                .anyMatch(info -> info.name().equals(name) && info.groups().contains(group));
    }

    private static Map<String, Object> info(SubscriptionInfo info) {
        return row(
                "name", info.name(),
                "start_from", info.startFrom(),
                "groups", JSON.valueToTree(info.groups()),
                "filter", JSON.valueToTree(info.filter()));
    }

    private static Map<String, Object> status(SubscriptionStatus s) {
        return row(
                "subscription", s.subscription(),
                "group", s.group(),
                "last_seq", s.lastSeq(),
                "head", s.head(),
                "lag", s.lag(),
                "in_flight", s.inFlight(),
                "max_in_flight", s.maxInFlight(),
                "paused", s.paused(),
                "workers", s.workers(),
                "slots", s.slots(),
                "leased_slots", s.leasedSlots(),
                "last_error", s.lastError(),
                "last_error_at", s.lastErrorAt());
    }
}
