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

    private static SubscriptionOptions options(String group) {
        return SubscriptionOptions.defaults().withGroup(group).withPollInterval(Duration.ofMillis(50));
    }
}
