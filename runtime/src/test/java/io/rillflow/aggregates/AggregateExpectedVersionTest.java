package io.rillflow.aggregates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.ConcurrencyException;
import io.rillflow.Store;
import io.rillflow.events.EventEnvelope;
import io.rillflow.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Commands stating the aggregate version they were decided against: a stale one fails with both versions named and
 * writes nothing, never retried, through the repository and the command bus, and under concurrent writers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AggregateExpectedVersionTest {
    private static final int THREADS = 8;
    private static final int ROUNDS = 15;

    private Store store;
    private TallyRepository tallies;

    @BeforeAll
    void open() {
        store = TestDatabase.storeBuilder(getClass())
                .eventType("Added", Tally.Added.class)
                .aggregate(Tally.DEFINITION)
                .build();
        tallies = new TallyRepository(store);
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Test
    void aStaleCommandFailsNamingExpectedAndActualAndWritesNothing() {
        for (int i = 0; i < 3; i++) {
            tallies.execute("stale", new Tally.Add("c" + i, 1), CommandContext.empty());
        }

        assertThatThrownBy(() -> tallies.execute("stale", new Tally.Add("late", 5), CommandContext.empty(), 2))
                .isInstanceOfSatisfying(ConcurrencyException.class, e -> {
                    assertThat(e.expected()).isEqualTo("2");
                    assertThat(e.actual()).isEqualTo(3);
                })
                .hasMessageContaining("aggregate tally stale")
                .hasMessageContaining("expected 2 but the actual version is 3");
        assertThat(store.events().readStream(tallies.streamId("stale"))).hasSize(3);

        CommandResult<Tally> current = tallies.execute("stale", new Tally.Add("now", 5), CommandContext.empty(), 3);
        assertThat(current.version()).isEqualTo(4);
        assertThat(current.state().total()).isEqualTo(8);
    }

    @Test
    void versionZeroMeansANewAggregate() {
        assertThat(tallies.execute("fresh", new Tally.Add("c1", 2), CommandContext.empty(), 0)
                        .version())
                .isEqualTo(1);
        assertThatThrownBy(() -> tallies.execute("fresh", new Tally.Add("c2", 2), CommandContext.empty(), 0))
                .isInstanceOf(ConcurrencyException.class)
                .hasMessageContaining("expected 0 but the actual version is 1");
        assertThatThrownBy(() -> tallies.execute("never", new Tally.Add("c1", 2), CommandContext.empty(), 1))
                .isInstanceOf(ConcurrencyException.class)
                .hasMessageContaining("expected 1 but the actual version is 0");
        assertThat(store.events().readStream(tallies.streamId("never"))).isEmpty();
        assertThatThrownBy(() -> tallies.execute("fresh", new Tally.Add("c3", 2), CommandContext.empty(), -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was -1");
    }

    @Test
    void theCommandBusTakesAnExpectedVersionToo() {
        CommandBus bus = store.commandBus();
        bus.dispatch("bus", new Tally.Add("c1", 1), CommandContext.empty());

        assertThatThrownBy(() -> bus.dispatch("bus", new Tally.Add("c2", 1), CommandContext.empty(), 0))
                .isInstanceOf(ConcurrencyException.class)
                .hasMessageContaining("expected 0 but the actual version is 1");
        assertThat(bus.dispatch("bus", new Tally.Add("c3", 1), CommandContext.empty(), 1)
                        .version())
                .isEqualTo(2);
        assertThatThrownBy(() -> bus.dispatch("bus", new Tally.Add("c4", 1), CommandContext.empty(), -2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was -2");
        assertThat(store.events().readStream(tallies.streamId("bus")))
                .extracting(e -> ((Tally.Added) e.event()).commandId())
                .containsExactly("c1", "c3");
    }

    /**
     * Each round every thread sends a command expecting the version the round starts at: exactly one wins, the others
     * fail without a retry (the repository would otherwise retry up to five times and apply them all).
     */
    @Test
    void concurrentWritersExpectingOneVersionLetExactlyOneWin() throws Exception {
        AggregateRepository<Tally, String> contended = new TallyRepository(store).maxAttempts(5);
        CyclicBarrier round = new CyclicBarrier(THREADS);
        AtomicIntegerArray wins = new AtomicIntegerArray(ROUNDS);
        ConcurrentLinkedQueue<ConcurrencyException> conflicts = new ConcurrentLinkedQueue<>();
        List<Callable<Void>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            workers.add(() -> {
                for (int r = 0; r < ROUNDS; r++) {
                    round.await();
                    try {
                        contended.execute("hot", new Tally.Add(r + "-" + thread, 1), CommandContext.empty(), r);
                        wins.incrementAndGet(r);
                    } catch (ConcurrencyException e) {
                        conflicts.add(e);
                    }
                }
                return null;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (Future<Void> f : pool.invokeAll(workers)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        for (int r = 0; r < ROUNDS; r++) {
            assertThat(wins.get(r)).as("winners of round %d", r).isEqualTo(1);
        }
        assertThat(conflicts).hasSize(ROUNDS * (THREADS - 1));
        assertThat(conflicts).allSatisfy(e -> assertThat(e.actual()).isEqualTo(Long.parseLong(e.expected()) + 1));
        List<EventEnvelope> stored = store.events().readStream(contended.streamId("hot"));
        assertThat(stored)
                .extracting(EventEnvelope::streamSeq)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, ROUNDS).boxed().toList());
        for (int r = 0; r < ROUNDS; r++) {
            assertThat(((Tally.Added) stored.get(r).event()).commandId()).startsWith(r + "-");
        }
    }
}
