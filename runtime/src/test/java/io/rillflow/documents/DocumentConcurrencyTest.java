package io.rillflow.documents;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.ConcurrencyException;
import io.rillflow.Store;
import io.rillflow.documents.SampleDocuments.Board;
import io.rillflow.documents.SampleDocuments.Counter;
import io.rillflow.documents.SampleDocuments.Customer;
import io.rillflow.testing.TestDatabase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Real concurrent writers on one document: every claim here fails if a write is lost or a version is doubled. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentConcurrencyTest {
    private static final int THREADS = 8;

    private Store store;
    private DocumentCollection<Customer, UUID> customers;
    private DocumentCollection<Counter, String> counters;
    private DocumentCollection<Board, UUID> boards;
    private ExecutorService pool;

    /** What one writer saw in one round. */
    private record Outcome(int writer, Long version, ConcurrencyException conflict) {}

    @BeforeAll
    void open() {
        store = TestDatabase.store(getClass());
        customers = store.documents(Customer.class, UUID.class);
        counters = store.documents(Counter.class, String.class);
        boards = store.documents(Board.class, UUID.class);
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterAll
    void close() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
        store.close();
    }

    /** Runs one task per writer, all released at once by a start gate once every writer is waiting at it. */
    private <R> List<R> race(int writers, WriterTask<R> task) throws Exception {
        CountDownLatch ready = new CountDownLatch(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<R>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            futures.add(pool.submit(() -> {
                ready.countDown();
                start.await();
                return task.run(writer);
            }));
        }
        assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
        start.countDown();
        List<R> results = new ArrayList<>();
        for (Future<R> f : futures) {
            results.add(f.get(30, TimeUnit.SECONDS));
        }
        return results;
    }

    @FunctionalInterface
    private interface WriterTask<R> {
        R call(int writer) throws Exception;

        default R run(int writer) throws Exception {
            return call(writer);
        }
    }

    @Test
    void exactlyOneConcurrentWriterWinsEachVersionAndTheOthersLearnExpectedAndActual() throws Exception {
        UUID id = UUID.randomUUID();
        int rounds = 12;
        int lastWinner = -1;
        for (int round = 0; round < rounds; round++) {
            long expected = round;
            List<Outcome> outcomes = race(THREADS, writer -> {
                try {
                    long version =
                            customers.put(id, Customer.named("writer " + writer + " round " + expected), expected);
                    return new Outcome(writer, version, null);
                } catch (ConcurrencyException e) {
                    return new Outcome(writer, null, e);
                }
            });

            List<Outcome> winners =
                    outcomes.stream().filter(o -> o.version() != null).toList();
            assertThat(winners).as("winners of round %d", round).hasSize(1);
            assertThat(winners.get(0).version()).isEqualTo(round + 1L);
            List<ConcurrencyException> conflicts = outcomes.stream()
                    .filter(o -> o.conflict() != null)
                    .map(Outcome::conflict)
                    .toList();
            assertThat(conflicts).hasSize(THREADS - 1);
            String expectedText = round == 0 ? "0 (no document)" : Long.toString(round);
            assertThat(conflicts).allSatisfy(e -> {
                assertThat(e.expected()).isEqualTo(expectedText);
                assertThat(e.actual()).isEqualTo(expected + 1);
                assertThat(e.target()).isEqualTo("document customer/" + id);
            });
            lastWinner = winners.get(0).writer();
            int roundWinner = lastWinner;
            long roundNumber = round;
            assertThat(customers.get(id))
                    .contains(new Versioned<>(
                            Customer.named("writer " + roundWinner + " round " + roundNumber), round + 1L));
        }
        assertThat(RawSql.storedVersion(store, customers, id)).contains((long) rounds);
    }

    @Test
    void concurrentRetryingUpdatesLoseNoIncrement() throws Exception {
        String id = "counter-" + UUID.randomUUID();
        counters.put(id, new Counter(id, 0));
        int perWriter = 20;

        List<int[]> results = race(THREADS, writer -> {
            int succeeded = 0;
            int gaveUp = 0;
            for (int n = 0; n < perWriter; n++) {
                try {
                    counters.update(id, Counter::increment);
                    succeeded++;
                } catch (ConcurrencyException e) {
                    gaveUp++;
                }
            }
            return new int[] {succeeded, gaveUp};
        });

        int succeeded = results.stream().mapToInt(r -> r[0]).sum();
        int gaveUp = results.stream().mapToInt(r -> r[1]).sum();
        assertThat(succeeded + gaveUp).isEqualTo(THREADS * perWriter);
        assertThat(succeeded).isPositive();
        Versioned<Counter> stored = counters.get(id).orElseThrow();
        assertThat(stored.value().count())
                .as("%d updates succeeded, %d gave up", succeeded, gaveUp)
                .isEqualTo(succeeded);
        assertThat(stored.version()).isEqualTo(1L + succeeded);
    }

    @Test
    void concurrentCheckedUpdatesThatRetryThemselvesCountEveryIncrement() throws Exception {
        String id = "checked-" + UUID.randomUUID();
        counters.put(id, new Counter(id, 0));
        int perWriter = 10;

        List<Integer> retries = race(THREADS, writer -> {
            int lost = 0;
            for (int n = 0; n < perWriter; ) {
                Versioned<Counter> current = counters.get(id).orElseThrow();
                try {
                    counters.update(id, current.version(), Counter::increment);
                    n++;
                } catch (ConcurrencyException e) {
                    lost++;
                }
            }
            return lost;
        });

        Versioned<Counter> stored = counters.get(id).orElseThrow();
        assertThat(stored.value().count()).isEqualTo(THREADS * perWriter);
        assertThat(stored.version()).isEqualTo(1L + THREADS * perWriter);
        assertThat(retries.stream().mapToInt(Integer::intValue).sum())
                .as("with %d writers on one document some must have collided", THREADS)
                .isPositive();
    }

    @Test
    void concurrentPatchesOfDifferentFieldsAllLand() throws Exception {
        UUID id = UUID.randomUUID();
        boards.put(id, new Board("shared", Map.of()));
        int perWriter = 10;

        race(THREADS, writer -> {
            for (int n = 1; n <= perWriter; n++) {
                boards.patch(id, "title", "writer " + writer);
                boards.patch(id, Patch.set("slots.w" + writer, "w" + writer + "-" + n));
            }
            return null;
        });

        Versioned<Board> stored = boards.get(id).orElseThrow();
        assertThat(stored.version()).isEqualTo(1L + 2L * THREADS * perWriter);
        Map<String, String> expected = new HashMap<>();
        for (int w = 0; w < THREADS; w++) {
            expected.put("w" + w, "w" + w + "-" + perWriter);
        }
        assertThat(stored.value().slots()).isEqualTo(expected);
        assertThat(stored.value().title()).startsWith("writer ");
    }

    @Test
    void concurrentInsertsOfDistinctIdsAllSucceedAtVersionOne() throws Exception {
        int perWriter = 25;
        List<List<UUID>> ids = race(THREADS, writer -> {
            List<UUID> mine = new ArrayList<>();
            for (int n = 0; n < perWriter; n++) {
                UUID id = UUID.randomUUID();
                assertThat(customers.insert(id, Customer.named("w" + writer + " n" + n)))
                        .isEqualTo(1);
                mine.add(id);
            }
            return mine;
        });

        for (int w = 0; w < THREADS; w++) {
            for (int n = 0; n < perWriter; n += 8) {
                assertThat(customers.get(ids.get(w).get(n)))
                        .contains(new Versioned<>(Customer.named("w" + w + " n" + n), 1));
            }
        }
    }
}
