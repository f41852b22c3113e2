package io.rillflow.aggregates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.Store;
import io.rillflow.testing.TestDatabase;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Bad input to the aggregate API fails with a message naming what was wrong, and writes nothing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AggregateBadInputTest {
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
    void nullsAndWrongIdsAreRefusedBeforeAnythingIsRead() {
        assertThatThrownBy(() -> tallies.execute("x", null, CommandContext.empty()))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("command");
        assertThatThrownBy(() -> tallies.execute("x", new Tally.Add("c", 1), null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("context");
        @SuppressWarnings({"unchecked", "rawtypes"})
        AggregateRepository<Tally, Object> raw = (AggregateRepository) tallies;
        assertThatThrownBy(() -> raw.load(UUID.randomUUID()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Aggregate tally takes String ids, got java.util.UUID");
        assertThat(store.events().stream(tallies.streamId("x"))).isEmpty();
    }

    @Test
    void settingsOutOfRangeNameTheSetting() {
        assertThatThrownBy(() -> tallies.maxAttempts(0)).hasMessage("maxAttempts must be 1 or more, was 0");
        assertThatThrownBy(() -> tallies.commitAndSnapshot("x", new Tally.Add("c", 1), CommandContext.empty(), 0))
                .hasMessage("everyN must be 1 or more, was 0");
        assertThatThrownBy(() -> new Snapshotter(tallies, 0, 10))
                .hasMessage("threshold and batchSize must be 1 or more, were 0 and 10");
        assertThatThrownBy(() -> CommandContext.empty().withIdempotencyKey(""))
                .hasMessage("An idempotency key must not be empty");
        assertThat(store.events().stream(tallies.streamId("x"))).isEmpty();
    }

    @Test
    void definitionsRefuseNamesAndIdTypesTheStreamsCannotCarry() {
        assertThatThrownBy(() -> new AggregateDefinition<>(
                        "order:v2",
                        Tally.class,
                        String.class,
                        1,
                        "s",
                        Tally::new,
                        (s, e) -> s,
                        (s, i, c, x) -> List.of(),
                        List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("order:v2");
        assertThatThrownBy(() -> new AggregateDefinition<>(
                        "order",
                        Tally.class,
                        Long.class,
                        1,
                        "s",
                        Tally::new,
                        (s, e) -> s,
                        (s, i, c, x) -> List.of(),
                        List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ids must be String or UUID");
    }
}
