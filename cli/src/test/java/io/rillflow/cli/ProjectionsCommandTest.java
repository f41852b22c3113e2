package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rillflow.Store;
import io.rillflow.events.Event;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.projections.ProjectionContext;
import io.rillflow.projections.ProjectionDaemon;
import io.rillflow.projections.ProjectionHandler;
import io.rillflow.projections.ProjectionStatus;
import io.rillflow.projections.StaleProjectionsException;
import io.rillflow.projections.TickResult;
import io.rillflow.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The projection commands work from the database alone: the application's store registers the handlers and runs the
 * daemon in this JVM, the command (with no handler) administers them, and the application sees each change.
 */
class ProjectionsCommandTest {
    private static final Counting AUDIT = new Counting("audit");
    private static Store app;

    @BeforeAll
    static void open() {
        app = TestDatabase.store(ProjectionsCommandTest.class);
        app.projections().register(new Counting("order_totals"));
        app.projections().register(AUDIT);
    }

    @AfterAll
    static void close() {
        app.close();
    }

    @Test
    void listAndStatusInBothForms() {
        app.events().append(UUID.randomUUID(), Expected.any(), List.of(Event.of("Placed", Map.of("n", 1))));

        Cli.Result table = Cli.on(app, "projections", "list");
        assertThat(table.exitCode()).isZero();
        assertThat(table.lines().get(0)).startsWith("NAME").contains("CHECKPOINT", "LAG_EVENTS", "PAUSED");
        assertThat(table.lines()).hasSize(3);
        assertThat(table.lines().get(1)).startsWith("audit ");

        List<JsonNode> json =
                Cli.on(app, "projections", "list", "--output=json").json();
        assertThat(json).extracting(j -> j.get("name").asText()).containsExactly("audit", "order_totals");
        JsonNode totals = json.get(1);
        assertThat(totals.get("checkpoint").asLong())
                .isEqualTo(app.projections().status("order_totals").checkpoint());
        assertThat(totals.get("head").asLong()).isPositive();
        assertThat(totals.get("paused").asBoolean()).isFalse();
        assertThat(totals.has("lag_seconds")).isTrue();

        Cli.Result status = Cli.on(app, "projections", "status", "audit", "-o", "JSON");
        assertThat(status.exitCode()).isZero();
        assertThat(status.json()).singleElement().satisfies(j -> {
            assertThat(j.get("name").asText()).isEqualTo("audit");
            assertThat(j.get("last_error").isNull()).isTrue();
        });
    }

    @Test
    void nodesListsTheRunningDaemonAndForgetsItWhenItStops() throws Exception {
        try (ProjectionDaemon daemon = app.projections().start()) {
            app.projections().waitForNonStale(Duration.ofSeconds(20));
            String holder = app.projections().status("audit").leaseHolder();
            List<JsonNode> json =
                    Cli.on(app, "projections", "nodes", "--output=json").json();
            assertThat(json).singleElement().satisfies(node -> {
                assertThat(node.get("node_id").asText()).isEqualTo(holder);
                assertThat(node.get("seconds_ago").asLong()).isBetween(0L, 30L);
                assertThat(node.get("last_seen").asText()).isNotBlank();
            });
            Cli.Result table = Cli.on(app, "projections", "nodes");
            assertThat(table.exitCode()).isZero();
            assertThat(table.lines().get(0)).startsWith("NODE_ID").contains("LAST_SEEN", "SECONDS_AGO");
            assertThat(table.lines().get(1)).startsWith(holder);
        }
        Cli.Result after = Cli.on(app, "projections", "nodes", "--output=json");
        assertThat(after.exitCode()).isZero();
        assertThat(after.json()).isEmpty();
    }

