package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rillflow.Store;
import io.rillflow.events.Event;
import io.rillflow.events.Expected;
import io.rillflow.subscriptions.SubscriptionFilter;
import io.rillflow.subscriptions.SubscriptionHandle;
import io.rillflow.subscriptions.SubscriptionOptions;
import io.rillflow.subscriptions.Subscriptions;
import io.rillflow.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The subscription commands administer the groups an application's workers consume, and the workers see it. */
class SubscriptionsCommandTest {
    private static final UUID STREAM = UUID.randomUUID();
    private static Store app;
    private static Subscriptions subscriptions;

    @BeforeAll
    static void open() {
        app = TestDatabase.store(SubscriptionsCommandTest.class);
        subscriptions = app.subscriptions();
        subscriptions.create("mailer", SubscriptionFilter.all().withEventTypes("Placed"), 0);
        subscriptions.open("mailer", options("billing")).close();
        app.events()
                .append(
                        STREAM,
                        Expected.any(),
                        List.of(Event.of("Placed", Map.of("n", 1)), Event.of("Paid", Map.of())));
    }

    @AfterAll
    static void close() {
        app.close();
    }

    @Test
    void listAndStatusInBothForms() {
        Cli.Result table = Cli.on(app, "subscriptions", "list");
        assertThat(table.exitCode()).isZero();
        assertThat(table.lines().get(0)).startsWith("NAME").contains("START_FROM", "GROUPS", "FILTER");
        assertThat(table.lines().get(1)).startsWith("mailer ").contains("[\"billing\"]", "Placed");

        JsonNode info =
                Cli.on(app, "subscriptions", "list", "--output=json").json().get(0);
        assertThat(info.get("name").asText()).isEqualTo("mailer");
        assertThat(info.get("groups").get(0).asText()).isEqualTo("billing");
        assertThat(info.get("filter").get("event_types").get(0).asText()).isEqualTo("Placed");

        JsonNode status = Cli.on(app, "subscriptions", "status", "mailer", "--group=billing", "-o", "json")
                .json()
                .get(0);
        assertThat(status.get("group").asText()).isEqualTo("billing");
        assertThat(status.get("lag").asLong())
                .isEqualTo(subscriptions.status("mailer", "billing").lag());
        assertThat(status.get("max_in_flight").isNull()).isTrue();
        assertThat(Cli.on(app, "subscriptions", "status", "mailer", "--group=billing")
                        .lines())
                .hasSize(2);
    }

    @Test
    void pauseResumeResetAndBoundReachTheWorkers() {
        assertThat(Cli.on(app, "subscriptions", "pause", "mailer", "--group=billing")
                        .exitCode())
                .isZero();
        assertThat(subscriptions.status("mailer", "billing").paused()).isTrue();
        try (SubscriptionHandle worker = subscriptions.open("mailer", options("billing"))) {
            assertThat(worker.poll(10, Duration.ofMillis(300))).isEmpty();
        }

        Cli.Result resumed = Cli.on(app, "subscriptions", "resume", "mailer", "--group=billing");
        assertThat(resumed.out()).isEqualTo("Resumed group billing of subscription mailer.\n");
        try (SubscriptionHandle worker = subscriptions.open("mailer", options("billing"))) {
            assertThat(worker.poll(10, Duration.ofSeconds(5)))
                    .extracting(e -> e.type())
                    .containsExactly("Placed");
        }

        long head = subscriptions.status("mailer", "billing").head();
        assertThat(Cli.on(app, "subscriptions", "reset", "mailer", Long.toString(head), "--group=billing")
                        .exitCode())
                .isZero();
        assertThat(subscriptions.status("mailer", "billing").lastSeq()).isEqualTo(head);

        assertThat(Cli.on(app, "subscriptions", "set-group-max-in-flight", "mailer", "--group=billing", "--value=5")
                        .exitCode())
                .isZero();
        assertThat(subscriptions.status("mailer", "billing").maxInFlight()).isEqualTo(5);
        Cli.Result unbounded = Cli.on(app, "subscriptions", "set-group-max-in-flight", "mailer", "--group=billing");
        assertThat(unbounded.out()).isEqualTo("Group billing of subscription mailer now has no bound in flight.\n");
        assertThat(subscriptions.status("mailer", "billing").maxInFlight()).isNull();
    }

