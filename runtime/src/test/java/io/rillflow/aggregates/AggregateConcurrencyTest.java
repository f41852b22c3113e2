package io.rillflow.aggregates;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.ConcurrencyException;
import io.rillflow.Store;
import io.rillflow.events.EventEnvelope;
import io.rillflow.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Many threads executing commands on one aggregate: every command is applied exactly once or fails with a conflict
 * after its retries, the stream has no gaps, and the state equals the fold of what is stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AggregateConcurrencyTest {
    private static final int THREADS = 8;
    private static final int COMMANDS_PER_THREAD = 25;

    private Store store;
    private ExecutorService pool;

    @BeforeAll
    void open() {
        store = TestDatabase.storeBuilder(getClass())
                .eventType("Added", Tally.Added.class)
                .build();
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterAll
    void close() {
        pool.shutdownNow();
        store.close();
    }

    @Test
    void everyCommandIsAppliedOnceOrFailsWithAConflict() throws Exception {
        runContended(new TallyRepository(store).maxAttempts(3), "hot", false);
    }

    @Test
    void snapshottingCommandsKeepTheSameGuarantees() throws Exception {
        runContended(new TallyRepository(store).maxAttempts(3), "hot-snapshots", true);
    }

    private void runContended(AggregateRepository<Tally, String> tallies, String id, boolean snapshots)
            throws Exception {
        Set<String> applied = ConcurrentHashMap.newKeySet();
        Set<String> conflicted = ConcurrentHashMap.newKeySet();
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Callable<Void>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            workers.add(() -> {
                start.await();
                for (int n = 0; n < COMMANDS_PER_THREAD; n++) {
                    String commandId = thread + "-" + n;
                    Tally.Add command = new Tally.Add(commandId, thread + 1);
                    try {
                        CommandResult<Tally> result = snapshots
                                ? tallies.commitAndSnapshot(id, command, CommandContext.empty(), 10)
                                : tallies.execute(id, command, CommandContext.empty());
                        assertThat(result.state().applied()).endsWith(commandId);
                        applied.add(commandId);
                    } catch (ConcurrencyException e) {
                        conflicted.add(commandId);
                    }
                }
                return null;
            });
        }
        for (Future<Void> f : pool.invokeAll(workers)) {
            f.get();
        }

        List<EventEnvelope> stored = store.events().readStream(tallies.streamId(id));
        List<String> storedIds =
                stored.stream().map(e -> ((Tally.Added) e.event()).commandId()).toList();
        assertThat(applied.size() + conflicted.size()).isEqualTo(THREADS * COMMANDS_PER_THREAD);
        assertThat(storedIds).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(applied);
        assertThat(stored)
                .extracting(EventEnvelope::streamSeq)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, stored.size()).boxed().toList());
        long fold =
                stored.stream().mapToLong(e -> ((Tally.Added) e.event()).by()).sum();
        Tally loaded = tallies.load(id).orElseThrow();
        assertThat(loaded.total()).isEqualTo(fold);
        assertThat(loaded.applied()).containsExactlyElementsOf(storedIds);
        assertThat(tallies.loadWithSnapshot(id).orElseThrow().applied()).containsExactlyElementsOf(storedIds);
        assertThat(applied).as("contention must not starve every writer").isNotEmpty();
    }
}
