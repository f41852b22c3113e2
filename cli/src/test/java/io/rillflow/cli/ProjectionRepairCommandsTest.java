package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.events.Event;
import io.rillflow.events.Expected;
import io.rillflow.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code rebuild} and {@code dlq-requeue} run the application's handler from {@code --classpath}: its rebuild hook
 * clears the read model, its {@code apply} applies a dead-lettered event again.
 */
class ProjectionRepairCommandsTest {
    private static Store app;
    private static String classpath;

    @BeforeAll
    static void open() {
        app = TestDatabase.store(ProjectionRepairCommandsTest.class);
        classpath = "--classpath=" + FixtureApplication.classes();
    }

    @AfterAll
    static void close() {
        app.close();
    }

    @Test
    void rebuildClearsTheReadModelWithTheApplicationsHookAndTheLogIsReplayed() {
        long seq = addTask("kept across the rebuild");
        assertThat(Cli.on(app, "projections", "run-until-idle", classpath).exitCode())
                .isZero();
        assertThat(tasks()).isPositive();

        Cli.Result rebuilt = Cli.on(app, "projections", "rebuild", "tasks", classpath);
        assertThat(rebuilt.err()).isEmpty();
        assertThat(rebuilt.exitCode()).isZero();
        assertThat(rebuilt.out()).isEqualTo("Rebuilt projection tasks: it replays the log from position 0.\n");
        assertThat(tasks()).isZero();
        assertThat(app.admin().projectionStatus("tasks").checkpoint()).isZero();

        assertThat(Cli.on(app, "projections", "run-until-idle", classpath).exitCode())
                .isZero();
        assertThat(tasks()).isPositive();
        assertThat(app.admin().projectionStatus("tasks").checkpoint()).isGreaterThanOrEqualTo(seq);
    }

    @Test
    void dlqRequeueAppliesTheEventAgainAndRemovesTheDeadLetter() {
        String title = "requeued";
        long seq = addTask(title);
        assertThat(Cli.on(app, "projections", "run-until-idle", classpath).exitCode())
                .isZero();
        TestDatabase.execute("delete from \"" + app.schemaName() + "\".rf_doc_task where data->>'title' = 'requeued'");
        deadLetter(seq);

        Cli.Result requeued = Cli.on(app, "projections", "dlq-requeue", "tasks", "--id=" + seq, classpath);
        assertThat(requeued.err()).isEmpty();
        assertThat(requeued.exitCode()).isZero();
        assertThat(requeued.out())
                .isEqualTo("Requeued dead letter " + seq + " of projection tasks: applied and removed.\n");
        assertThat(TestDatabase.count(
                        "select count(*) from \"" + app.schemaName() + "\".rf_doc_task where data->>'title' = ?",
                        title))
                .isOne();
        assertThat(app.admin().deadLetters("tasks", 10)).isEmpty();

        Cli.Result again = Cli.on(app, "projections", "dlq-requeue", "tasks", "--id=" + seq, classpath);
        assertThat(again.exitCode()).isEqualTo(Rillflow.NOT_FOUND);
        assertThat(again.err()).isEqualTo("rillflow: Projection tasks has no dead letter for event " + seq + "\n");
    }

    @Test
    void aRequeuedEventThatFailsAgainKeepsItsDeadLetter() {
        // A schema of its own: the poison event stays in the log, and a replay of it would fail and back off.
        try (Store poisoned = TestDatabase.store(ProjectionRepairCommandsTest.class)) {
            long seq = addTask(poisoned, "poison");
            // The daemon fails on it and backs off; the test moves past it and dead-letters it by hand instead.
            Cli.Result run = Cli.on(poisoned, "projections", "run-once", classpath, "-o", "json");
            assertThat(run.exitCode()).isEqualTo(Rillflow.FAILED);
            assertThat(run.json())
                    .singleElement()
                    .satisfies(row -> assertThat(row.get("outcome").asText()).isEqualTo("FAILED"));
            assertThat(run.err())
                    .startsWith("rillflow: Projection tasks failed and backs off: ")
                    .contains("poison");
            assertThat(Cli.on(poisoned, "projections", "reset-checkpoint", "tasks", Long.toString(seq))
                            .exitCode())
                    .isZero();
            deadLetter(poisoned, seq);

            Cli.Result failed = Cli.on(poisoned, "projections", "dlq-requeue", "tasks", "--id=" + seq, classpath);
            assertThat(failed.exitCode()).isEqualTo(Rillflow.FAILED);
            assertThat(failed.err())
                    .startsWith("rillflow: Requeued ")
                    .contains("failed again in projection tasks; the dead letter is kept")
                    .contains("poison");
            assertThat(poisoned.admin().deadLetters("tasks", 10))
                    .extracting(d -> d.globalSeq())
                    .containsExactly(seq);
        }
    }

    @Test
    void anUnknownProjectionIsNotFound() {
        Cli.Result result = Cli.on(app, "projections", "rebuild", "nope", classpath);
        assertThat(result.exitCode()).isEqualTo(Rillflow.NOT_FOUND);
        assertThat(result.err())
                .startsWith("rillflow: The --classpath declares no projection nope; it declares [tasks]");
    }

    private static long addTask(String title) {
        return addTask(app, title);
    }

    private static long addTask(Store store, String title) {
        UUID id = UUID.randomUUID();
        return store.events()
                .append(
                        id,
                        Expected.noStream(),
                        List.of(Event.of(FixtureApplication.EVENT, Map.of("id", id.toString(), "title", title))))
                .lastGlobalSeq();
    }

    private static void deadLetter(long seq) {
        deadLetter(app, seq);
    }

    private static void deadLetter(Store store, long seq) {
        TestDatabase.execute("insert into \"" + store.schemaName() + "\".rf_projection_dead_letters (projection,"
                + " global_seq, stream_id, stream_seq, event_type, error, attempts) select 'tasks', global_seq,"
                + " stream_id, stream_seq, type, 'IllegalStateException: boom', 3 from \"" + store.schemaName()
                + "\".rf_events where global_seq = " + seq);
    }

    private static long tasks() {
        return TestDatabase.count("select count(*) from \"" + app.schemaName() + "\".rf_doc_task");
    }
}