    @Test
    void unknownSubscriptionsAndGroupsAreNotFoundAndBadValuesAreUsageErrors() {
        Cli.Result unknown = Cli.on(app, "subscriptions", "pause", "nope");
        assertThat(unknown.exitCode()).isEqualTo(Rillflow.NOT_FOUND);
        assertThat(unknown.err()).startsWith("rillflow: ").contains("nope").hasLineCount(1);

        Cli.Result noGroup = Cli.on(app, "subscriptions", "status", "mailer", "--group=x'; drop table y; --");
        assertThat(noGroup.exitCode()).isEqualTo(Rillflow.NOT_FOUND);
        assertThat(noGroup.err()).hasLineCount(1);

        assertThat(Cli.on(app, "subscriptions", "reset", "mailer", "first").exitCode())
                .isEqualTo(Rillflow.USAGE);
        Cli.Result zero =
                Cli.on(app, "subscriptions", "set-group-max-in-flight", "mailer", "--group=billing", "--value=0");
        assertThat(zero.exitCode()).isEqualTo(Rillflow.USAGE);
        assertThat(zero.err()).isEqualTo("rillflow: --value must be 1 or more, was 0\n");
        assertThat(subscriptions.status("mailer", "billing").paused()).isFalse();
    }

    @Test
    void createRegistersTheFilterAndStartPositionTheWorkersUse() {
        UUID stream = UUID.randomUUID();
        Cli.Result created = Cli.on(
                app,
                "subscriptions",
                "create",
                "shipping",
                "--event-type=Shipped",
                "--event-type=Returned",
                "--stream=" + stream,
                "--header=region=eu",
                "--from=now");
        assertThat(created.exitCode()).isZero();
        assertThat(created.out()).startsWith("Created subscription shipping: its groups start after position ");
        assertThat(subscriptions.list())
                .filteredOn(i -> i.name().equals("shipping"))
                .singleElement()
                .satisfies(i -> {
                    assertThat(i.filter().eventTypes()).containsExactly("Shipped", "Returned");
                    assertThat(i.filter().streamIds()).containsExactly(stream);
                    assertThat(i.filter().headers()).containsExactly(Map.entry("region", "eu"));
                    assertThat(i.startFrom())
                            .isEqualTo(subscriptions.status("mailer", "billing").head());
                });

        Cli.Result again = Cli.on(
                app,
                "subscriptions",
                "create",
                "shipping",
                "--event-type=Shipped",
                "--event-type=Returned",
                "--stream=" + stream,
                "--header=region=eu");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).isEqualTo("Subscription shipping already exists with this filter; nothing changed.\n");

        Cli.Result other = Cli.on(app, "subscriptions", "create", "shipping", "--event-type=Paid");
        assertThat(other.exitCode()).isEqualTo(Rillflow.FAILED);
        assertThat(other.err())
                .startsWith("rillflow: Subscription shipping already exists with filter")
                .hasLineCount(1);

