package io.rillflow.documents;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.ConcurrencyException;
import io.rillflow.Store;
import io.rillflow.documents.SampleDocuments.Counter;
import io.rillflow.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Writers racing on the same documents leave a history with one row per committed version, no gap, no duplicate. */
class DocumentHistoryConcurrencyTest {
    private static final int THREADS = 4;
    private static final int DOCUMENTS = 3;
    private static final int UPDATES_PER_THREAD = 40;

    @Test
    void racingUpdatesLeaveExactlyOneHistoryRowPerCommittedVersion() throws Exception {
        DocumentDefinition<Counter, UUID> definition =
                new DocumentDefinition<>("raced_counter", Counter.class, UUID.class, List.of()).withHistory();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (Store store = TestDatabase.store(getClass())) {
            DocumentCollection<Counter, UUID> counters = store.documents(definition);
            List<UUID> ids = new ArrayList<>();
            for (int d = 0; d < DOCUMENTS; d++) {
                UUID id = UUID.randomUUID();
                counters.insert(id, new Counter("c" + d, 1));
                ids.add(id);
            }
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> writers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                writers.add(pool.submit(() -> {
                    start.await();
                    int committed = 0;
                    for (int i = 0; i < UPDATES_PER_THREAD; i++) {
                        UUID id = ids.get(i % DOCUMENTS);
                        try {
                            counters.update(id, Counter::increment);
                            committed++;
                        } catch (ConcurrencyException lostEveryRetry) {
                            // Rolled back: it must leave no version behind.
                        }
                    }
                    return committed;
                }));
            }
            start.countDown();
            int committed = 0;
            for (Future<Integer> writer : writers) {
                committed += writer.get(60, TimeUnit.SECONDS);
            }

            long finalVersions = 0;
            for (UUID id : ids) {
                long version = counters.get(id).orElseThrow().version();
                finalVersions += version;
                List<DocumentVersion<Counter>> history = counters.history(id);
                assertThat(history)
                        .extracting(DocumentVersion::version)
                        .containsExactlyElementsOf(LongStream.iterate(version, v -> v >= 1, v -> v - 1)
                                .boxed()
                                .toList());
                // Each increment was applied to the version before it: the count always equals the version.
                assertThat(history)
                        .allSatisfy(v -> assertThat(v.value().count()).isEqualTo(v.version()));
            }
            assertThat(finalVersions - DOCUMENTS).isEqualTo(committed);
            assertThat(committed).isPositive();
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
