package io.rillflow.examples.counter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.ConcurrencyException;
import io.rillflow.Store;
import io.rillflow.aggregates.AggregateState;
import io.rillflow.aggregates.CommandBus;
import io.rillflow.aggregates.CommandContext;
import io.rillflow.aggregates.CommandResult;
import io.rillflow.aggregates.Snapshotter;
import io.rillflow.events.EventEnvelope;
import io.rillflow.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The eventfold-es counter, end to end on PostgreSQL through the generated {@code CounterRepository}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CounterTest {
    private Store store;
    private CounterRepository counters;

    @BeforeAll
    void open() {
        store = TestDatabase.store(getClass());
        counters = new CounterRepository(store);
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Test
    void directHandleUsageAsInTheQuickStart() {
        counters.execute("counter-1", new CounterCommand.Increment(1), CommandContext.empty());

        Counter counter = counters.load("counter-1").orElseThrow();
        assertThat(counter.value()).isEqualTo(1);
        assertThat(counter.changedAt()).isNotNull();
    }

    @Test
    void theCommandBusRoutesByCommandType() {
        CommandBus bus = store.commandBus();

        bus.dispatch("counter-2", new CounterCommand.Increment(2), CommandContext.empty());
        CommandResult<?> result = bus.dispatch("counter-2", new CounterCommand.Increment(3), CommandContext.empty());

        assertThat(((Counter) result.state()).value()).isEqualTo(5);
        assertThat(result.version()).isEqualTo(2);
        assertThat(counters.load("counter-2").orElseThrow().value()).isEqualTo(5);
    }

    @Test
    void instancesAreSeparateStreamsNamedByTypeAndId() {
        counters.execute("a", new CounterCommand.Increment(4), CommandContext.empty());
        counters.execute("b", new CounterCommand.Increment(7), CommandContext.empty());

        assertThat(counters.load("a").orElseThrow().value()).isEqualTo(4);
        assertThat(counters.load("b").orElseThrow().value()).isEqualTo(7);
        assertThat(store.events().readStream(store.events().resolveStreamAlias("counter:a")))
                .extracting(EventEnvelope::type)
                .containsExactly("Counter.Incremented");
        assertThat(counters.load("never-used")).isEmpty();
        AggregateState<Counter> fresh = counters.state("never-used");
        assertThat(fresh.version()).isZero();
        assertThat(fresh.state().value()).isZero();
    }

    @Test
    void rejectedAndEmptyCommandsWriteNothing() {
        assertThatThrownBy(() -> counters.execute("strict", new CounterCommand.Decrement(1), CommandContext.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot take 1 from 0");
        CommandResult<Counter> reset = counters.execute("strict", new CounterCommand.Reset(), CommandContext.empty());

        assertThat(reset.events()).isEmpty();
        assertThat(store.events().stream(counters.streamId("strict"))).isEmpty();
    }

    @Test
    void aCommandStatingTheVersionItSawIsRefusedOnceTheCounterMoved() {
        counters.execute("seen", new CounterCommand.Increment(2), CommandContext.empty());
        counters.execute("seen", new CounterCommand.Increment(3), CommandContext.empty());

        assertThatThrownBy(() -> counters.execute("seen", new CounterCommand.ResetSeen(1), CommandContext.empty()))
                .isInstanceOf(ConcurrencyException.class)
                .hasMessageContaining("expected 1 but the actual version is 2");
        assertThat(counters.load("seen").orElseThrow().value()).isEqualTo(5);

        CommandResult<?> reset =
                store.commandBus().dispatch("seen", new CounterCommand.ResetSeen(2), CommandContext.empty());
        assertThat(reset.version()).isEqualTo(3);
        assertThat(counters.load("seen").orElseThrow().value()).isZero();
        assertThatThrownBy(() ->
                        store.commandBus().dispatch("seen", new CounterCommand.ResetSeen(2), CommandContext.empty()))
                .isInstanceOf(ConcurrencyException.class)
                .hasMessageContaining("expected 2 but the actual version is 3");
        assertThat(counters.execute("seen", new CounterCommand.ResetSeen(2), CommandContext.empty(), 3)
                        .version())
                .as("a version given to execute takes precedence")
                .isEqualTo(3);
    }

    @Test
    void historyCanBeReadAtAnyVersion() {
        counters.execute("history", new CounterCommand.Increment(10), CommandContext.empty());
        counters.execute("history", new CounterCommand.Decrement(3), CommandContext.empty());
        counters.execute("history", new CounterCommand.Reset(), CommandContext.empty());

        assertThat(counters.load("history", 1).orElseThrow().value()).isEqualTo(10);
        assertThat(counters.load("history", 2).orElseThrow().value()).isEqualTo(7);
        assertThat(counters.load("history", 3).orElseThrow().value()).isZero();
    }

    @Test
    void theSnapshotterCompactsLongCounters() {
        for (int i = 0; i < 30; i++) {
            counters.execute("long", new CounterCommand.Increment(1), CommandContext.empty());
        }
        Snapshotter snapshotter = new Snapshotter(counters, 20, 10);

        assertThat(snapshotter.runUntilIdle()).isGreaterThanOrEqualTo(1);
        assertThat(counters.loadWithSnapshot("long").orElseThrow().value()).isEqualTo(30);
        counters.execute("long", new CounterCommand.Increment(5), CommandContext.empty());
        assertThat(counters.loadWithSnapshot("long").orElseThrow().value()).isEqualTo(35);
    }

    @Test
    void concurrentIncrementsAreEachAppliedOnceOrRejectedWithAConflict() throws Exception {
        int threads = 6;
        int perThread = 20;
        CounterRepository contended = new CounterRepository(store);
        contended.maxAttempts(4);
        AtomicInteger applied = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Void>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(() -> {
                    for (int n = 0; n < perThread; n++) {
                        try {
                            contended.execute("hot", new CounterCommand.Increment(1), CommandContext.empty());
                            applied.incrementAndGet();
                        } catch (ConcurrencyException e) {
                            conflicts.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(workers)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        List<EventEnvelope> stored = store.events().readStream(contended.streamId("hot"));
        assertThat(applied.get() + conflicts.get()).isEqualTo(threads * perThread);
        assertThat(stored).hasSize(applied.get());
        assertThat(stored)
                .extracting(EventEnvelope::streamSeq)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, stored.size()).boxed().toList());
        assertThat(contended.load("hot").orElseThrow().value()).isEqualTo(applied.get());
    }
}
