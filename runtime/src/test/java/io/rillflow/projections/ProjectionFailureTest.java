package io.rillflow.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.RillflowException;
import io.rillflow.Store;
import io.rillflow.events.Event;
import io.rillflow.events.Expected;
import io.rillflow.projections.TickResult.Outcome;
import io.rillflow.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Poison events: retries with backoff, dead letters (list, requeue, delete) and the stop policy. */
class ProjectionFailureTest {
    @Test
    void poisonEventIsDeadLetteredTheRestGoOnAndRequeueAppliesItAfterAFix() {
        try (Store store = store(ProjectionOptions.defaults().withMaxAttempts(1))) {
            CountingProjection projection = register(store);
            long before = append(store, "Ok");
            long poison = append(store, "Poison");
            long after = append(store, "Ok");
            projection.poison(e -> e.type().equals("Poison"));

            store.projections().runUntilIdle();

            assertThat(projection.counts(store)).containsExactly(Map.entry(before, 1), Map.entry(after, 1));
            List<DeadLetter> letters = store.projections().deadLetters("counted");
            assertThat(letters).singleElement().satisfies(letter -> {
                assertThat(letter.globalSeq()).isEqualTo(poison);
                assertThat(letter.eventType()).isEqualTo("Poison");
                assertThat(letter.attempts()).isEqualTo(1);
                assertThat(letter.error()).contains("IllegalStateException", "cannot project Poison #" + poison);
            });
            ProjectionStatus status = store.projections().status("counted");
            assertThat(status.checkpoint()).isEqualTo(after);
            assertThat(status.deadLetters()).isEqualTo(1);
            assertThat(status.lastError()).contains("cannot project Poison");

            assertThatThrownBy(() -> store.projections().requeue("counted", poison))
                    .isInstanceOf(RillflowException.class)
                    .hasMessageContaining("failed again")
                    .hasMessageContaining("the dead letter is kept");
            assertThat(store.projections().deadLetters("counted")).hasSize(1);

            projection.poison(e -> false);
            store.projections().requeue("counted", poison);
            assertThat(projection.counts(store))
                    .containsExactly(Map.entry(before, 1), Map.entry(poison, 1), Map.entry(after, 1));
            assertThat(store.projections().deadLetters("counted")).isEmpty();
            assertThat(store.projections().status("counted").deadLetters()).isZero();
        }
    }

    @Test
    void anErrorThrownByAHandlerIsDeadLetteredLikeAnException() {
        try (Store store = store(ProjectionOptions.defaults().withMaxAttempts(1))) {
            CountingProjection projection = register(store);
            long poison = append(store, "Poison");
            long after = append(store, "Ok");
            projection.poisonWithError(e -> e.type().equals("Poison"));

            store.projections().runUntilIdle();

            assertThat(projection.counts(store)).containsExactly(Map.entry(after, 1));
            assertThat(store.projections().deadLetters("counted"))
                    .singleElement()
                    .satisfies(letter -> {
                        assertThat(letter.globalSeq()).isEqualTo(poison);
                        assertThat(letter.error()).contains("AssertionError", "cannot project Poison");
                    });
            assertThat(store.projections().status("counted").checkpoint()).isEqualTo(after);
        }
    }

