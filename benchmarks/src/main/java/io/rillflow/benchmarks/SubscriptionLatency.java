package io.rillflow.benchmarks;

import io.rillflow.benchmarks.Model.ItemAdded;
import io.rillflow.events.Expected;
import io.rillflow.subscriptions.SubscriptionFilter;
import io.rillflow.subscriptions.SubscriptionHandle;
import io.rillflow.subscriptions.SubscriptionOptions;
import io.rillflow.subscriptions.Subscriptions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * End-to-end latency of a subscription with LISTEN/NOTIFY on, for information: background writers append
 * {@code writesPerSecond} events per second (in appends of 10) while a push worker runs; each measured operation
 * appends one more event and waits until the worker's handler was called with it. The score is the distribution of
 * that time (p50, p99...) in milliseconds: append and commit, NOTIFY wake-up (or poll), final-position check, slot
 * read, handler call.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(1)
public class SubscriptionLatency {
    /** The running worker, the background writers and the events waited for. */
    @State(Scope.Benchmark)
    public static class Load {
        @Param({"1000"})
        int writesPerSecond;

        final ConcurrentHashMap<UUID, CountDownLatch> waiting = new ConcurrentHashMap<>();
        SubscriptionHandle worker;
        ScheduledExecutorService writers;

        @Setup(Level.Trial)
        public void start(BenchDatabase db) {
            Subscriptions subs = db.store.subscriptions();
            subs.create("bench_latency", SubscriptionFilter.all(), Subscriptions.FROM_NOW);
            worker = subs.subscribe("bench_latency", SubscriptionOptions.defaults(), (event, handle) -> {
                CountDownLatch latch = waiting.get(event.streamId());
                if (latch != null) {
                    latch.countDown();
                }
            });
            writers = Executors.newScheduledThreadPool(2);
            long periodMicros = Math.max(1, 10_000_000L / writesPerSecond);
            writers.scheduleAtFixedRate(() -> append(db, 10), 0, periodMicros, TimeUnit.MICROSECONDS);
        }

        @TearDown(Level.Trial)
        public void stop() throws InterruptedException {
            writers.shutdownNow();
            writers.awaitTermination(10, TimeUnit.SECONDS);
            worker.close();
        }
    }

    static void append(BenchDatabase db, int n) {
        UUID stream = UUID.randomUUID();
        List<ItemAdded> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            events.add(Model.item(stream, i));
        }
        db.events.append(stream, Expected.noStream(), events);
    }

    @Benchmark
    public long appendThenHandled(BenchDatabase db, Load load) throws Exception {
        UUID stream = UUID.randomUUID();
        CountDownLatch latch = new CountDownLatch(1);
        load.waiting.put(stream, latch); // before the append: the handler may run before append returns
        try {
            long seq = db.events
                    .append(stream, Expected.noStream(), List.of(Model.item(stream, 0)))
                    .lastGlobalSeq();
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new TimeoutException("event " + seq + " not handled within 30 s");
            }
            return seq;
        } finally {
            load.waiting.remove(stream);
        }
    }
}
