package io.rillflow.subscriptions;

import static io.rillflow.subscriptions.SubscriptionTesting.append;
import static io.rillflow.subscriptions.SubscriptionTesting.eventually;
import static io.rillflow.subscriptions.SubscriptionTesting.fast;
import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.events.EventEnvelope;
import io.rillflow.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Consumer groups with real concurrent writers and workers: one worker per event, stream order, backpressure. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubscriptionGroupTest {
    private static final int WRITERS = 8;

    private Store store;
    private Subscriptions subs;
    private ExecutorService pool;

    @BeforeAll
    void open() {
        store = TestDatabase.storeBuilder(getClass()).maxConnections(30).build();
        subs = store.subscriptions();
        pool = Executors.newFixedThreadPool(WRITERS + 4);
    }

    @AfterAll
    void close() {
        pool.shutdownNow();
        store.close();
    }

    record Delivery(int worker, EventEnvelope event) {}

    @Test
    void threeWorkersShareEightWritersEventsExactlyOnceInStreamOrder() throws Exception {
        long start = append(store, UUID.randomUUID(), "Start");
        subs.create("group", SubscriptionFilter.all().withEventTypes("Work"), start);
        List<UUID> streams = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            streams.add(UUID.randomUUID());
        }
        List<Delivery> deliveries = new CopyOnWriteArrayList<>();
        List<SubscriptionHandle> workers = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            int worker = w;
            SubscriptionOptions options = fast("g" + w).withLeaseTtl(Duration.ofSeconds(5));
            workers.add(subs.subscribe("group", options, (e, h) -> deliveries.add(new Delivery(worker, e))));
        }
        assertThat(eventually(() -> workers.stream().allMatch(h -> !h.slots().isEmpty())
                        && workers.stream().mapToInt(h -> h.slots().size()).sum() == 16))
                .as("slots %s", workers.stream().map(SubscriptionHandle::slots).toList())
                .isTrue();
        Set<Long> written = ConcurrentHashMap.newKeySet();
        List<Callable<Void>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            writers.add(() -> {
                for (int i = 0; i < 60; i++) {
                    UUID stream = streams.get(ThreadLocalRandom.current().nextInt(streams.size()));
                    written.add(append(store, stream, "Work"));
                }
                return null;
            });
        }
        for (Future<Void> f : pool.invokeAll(writers)) {
            f.get();
        }
        assertThat(eventually(() -> deliveries.size() >= written.size())).isTrue();
        Thread.sleep(300); // a duplicate would arrive now
        for (SubscriptionHandle h : workers) {
            h.close();
        }

        List<Long> seqs = deliveries.stream().map(d -> d.event().globalSeq()).toList();
        assertThat(seqs).doesNotHaveDuplicates();
        assertThat(new HashSet<>(seqs)).isEqualTo(written);
        Map<Integer, Map<UUID, Long>> lastSeen = new HashMap<>();
        for (Delivery d : deliveries) {
            Map<UUID, Long> seen = lastSeen.computeIfAbsent(d.worker(), k -> new HashMap<>());
            Long before = seen.put(d.event().streamId(), d.event().streamSeq());
            assertThat(before == null || before < d.event().streamSeq())
                    .as("stream order within worker %s at %s", d.worker(), d.event())
                    .isTrue();
        }
        assertThat(deliveries.stream().map(Delivery::worker).distinct().count()).isEqualTo(3);
        assertThat(subs.status("group", "default").lag()).isZero();
    }

    @Test
    void slowWorkersNeverHoldMoreThanMaxInFlightUnacknowledged() throws Exception {
        long start = append(store, UUID.randomUUID(), "Start");
        subs.create("slow", SubscriptionFilter.all().withEventTypes("Slow"), start);
        int total = 600;
        for (int i = 0; i < total; i++) {
            append(store, new UUID(0, i % 40 + 1), "Slow");
        }
        subs.open("slow", fast("creator").withAckMode(AckMode.MANUAL).withMaxInFlight(100))
                .close();
        AtomicInteger outstanding = new AtomicInteger();
        AtomicInteger maxSeen = new AtomicInteger();
        AtomicLong maxInDatabase = new AtomicLong();
        AtomicInteger acked = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            SubscriptionOptions options = fast("slow" + w)
                    .withAckMode(AckMode.MANUAL)
                    .withMaxInFlight(100)
                    .withLeaseTtl(Duration.ofSeconds(5));
            tasks.add(() -> {
                try (SubscriptionHandle h = subs.open("slow", options)) {
                    Deque<Long> mine = new ArrayDeque<>();
                    while (acked.get() < total) {
                        List<EventEnvelope> got = h.poll(50, Duration.ofMillis(50));
                        for (EventEnvelope e : got) {
                            mine.add(e.globalSeq());
                        }
                        maxSeen.accumulateAndGet(outstanding.addAndGet(got.size()), Math::max);
                        for (int i = 0; i < 20 && !mine.isEmpty(); i++) {
                            Thread.sleep(1); // the slow handler
                            outstanding.decrementAndGet(); // before the ack: the database still counts it
                            h.ack(mine.poll());
                            acked.incrementAndGet();
                        }
                    }
                }
                return null;
            });
        }
        tasks.add(() -> {
            while (!done.get()) {
                maxInDatabase.accumulateAndGet(subs.status("slow", "default").inFlight(), Math::max);
                Thread.sleep(5);
            }
            return null;
        });
        List<Future<Void>> running = new ArrayList<>();
        for (Callable<Void> task : tasks) {
            running.add(pool.submit(task));
        }
        for (Future<Void> f : running.subList(0, 3)) {
            f.get();
        }
        done.set(true);
        running.get(3).get();

        assertThat(acked.get()).isEqualTo(total);
        assertThat(maxSeen.get()).isLessThanOrEqualTo(100).isGreaterThan(50);
        assertThat(maxInDatabase.get()).isLessThanOrEqualTo(100);
        SubscriptionStatus status = subs.status("slow", "default");
        assertThat(status.lag()).isZero();
        assertThat(status.inFlight()).isZero();
        assertThat(status.maxInFlight()).isEqualTo(100);
    }
}