    @Test
    void metricsPrintTheGaugesOfOneOrEveryProjection() {
        app.events().append(UUID.randomUUID(), Expected.any(), List.of(Event.of("Placed", Map.of("n", 2))));
        ProjectionStatus audit = app.projections().status("audit");

        Cli.Result one = Cli.on(app, "projections", "metrics", "audit", "--output=json");
        assertThat(one.exitCode()).isZero();
        assertThat(one.json()).singleElement().satisfies(j -> {
            assertThat(j.get("name").asText()).isEqualTo("audit");
            assertThat(j.get("checkpoint").asLong()).isEqualTo(audit.checkpoint());
            assertThat(j.get("lag_events").asLong()).isEqualTo(audit.head() - audit.checkpoint());
            assertThat(j.get("lag_seconds").isNumber()).isTrue();
            assertThat(j.get("paused").asInt()).isZero();
        });

        Cli.Result all = Cli.on(app, "projections", "metrics");
        assertThat(all.lines().get(0)).startsWith("NAME").contains("LAG_SECONDS", "DEAD_LETTERS");
        assertThat(all.lines()).hasSize(3);

        Cli.Result text = Cli.on(app, "projections", "metrics", "order_totals", "--prometheus");
        assertThat(text.exitCode()).isZero();
        assertThat(text.out())
                .contains("rillflow_projection_lag_events{projection=\"order_totals\"}")
                .contains("rillflow_projection_dead_letters{projection=\"order_totals\"}")
                .doesNotContain("projection=\"audit\"");

        Cli.Result unknown = Cli.on(app, "projections", "metrics", "nope");
        assertThat(unknown.exitCode()).isEqualTo(3);
        assertThat(unknown.out()).isEmpty();
        assertThat(unknown.err()).contains("nope");
    }

    @Test
    void pauseResumeAndResetReachTheApplicationsRunningDaemon() {
        try (ProjectionDaemon daemon = app.projections().start()) {
            app.projections().waitForNonStale(Duration.ofSeconds(20));
            int before = AUDIT.applied.get();

            Cli.Result paused = Cli.on(app, "projections", "pause", "audit");
            assertThat(paused.exitCode()).isZero();
            assertThat(paused.out()).isEqualTo("Paused projection audit.\n");
            assertThat(Cli.on(app, "projections", "status", "audit", "--output=json")
                            .json()
                            .get(0)
                            .get("paused")
                            .asBoolean())
                    .isTrue();
            app.events().append(UUID.randomUUID(), Expected.any(), List.of(Event.of("Placed", Map.of("n", 2))));
            assertThatThrownBy(() -> app.projections().waitForNonStale(Duration.ofSeconds(2)))
                    .isInstanceOf(StaleProjectionsException.class)
                    .hasMessageContaining("audit");
            assertThat(AUDIT.applied.get()).isEqualTo(before);
            assertThat(app.projections().tickOnce("audit").outcome()).isEqualTo(TickResult.Outcome.PAUSED);

            assertThat(Cli.on(app, "projections", "resume", "audit").exitCode()).isZero();
            app.projections().waitForNonStale(Duration.ofSeconds(20));
            assertThat(AUDIT.applied.get()).isEqualTo(before + 1);

            long head = app.projections().status("audit").checkpoint();
            assertThat(Cli.on(app, "projections", "reset-checkpoint", "audit", "0")
                            .exitCode())
                    .isZero();
            app.projections().waitForNonStale(Duration.ofSeconds(20));
            assertThat(AUDIT.applied.get()).isGreaterThan(before + 1);
            assertThat(app.projections().status("audit").checkpoint()).isEqualTo(head);
        }
        assertThat(app.projections().status("audit").paused()).isFalse();
    }

