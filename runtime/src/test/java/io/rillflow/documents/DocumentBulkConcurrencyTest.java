package io.rillflow.documents;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.ConcurrencyException;
import io.rillflow.Store;
import io.rillflow.documents.SampleDocuments.Counter;
import io.rillflow.testing.TestDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Bulk updates racing on the same documents: every loser gets a ConcurrencyException and no update is lost. */
class DocumentBulkConcurrencyTest {
    private static final int THREADS = 4;
    private static final int DOCUMENTS = 10;
    private static final int WINS_PER_THREAD = 15;

    @Test
    void fourThreadsBulkUpdatingTheSameDocumentsLoseNoUpdate() throws Exception {
        try (Store store = TestDatabase.store(getClass())) {
            DocumentCollection<Counter, String> counters = store.documents(Counter.class, String.class, "race");
            Map<String, Counter> start = new LinkedHashMap<>();
            for (int i = 0; i < DOCUMENTS; i++) {
                start.put("race-" + i, new Counter("race-" + i, 0));
            }
            counters.bulkPut(start);
            AtomicInteger conflicts = new AtomicInteger();
            ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                // Half the threads list the documents backwards: lock order must not depend on the caller's order.
                boolean backwards = t % 2 == 1;
                runs.add(pool.submit(() -> {
                    go.await();
                    int wins = 0;
                    while (wins < WINS_PER_THREAD) {
                        Map<String, Versioned<Counter>> next = new LinkedHashMap<>();
                        for (int i = 0; i < DOCUMENTS; i++) {
                            String id = "race-" + (backwards ? DOCUMENTS - 1 - i : i);
                            Versioned<Counter> loaded = counters.get(id).orElseThrow();
                            next.put(id, new Versioned<>(loaded.value().increment(), loaded.version()));
                        }
                        try {
                            counters.bulkUpdate(next);
                            wins++;
                        } catch (ConcurrencyException e) {
                            conflicts.incrementAndGet();
                        } catch (RuntimeException e) {
                            unexpected.add(e);
                            return null;
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> run : runs) {
                run.get(3, TimeUnit.MINUTES);
            }
            pool.shutdown();

            assertThat(unexpected).isEmpty();
            int total = THREADS * WINS_PER_THREAD;
            for (int i = 0; i < DOCUMENTS; i++) {
                assertThat(counters.get("race-" + i))
                        .as("document %d", i)
                        .contains(new Versioned<>(new Counter("race-" + i, total), 1 + total));
            }
            // Not a proof of contention on a busy machine, but the race is the point: report it if it never happened.
            assertThat(conflicts.get()).as("conflicts seen").isPositive();
        }
    }
}