        Cli.Result badFrom = Cli.on(app, "subscriptions", "create", "later", "--from=soon");
        assertThat(badFrom.exitCode()).isEqualTo(Rillflow.USAGE);
        assertThat(badFrom.err()).isEqualTo("rillflow: --from must be a log position (0 or more) or now, was soon\n");
        Cli.Result badStream = Cli.on(app, "subscriptions", "create", "later", "--stream=not-a-uuid");
        assertThat(badStream.exitCode()).isEqualTo(Rillflow.USAGE);
        assertThat(subscriptions.list()).noneMatch(i -> i.name().equals("later"));
    }

    @Test
    void tailPrintsWhatTheGroupHasNotAcknowledgedWithoutAcknowledgingIt() {
        UUID stream = UUID.randomUUID();
        subscriptions.create("tailed", SubscriptionFilter.all().withStreamIds(stream), 0);
        List<Long> seqs = new java.util.ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            seqs.add(app.events()
                    .append(stream, Expected.any(), List.of(Event.of("Placed", Map.of("n", i))))
                    .lastGlobalSeq());
        }
        Cli.Result table = Cli.on(app, "subscriptions", "tail", "tailed");
        assertThat(table.exitCode()).isZero();
        assertThat(table.lines().get(0)).startsWith("GLOBAL_SEQ").contains("STREAM_ID", "TYPE", "DATA");
        assertThat(table.lines()).hasSize(4);
        assertThat(table.lines().get(1)).startsWith(seqs.get(0) + " ").contains(stream.toString(), "{\"n\":1}");

        // The table run acknowledged nothing: the same events again.
        List<JsonNode> json = Cli.on(app, "subscriptions", "tail", "tailed", "--limit=2", "--output=json")
                .json();
        assertThat(json).extracting(j -> j.get("global_seq").asLong()).containsExactly(seqs.get(0), seqs.get(1));
        assertThat(json.get(0).get("data").get("n").asInt()).isEqualTo(1);
        assertThat(json.get(0).get("type").asText()).isEqualTo("Placed");
        assertThat(Cli.on(app, "subscriptions", "tail", "tailed", "--max-in-flight=1", "-o", "json")
                        .json())
                .hasSize(1);

        try (SubscriptionHandle worker = subscriptions.open("tailed", options("default"))) {
            assertThat(worker.poll(1, Duration.ofSeconds(5))).hasSize(1);
            worker.poll(10, Duration.ofMillis(200)); // acknowledges the first event
            List<JsonNode> left =
                    Cli.on(app, "subscriptions", "tail", "tailed", "-o", "json").json();
            assertThat(left).extracting(j -> j.get("global_seq").asLong()).containsExactly(seqs.get(1), seqs.get(2));
        }

        Cli.Result unknown = Cli.on(app, "subscriptions", "tail", "nope");
        assertThat(unknown.exitCode()).isEqualTo(Rillflow.NOT_FOUND);
        assertThat(unknown.err()).contains("nope").hasLineCount(1);
        assertThat(Cli.on(app, "subscriptions", "tail", "tailed", "--limit=0").exitCode())
                .isEqualTo(Rillflow.USAGE);
    }

    @Test
    void groupsAndGroupStatusShowEveryGroupAndEachSlot() {
        Cli.Result groups = Cli.on(app, "subscriptions", "groups", "mailer");
        assertThat(groups.exitCode()).isZero();
        assertThat(groups.lines().get(0)).startsWith("GROUP").contains("LAST_SEQ", "LAG", "WORKERS");
        assertThat(groups.lines().get(1)).startsWith("billing ");
        JsonNode billing = Cli.on(app, "subscriptions", "groups", "mailer", "--output=json")
                .json()
                .get(0);
        assertThat(billing.get("subscription").asText()).isEqualTo("mailer");
        assertThat(billing.get("lag").asLong())
                .isEqualTo(subscriptions.status("mailer", "billing").lag());

        Cli.Result slots = Cli.on(app, "subscriptions", "group-status", "mailer", "--group=billing");
        assertThat(slots.exitCode()).isZero();
        assertThat(slots.lines().get(0)).startsWith("SLOT").contains("LAST_SEQ", "IN_FLIGHT", "LEASE_HOLDER");
        List<JsonNode> json = Cli.on(app, "subscriptions", "group-status", "mailer", "--group=billing", "-o", "json")
                .json();
        assertThat(json).hasSize(subscriptions.status("mailer", "billing").slots());
        assertThat(json.get(0).get("slot").asInt()).isZero();

        assertThat(Cli.on(app, "subscriptions", "groups", "nope").exitCode()).isEqualTo(Rillflow.NOT_FOUND);
        Cli.Result noGroup = Cli.on(app, "subscriptions", "group-status", "mailer", "--group=nobody");
        assertThat(noGroup.exitCode()).isEqualTo(Rillflow.NOT_FOUND);
        assertThat(noGroup.err()).contains("nobody").hasLineCount(1);
        assertThat(Cli.on(app, "subscriptions", "group-status", "mailer").exitCode())
                .as("--group is required")
                .isEqualTo(Rillflow.USAGE);
    }

    private static SubscriptionOptions options(String group) {
        return SubscriptionOptions.defaults().withGroup(group).withPollInterval(Duration.ofMillis(50));
    }
}
