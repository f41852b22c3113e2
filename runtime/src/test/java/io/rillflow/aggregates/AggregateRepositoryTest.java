package io.rillflow.aggregates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.ConcurrencyException;
import io.rillflow.IdempotencyConflictException;
import io.rillflow.Store;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.testing.TestDatabase;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Loading, executing and appending through an aggregate repository, on PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AggregateRepositoryTest {
    private Store store;
    private TallyRepository tallies;

    @BeforeAll
    void open() {
        store = TestDatabase.storeBuilder(getClass())
                .eventType("Added", Tally.Added.class)
                .build();
        tallies = new TallyRepository(store);
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Test
    void anAggregateWithoutEventsLoadsEmptyAndExecutesFromItsInitialState() {
        assertThat(tallies.load("new-1")).isEmpty();
        AggregateState<Tally> state = tallies.state("new-1");
        assertThat(state.version()).isZero();
        assertThat(state.state().total()).isZero();

        CommandResult<Tally> result = tallies.execute("new-1", new Tally.Add("c1", 5), CommandContext.empty());

        assertThat(result.version()).isEqualTo(1);
        assertThat(result.events()).containsExactly(new Tally.Added("c1", 5));
        assertThat(result.state().total()).isEqualTo(5);
        assertThat(tallies.load("new-1")).get().extracting(Tally::total).isEqualTo(5L);
    }

    @Test
    void loadAtAVersionFoldsOnlyThatManyEvents() {
        for (int i = 1; i <= 4; i++) {
            tallies.execute("history", new Tally.Add("c" + i, i), CommandContext.empty());
        }

        assertThat(tallies.load("history", 2)).get().extracting(Tally::total).isEqualTo(3L);
        assertThat(tallies.load("history", 4)).get().extracting(Tally::total).isEqualTo(10L);
        assertThatThrownBy(() -> tallies.load("history", 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has 4 events");
        assertThatThrownBy(() -> tallies.load("history", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(tallies.load("nothing-here", 1)).isEmpty();
    }

    @Test
    void theCommandContextLandsInEveryEventEnvelope() {
        UUID correlation = UUID.randomUUID();
        UUID causation = UUID.randomUUID();
        CommandContext context = CommandContext.empty()
                .withActor("ada")
                .withCorrelationId(correlation)
                .withCausationId(causation)
                .withMetadata("request", "r-7");

        CommandResult<Tally> result = tallies.execute("audited", new Tally.Add("c1", 1), context);

        EventEnvelope stored =
                store.events().readStream(tallies.streamId("audited")).get(0);
        assertThat(stored.headers().get("actor").asText()).isEqualTo("ada");
        assertThat(stored.headers().get("request").asText()).isEqualTo("r-7");
        assertThat(stored.correlationId()).isEqualTo(correlation);
        assertThat(stored.causationId()).isEqualTo(causation);
        assertThat(result.state().lastActor())
                .as("the pending envelope carries the context too")
                .isEqualTo("ada");
        assertThat(store.events().stream(tallies.streamId("audited")))
                .get()
                .extracting(s -> s.type())
                .isEqualTo("tally");
        assertThatThrownBy(() -> CommandContext.empty().withMetadata("actor", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"actor\"");
    }

    @Test
    void stringIdsMapToTheStreamTheirAliasNames() {
        assertThat(tallies.streamId("counter-1"))
                .isEqualTo(store.events().resolveStreamAlias("tally:counter-1"))
                .isEqualTo(tallies.streamId("counter-1"))
                .isNotEqualTo(tallies.streamId("counter-2"));
        assertThatThrownBy(() -> tallies.streamId("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tallies.streamId(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectedCommandsWriteNothing() {
        TallyRepository checked = new TallyRepository(store);
        checked.beforeCommit(t -> {
            if (t.total() > 10) {
                throw new IllegalStateException("too much: " + t.total());
            }
        });
        checked.execute("capped", new Tally.Add("c1", 8), CommandContext.empty());

        assertThatThrownBy(() -> checked.execute("capped", new Tally.Add("c2", 5), CommandContext.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("too much: 13");
        assertThatThrownBy(() -> checked.execute("capped", new Tally.Add("c3", -1), CommandContext.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("A tally only grows");
        assertThatThrownBy(() -> checked.execute("capped", "not a command", CommandContext.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("handles no command of type java.lang.String");
        CommandResult<Tally> noop = checked.execute("capped", new Tally.Noop(), CommandContext.empty());

        assertThat(noop.events()).isEmpty();
        assertThat(noop.version()).isEqualTo(1);
        assertThat(store.events().readStream(checked.streamId("capped"))).hasSize(1);
    }

    @Test
    void aCommandSentTwiceWithOneIdempotencyKeyIsAppliedOnce() {
        CommandContext once = CommandContext.empty().withIdempotencyKey("pm-1:42:0");
        tallies.execute("keyed", new Tally.Add("c1", 1), once);

        assertThatThrownBy(() -> tallies.execute("keyed", new Tally.Add("c1", 1), once))
                .isInstanceOf(IdempotencyConflictException.class)
                .hasMessageContaining("pm-1:42:0");
        tallies.execute("keyed", new Tally.Add("c2", 1), once.withIdempotencyKey("pm-1:43:0"));

        assertThat(tallies.load("keyed")).get().extracting(Tally::applied).isEqualTo(List.of("c1", "c2"));
        assertThat(tallies.execute("other", new Tally.Add("c1", 1), once).version())
                .as("keys are per aggregate stream")
                .isEqualTo(1);
    }

    @Test
    void appendGoesToTheAggregatesStreamWithTheExpectedVersion() {
        tallies.append("direct", Expected.noStream(), List.of(new Tally.Added("a", 2), new Tally.Added("b", 3)));

        assertThat(tallies.load("direct")).get().extracting(Tally::applied).isEqualTo(List.of("a", "b"));
        assertThatThrownBy(() -> tallies.append("direct", Expected.exact(1), List.of(new Tally.Added("c", 1))))
                .isInstanceOf(ConcurrencyException.class);
    }
}