    @Test
    void failingEventIsRetriedAfterABackoffUntilItsLastAttempt() {
        ProjectionOptions options = ProjectionOptions.defaults()
                .withMaxAttempts(2)
                .withBackoff(Duration.ofMinutes(1), Duration.ofMinutes(5));
        try (Store store = store(options)) {
            CountingProjection projection = register(store);
            long ok = append(store, "Ok");
            long poison = append(store, "Poison");
            projection.poison(e -> e.type().equals("Poison"));

            TickResult first = store.projections().tickOnce("counted");
            assertThat(first.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(first.applied())
                    .as("the events before the poison are committed")
                    .isEqualTo(1);
            assertThat(projection.counts(store)).containsOnlyKeys(ok);
            ProjectionStatus status = store.projections().status("counted");
            assertThat(status.attempts()).isEqualTo(1);
            assertThat(status.backoffUntil()).isNotNull();
            assertThat(status.checkpoint()).isEqualTo(ok);

            assertThat(store.projections().tickOnce("counted").outcome()).isEqualTo(Outcome.BACKING_OFF);

            store.projections().resume("counted"); // an operator ends the backoff
            assertThat(store.projections().tickOnce("counted").outcome()).isEqualTo(Outcome.DEAD_LETTERED);
            assertThat(store.projections().deadLetters("counted"))
                    .singleElement()
                    .satisfies(letter -> assertThat(letter.attempts()).isEqualTo(2));
            assertThat(store.projections().status("counted").checkpoint()).isEqualTo(poison);

            assertThat(store.projections().deleteDeadLetter("counted", poison)).isTrue();
            assertThat(store.projections().deleteDeadLetter("counted", poison)).isFalse();
            assertThat(store.projections().deadLetters("counted")).isEmpty();
        }
    }

    @Test
    void stopPolicyPausesAtTheFailingEventUntilResumed() {
        ProjectionOptions options =
                ProjectionOptions.defaults().withMaxAttempts(1).withFailurePolicy(FailurePolicy.STOP);
        try (Store store = store(options)) {
            CountingProjection projection = register(store);
            long ok = append(store, "Ok");
            long poison = append(store, "Poison");
            long after = append(store, "Ok");
            projection.poison(e -> e.type().equals("Poison"));

            store.projections().runUntilIdle();
            ProjectionStatus stopped = store.projections().status("counted");
            assertThat(stopped.paused()).isTrue();
            assertThat(stopped.checkpoint()).isEqualTo(ok);
            assertThat(stopped.lagEvents()).isEqualTo(2);
            assertThat(stopped.lastError()).contains("cannot project Poison");
            assertThat(store.projections().tickOnce("counted").outcome()).isEqualTo(Outcome.PAUSED);
            assertThat(store.projections().deadLetters("counted")).isEmpty();

            projection.poison(e -> false);
            store.projections().resume("counted");
            store.projections().runUntilIdle();
            assertThat(projection.counts(store))
                    .containsExactly(Map.entry(ok, 1), Map.entry(poison, 1), Map.entry(after, 1));
            assertThat(store.projections().status("counted").paused()).isFalse();
        }
    }

    @Test
    void handlerWhoseSqlFailsIsDeadLetteredNotRetriedForever() {
        try (Store store = store(ProjectionOptions.defaults().withMaxAttempts(1))) {
            ProjectionHandler failingSql = new ProjectionHandler() {
                @Override
                public String name() {
                    return "failing_sql";
                }

                @Override
                public void apply(io.rillflow.events.EventEnvelope event, ProjectionContext context)
                        throws java.sql.SQLException {
                    try (var s = context.connection().createStatement()) {
                        s.execute(event.type().equals("Poison") ? "select 1 / 0" : "select 1");
                    }
                }
            };
            store.projections().register(failingSql);
            long poison = append(store, "Poison");
            long after = append(store, "Ok");

            store.projections().runUntilIdle();

            assertThat(store.projections().deadLetters("failing_sql"))
                    .singleElement()
                    .satisfies(letter -> {
                        assertThat(letter.globalSeq()).isEqualTo(poison);
                        assertThat(letter.error()).contains("division by zero");
                    });
            assertThat(store.projections().status("failing_sql").checkpoint()).isEqualTo(after);
        }
    }

    private Store store(ProjectionOptions options) {
        return TestDatabase.storeBuilder(getClass()).projectionOptions(options).build();
    }

    private static CountingProjection register(Store store) {
        CountingProjection projection = new CountingProjection(store, "counted", Set.of());
        store.projections().register(projection);
        return projection;
    }

    private static long append(Store store, String type) {
        return store.events()
                .append(UUID.randomUUID(), Expected.any(), List.of(Event.of(type, Map.of())))
                .lastGlobalSeq();
    }
}