    @Test
    void resetCheckpointMovesItAndRefusesAPositionBeyondTheLog() {
        app.projections().runUntilIdle();
        assertThat(Cli.on(app, "projections", "reset-checkpoint", "order_totals", "0")
                        .exitCode())
                .isZero();
        assertThat(app.projections().status("order_totals").checkpoint()).isZero();

        Cli.Result beyond = Cli.on(app, "projections", "reset-checkpoint", "order_totals", "999999");
        assertThat(beyond.exitCode()).isEqualTo(Rillflow.USAGE);
        assertThat(beyond.err()).contains("999999").hasLineCount(1);
        assertThat(app.projections().status("order_totals").checkpoint()).isZero();

        Cli.Result notNumber = Cli.on(app, "projections", "reset-checkpoint", "order_totals", "ten");
        assertThat(notNumber.exitCode()).isEqualTo(Rillflow.USAGE);
        assertThat(notNumber.err()).contains("ten").hasLineCount(1);
    }

    @Test
    void deadLettersAreListedAndDeleted() {
        for (long seq = 101; seq <= 103; seq++) {
            TestDatabase.execute("insert into \"" + app.schemaName() + "\".rf_projection_dead_letters (projection,"
                    + " global_seq, stream_id, stream_seq, event_type, error, attempts) values ('order_totals', " + seq
                    + ", gen_random_uuid(), 1, 'Placed', 'IllegalStateException: boom\nsecond line', 3)");
        }
        Cli.Result table = Cli.on(app, "projections", "dlq-list", "order_totals", "--limit=2");
        assertThat(table.exitCode()).isZero();
        assertThat(table.lines()).hasSize(3);
        assertThat(table.lines().get(1)).startsWith("101 ").endsWith("IllegalStateException: boom second line");

        List<JsonNode> json = Cli.on(app, "projections", "dlq-list", "order_totals", "--output=json")
                .json();
        assertThat(json).extracting(j -> j.get("global_seq").asLong()).containsExactly(101L, 102L, 103L);
        assertThat(json.get(0).get("event_type").asText()).isEqualTo("Placed");
        assertThat(json.get(0).get("error").asText()).isEqualTo("IllegalStateException: boom\nsecond line");

        Cli.Result deleted = Cli.on(app, "projections", "dlq-delete", "order_totals", "--id=102");
        assertThat(deleted.exitCode()).isZero();
        assertThat(app.projections().deadLetters("order_totals"))
                .extracting(d -> d.globalSeq())
                .containsExactly(101L, 103L);

        Cli.Result again = Cli.on(app, "projections", "dlq-delete", "order_totals", "--id=102");
        assertThat(again.exitCode()).isEqualTo(Rillflow.NOT_FOUND);
        assertThat(again.err()).isEqualTo("rillflow: Projection order_totals has no dead letter for event 102\n");

        Cli.Result notNumber = Cli.on(app, "projections", "dlq-delete", "order_totals", "--id=abc");
        assertThat(notNumber.exitCode()).isEqualTo(Rillflow.USAGE);
        assertThat(notNumber.err()).contains("--id", "abc").hasLineCount(1);
        assertThat(app.projections().deadLetters("order_totals")).hasSize(2);
    }

    @Test
    void unknownAndHostileProjectionNamesAreNotFoundAndChangeNothing() {
        for (String name : List.of("nope", "audit'; update rf_projections set paused = true; --")) {
            for (String command : List.of("status", "pause", "resume", "dlq-list")) {
                Cli.Result result = Cli.on(app, "projections", command, name);
                assertThat(result.exitCode()).as(command).isEqualTo(Rillflow.NOT_FOUND);
                assertThat(result.err())
                        .as(command)
                        .startsWith("rillflow: No projection named \"" + name + "\"")
                        .contains("the projections are audit, order_totals")
                        .hasLineCount(1);
                assertThat(result.out()).isEmpty();
            }
        }
        assertThat(app.projections().status("order_totals").paused()).isFalse();
    }

