package io.rillflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.ConcurrencyException;
import io.rillflow.IdempotencyConflictException;
import io.rillflow.Store;
import io.rillflow.testing.TestDatabase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Real concurrent writers against PostgreSQL: every claim here would fail if a version were lost or doubled. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventConcurrencyTest {
    private static final int THREADS = 8;

    record Written(int writer, int n) {}

    private Store store;
    private EventStore events;
    private ExecutorService pool;

    @BeforeAll
    void open() {
        store = TestDatabase.storeBuilder(getClass())
                .eventType("Written", Written.class)
                .build();
        events = store.events();
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterAll
    void close() {
        pool.shutdownNow();
        store.close();
    }

    @Test
    void exactlyOneWriterWinsEachVersion() throws Exception {
        UUID stream = UUID.randomUUID();
        int rounds = 20;
        CyclicBarrier barrier = new CyclicBarrier(THREADS);
        AtomicInteger wins = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();
        List<Callable<Void>> writers = new ArrayList<>();
        for (int w = 0; w < THREADS; w++) {
            int writer = w;
            writers.add(() -> {
                for (int round = 0; round < rounds; round++) {
                    barrier.await();
                    try {
                        events.append(stream, Expected.exact(round), List.of(new Written(writer, round)));
                        wins.incrementAndGet();
                    } catch (ConcurrencyException e) {
                        assertThat(e.actual()).isEqualTo(round + 1L);
                        conflicts.incrementAndGet();
                    }
                    barrier.await();
                }
                return null;
            });
        }
        for (Future<Void> f : pool.invokeAll(writers)) {
            f.get();
        }
        assertThat(wins.get()).isEqualTo(rounds);
        assertThat(conflicts.get()).isEqualTo(rounds * (THREADS - 1));
        List<EventEnvelope> read = events.readStream(stream);
        assertThat(read)
                .extracting(EventEnvelope::streamSeq)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, rounds).boxed().toList());
        assertThat(read)
                .extracting(e -> ((Written) e.event()).n())
                .containsExactlyElementsOf(
                        java.util.stream.IntStream.range(0, rounds).boxed().toList());
    }

    @Test
    void retryingWritersLoseNothingAndLeaveNoGaps() throws Exception {
        UUID stream = UUID.randomUUID();
        int perWriter = 25;
        List<Callable<Integer>> writers = new ArrayList<>();
        for (int w = 0; w < THREADS; w++) {
            int writer = w;
            writers.add(() -> {
                int retries = 0;
                for (int n = 0; n < perWriter; ) {
                    long version =
                            events.stream(stream).map(StreamInfo::version).orElse(0L);
                    try {
                        events.append(stream, Expected.exact(version), List.of(new Written(writer, n)));
                        n++;
                    } catch (ConcurrencyException e) {
                        retries++;
                    }
                }
                return retries;
            });
        }
        int retries = 0;
        for (Future<Integer> f : pool.invokeAll(writers)) {
            retries += f.get();
        }
        List<EventEnvelope> read = events.readStream(stream);
        int total = THREADS * perWriter;
        assertThat(read)
                .extracting(EventEnvelope::streamSeq)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, total).boxed().toList());
        Set<Written> distinct = new HashSet<>();
        read.forEach(e -> distinct.add((Written) e.event()));
        assertThat(distinct).hasSize(total);
        for (int w = 0; w < THREADS; w++) {
            int writer = w;
            assertThat(read.stream().map(e -> (Written) e.event()).filter(x -> x.writer() == writer))
                    .extracting(Written::n)
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, perWriter)
                            .boxed()
                            .toList());
        }
        assertThat(retries)
                .as("with %d writers on one stream some must have collided", THREADS)
                .isPositive();
    }

    @Test
    void concurrentRetriesWithOneIdempotencyKeyAppendOnce() throws Exception {
        UUID stream = UUID.randomUUID();
        CyclicBarrier barrier = new CyclicBarrier(THREADS);
        List<Callable<Boolean>> retries = new ArrayList<>();
        for (int w = 0; w < THREADS; w++) {
            int writer = w;
            retries.add(() -> {
                barrier.await();
                try {
                    events.builder(stream)
                            .idempotencyKey("same-request")
                            .push(new Written(writer, 0))
                            .send();
                    return true;
                } catch (IdempotencyConflictException e) {
                    return false;
                }
            });
        }
        int accepted = 0;
        for (Future<Boolean> f : pool.invokeAll(retries)) {
            accepted += f.get() ? 1 : 0;
        }
        assertThat(accepted).isEqualTo(1);
        assertThat(events.readStream(stream)).hasSize(1);
    }

    @Test
    void concurrentFirstUsesOfAnAliasAgreeOnOneStream() throws Exception {
        String alias = "orders:" + UUID.randomUUID();
        CyclicBarrier barrier = new CyclicBarrier(THREADS);
        List<Callable<UUID>> resolvers = new ArrayList<>();
        for (int w = 0; w < THREADS; w++) {
            resolvers.add(() -> {
                barrier.await();
                return events.resolveStreamAlias(alias);
            });
        }
        Set<UUID> ids = new HashSet<>();
        for (Future<UUID> f : pool.invokeAll(resolvers)) {
            ids.add(f.get());
        }
        assertThat(ids).hasSize(1);
        AtomicInteger rows = new AtomicInteger();
        try (var c = store.dataSource().getConnection();
                var p = c.prepareStatement(
                        "select count(*) from \"" + store.schemaName() + "\".rf_stream_aliases where alias = ?")) {
            p.setString(1, alias);
            try (var rs = p.executeQuery()) {
                rs.next();
                rows.set(rs.getInt(1));
            }
        }
        assertThat(rows.get()).isEqualTo(1);
    }
}
