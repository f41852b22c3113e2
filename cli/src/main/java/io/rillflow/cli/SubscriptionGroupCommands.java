package io.rillflow.cli;

import static io.rillflow.cli.OutputOptions.row;

import io.rillflow.Store;
import io.rillflow.events.EventEnvelope;
import io.rillflow.subscriptions.SubscriptionFilter;
import io.rillflow.subscriptions.SubscriptionInfo;
import io.rillflow.subscriptions.SubscriptionSlotStatus;
import io.rillflow.subscriptions.SubscriptionStatus;
import io.rillflow.subscriptions.Subscriptions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code subscriptions create|groups|group-status|tail}: creating a subscription from the command line, and the views
 * of its consumer groups (every group, one group's slots, the events a group has not acknowledged). The views lease
 * nothing and acknowledge nothing, so they run beside the application's workers.
 */
final class SubscriptionGroupCommands {
    private static final List<String> GROUP_COLUMNS = List.of(
            "group",
            "last_seq",
            "lag",
            "in_flight",
            "max_in_flight",
            "paused",
            "workers",
            "slots",
            "leased_slots",
            "last_error");
    private static final List<String> SLOT_COLUMNS =
            List.of("slot", "last_seq", "in_flight", "lease_holder", "lease_expires");
    private static final List<String> EVENT_COLUMNS =
            List.of("global_seq", "stream_id", "stream_seq", "type", "created_at", "data");

    private SubscriptionGroupCommands() {}

    @Command(
            name = "create",
            description = {
                "Creates a subscription: a named filter (every condition given must hold) and the position after which"
                        + " its groups start. Again with the same filter it changes nothing; with another, exit 1.",
                "Workers of the application join it by name: store.subscriptions().subscribe(NAME, ...)."
            },
            footerHeading = "%nExample:%n",
            footer =
                    "  rillflow subscriptions create mailer --event-type=OrderPlaced --event-type=OrderPaid --from=now")
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ConnectionOptions connection;

        @Mixin
        TenantOption tenant;

        @Parameters(paramLabel = "NAME", description = "The subscription's name.")
        String name;

        @Option(
                names = "--event-type",
                paramLabel = "TYPE",
                description = {"Only events of this type; repeat for several.", "Example: --event-type=OrderPlaced"})
        List<String> eventTypes = new ArrayList<>();

        @Option(
                names = "--stream",
                paramLabel = "STREAM_ID",
                description = {
                    "Only events of this stream; repeat for several.",
                    "Example: --stream=3f2a0c1e-8b1d-4e55-9a3c-0d5a1c9e7b21"
                })
        List<UUID> streams = new ArrayList<>();

        @Option(
                names = "--stream-id-prefix",
                paramLabel = "PREFIX",
                description = {"Only streams whose id (as text) starts so.", "Example: --stream-id-prefix=3f2a"})
        String streamIdPrefix;

        @Option(
                names = "--alias-prefix",
                paramLabel = "PREFIX",
                description = {"Only streams with an alias starting so.", "Example: --alias-prefix=orders:"})
        String aliasPrefix;

        @Option(
                names = "--stream-type",
                paramLabel = "TYPE",
                description = {"Only streams of this type.", "Example: --stream-type=order"})
        String streamType;

        @Option(
                names = "--header",
                paramLabel = "NAME=VALUE",
                description = {
                    "Only events carrying this header value; repeat for several.",
                    "Example: --header=region=eu"
                })
        Map<String, String> headers = new LinkedHashMap<>();

        @Option(
                names = "--from",
                paramLabel = "POSITION",
                defaultValue = "0",
                description = {
                    "Where new groups start: a global log position (0, the default: the whole log), or now for the"
                            + " events appended from now on.",
                    "Example: --from=now"
                })
        String from;

        @Override
        public Integer call() {
            long start = startFrom(from);
            SubscriptionFilter filter =
                    new SubscriptionFilter(eventTypes, streams, streamIdPrefix, aliasPrefix, streamType, headers);
            try (Store root = connection.openStore(tenant::apply)) {
                Store store = tenant.scope(root);
                Subscriptions subscriptions = store.subscriptions();
                boolean existed = find(subscriptions, name).isPresent();
                subscriptions.create(name, filter, start);
                SubscriptionInfo created = find(subscriptions, name).orElseThrow();
                return say(
                        spec,
                        existed
                                ? "Subscription " + name + " already exists with this filter; nothing changed."
                                : "Created subscription " + name + ": its groups start after position "
                                        + created.startFrom() + ".");
            }
        }

        private static long startFrom(String from) {
            if (from.equalsIgnoreCase("now")) {
                return Subscriptions.FROM_NOW;
            }
            try {
                long position = Long.parseLong(from);
                if (position >= 0) {
                    return position;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("--from must be a log position (0 or more) or now, was " + from);
        }
    }

    @Command(
            name = "groups",
            description = "Lists the consumer groups of a subscription with their progress (exit 3 if it is unknown).",
            footerHeading = "%nExample:%n",
            footer = "  rillflow subscriptions groups mailer --output=json")
    static final class Groups implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ConnectionOptions connection;

        @Mixin
        TenantOption tenant;

        @Mixin
        OutputOptions output;

        @Parameters(paramLabel = "NAME", description = "The subscription.")
        String name;

        @Override
        public Integer call() {
            try (Store root = connection.openStore(tenant::apply)) {
                Store store = tenant.scope(root);
                Subscriptions subscriptions = store.subscriptions();
                SubscriptionInfo info = find(subscriptions, name)
                        .orElseThrow(() -> new NotFoundException("No subscription named \"" + name + "\""));
                List<Map<String, Object>> rows = info.groups().stream()
                        .map(group -> group(subscriptions.status(name, group)))
                        .toList();
                output.print(spec.commandLine().getOut(), GROUP_COLUMNS, rows);
                return 0;
            }
        }
    }

    @Command(
            name = "group-status",
            description = {
                "Shows each slot of a consumer group: its checkpoint, events in flight and the worker leasing it. The"
                        + " group's streams are spread over its slots; a slot no live worker holds shows no holder."
            },
            footerHeading = "%nExample:%n",
            footer = "  rillflow subscriptions group-status mailer --group=billing")
    static final class GroupStatus implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ConnectionOptions connection;

        @Mixin
        TenantOption tenant;

        @Mixin
        OutputOptions output;

        @Parameters(paramLabel = "NAME", description = "The subscription.")
        String name;

        @Option(
                names = "--group",
                required = true,
                paramLabel = "GROUP",
                description = {"The consumer group.", "Example: --group=billing"})
        String group;

        @Override
        public Integer call() {
            try (Store root = connection.openStore(tenant::apply)) {
                Store store = tenant.scope(root);
                List<Map<String, Object>> rows = store.subscriptions().slots(name, group).stream()
                        .map(SubscriptionGroupCommands::slot)
                        .toList();
                output.print(spec.commandLine().getOut(), SLOT_COLUMNS, rows);
                return 0;
            }
        }
    }

    @Command(
            name = "tail",
            description = {
                "Prints the events the group has not acknowledged, in log order: those its workers hold in flight, then"
                        + " those they receive next (for a group that does not exist yet, those it would start with)."
                        + " Acknowledges nothing and leases nothing."
            },
            footerHeading = "%nExample:%n",
            footer = "  rillflow subscriptions tail mailer --group=billing --limit=20 --output=json")
    static final class Tail implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ConnectionOptions connection;

        @Mixin
        TenantOption tenant;

        @Mixin
        OutputOptions output;

        @Parameters(paramLabel = "NAME", description = "The subscription.")
        String name;

        @Mixin
        SubscriptionsCommand.Group group;

        @Option(
                names = "--limit",
                defaultValue = "20",
                paramLabel = "N",
                description = {"At most this many events.", "Example: --limit=100"})
        int limit;

        @Option(
                names = "--max-in-flight",
                paramLabel = "N",
                description = {
                    "At most as many as a group bounded to N unacknowledged events can hold (the group's own bound, if"
                            + " it has one, applies too).",
                    "Example: --max-in-flight=10"
                })
        Integer maxInFlight;

        @Override
        public Integer call() {
            StreamsCommand.requirePositive("--limit", limit);
            if (maxInFlight != null) {
                StreamsCommand.requirePositive("--max-in-flight", maxInFlight);
            }
            int count = maxInFlight == null ? limit : Math.min(limit, maxInFlight);
            try (Store root = connection.openStore(tenant::apply)) {
                Store store = tenant.scope(root);
                List<Map<String, Object>> rows = store.subscriptions().peek(name, group.name, count).stream()
                        .map(SubscriptionGroupCommands::event)
                        .toList();
                output.print(spec.commandLine().getOut(), EVENT_COLUMNS, rows);
                return 0;
            }
        }
    }

    private static Optional<SubscriptionInfo> find(Subscriptions subscriptions, String name) {
        return subscriptions.list().stream().filter(i -> i.name().equals(name)).findFirst();
    }

    private static int say(CommandSpec spec, String line) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(line);
        out.flush();
        return 0;
    }

    private static Map<String, Object> group(SubscriptionStatus s) {
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

    private static Map<String, Object> slot(SubscriptionSlotStatus s) {
        return row(
                "slot", s.slot(),
                "last_seq", s.lastSeq(),
                "in_flight", s.inFlight(),
                "lease_holder", s.leaseHolder(),
                "lease_expires", s.leaseExpires());
    }

    private static Map<String, Object> event(EventEnvelope e) {
        return row(
                "global_seq", e.globalSeq(),
                "stream_id", e.streamId(),
                "stream_seq", e.streamSeq(),
                "type", e.type(),
                "type_version", e.typeVersion(),
                "created_at", e.createdAt(),
                "data", e.data(),
                "headers", e.headers());
    }
}