    @Test
    void aRebuildRequestedByTheCommandIsPerformedByTheRunningDaemon() throws InterruptedException {
        app.events().append(UUID.randomUUID(), Expected.any(), List.of(Event.of("Placed", Map.of("n", 3))));
        try (ProjectionDaemon daemon = app.projections().start()) {
            app.projections().waitForNonStale(Duration.ofSeconds(20));
            int rebuildsBefore = AUDIT.rebuilds.get();
            // A read model gone wrong: only a rebuild (its hook resets the count, the replay recounts) repairs it.
            AUDIT.applied.addAndGet(1000);

            Cli.Result requested = Cli.on(app, "projections", "rebuild", "audit");
            assertThat(requested.exitCode()).isZero();
            assertThat(requested.out()).startsWith("Requested a rebuild of projection audit:");

            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (app.admin().projectionRebuildRequestedAt("audit").isPresent() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(app.admin().projectionRebuildRequestedAt("audit")).isEmpty();
            app.projections().waitForNonStale(Duration.ofSeconds(20));
            assertThat(AUDIT.rebuilds.get()).isEqualTo(rebuildsBefore + 1);
            assertThat((long) AUDIT.applied.get())
                    .isEqualTo(TestDatabase.count("select count(*) from \"" + app.schemaName() + "\".rf_events"));
        }
    }

    @Test
    void aRebuildRequestWaitsInTheDatabaseUntilADaemonRuns() {
        app.projections().runUntilIdle();
        int rebuildsBefore = AUDIT.rebuilds.get();
        assertThat(Cli.on(app, "projections", "rebuild", "audit").exitCode()).isZero();
        // Asking twice keeps the first request's time.
        String pending = Cli.on(app, "projections", "status", "audit", "--output=json")
                .json()
                .get(0)
                .get("rebuild_requested_at")
                .asText();
        assertThat(Cli.on(app, "projections", "rebuild", "audit").exitCode()).isZero();
        assertThat(Cli.on(app, "projections", "status", "audit", "--output=json")
                        .json()
                        .get(0)
                        .get("rebuild_requested_at")
                        .asText())
                .isNotEmpty()
                .isEqualTo(pending);
        assertThat(AUDIT.rebuilds.get()).isEqualTo(rebuildsBefore);

        app.projections().runUntilIdle();
        assertThat(AUDIT.rebuilds.get()).isEqualTo(rebuildsBefore + 1);
        assertThat(Cli.on(app, "projections", "status", "audit", "--output=json")
                        .json()
                        .get(0)
                        .get("rebuild_requested_at")
                        .isNull())
                .isTrue();

        assertThat(Cli.on(app, "projections", "rebuild", "audit").exitCode()).isZero();
        Cli.Result cancelled = Cli.on(app, "projections", "rebuild", "audit", "--cancel");
        assertThat(cancelled.exitCode()).isZero();
        assertThat(cancelled.out()).isEqualTo("Withdrew the rebuild request of projection audit.\n");
        app.projections().runUntilIdle();
        assertThat(AUDIT.rebuilds.get()).as("withdrawn, not performed").isEqualTo(rebuildsBefore + 1);
        Cli.Result none = Cli.on(app, "projections", "rebuild", "audit", "--cancel");
        assertThat(none.exitCode()).isEqualTo(Rillflow.NOT_FOUND);
        assertThat(none.err()).isEqualTo("rillflow: Projection audit has no pending rebuild request\n");

        Cli.Result unknown = Cli.on(app, "projections", "rebuild", "nope");
        assertThat(unknown.exitCode()).isEqualTo(Rillflow.NOT_FOUND);
        assertThat(unknown.err())
                .startsWith("rillflow: No projection named \"nope\"")
                .hasLineCount(1);
    }

    /** Counts what it applies, so a test sees whether the daemon ran it; its rebuild hook resets the count. */
    private record Counting(String name, AtomicInteger applied, AtomicInteger rebuilds) implements ProjectionHandler {
        Counting(String name) {
            this(name, new AtomicInteger(), new AtomicInteger());
        }

        @Override
        public void apply(EventEnvelope event, ProjectionContext context) {
            applied.incrementAndGet();
        }

        @Override
        public void rebuild(ProjectionContext context) {
            applied.set(0);
            rebuilds.incrementAndGet();
        }
    }
}
