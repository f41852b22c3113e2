package io.rillflow.benchmarks;

import io.rillflow.benchmarks.Model.ItemAdded;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.projections.ProjectionContext;
import io.rillflow.projections.ProjectionDaemon;
import io.rillflow.projections.ProjectionHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
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
 * Case 6, for information: the lag of a projection under a steady write load. Background writers append
 * {@code writesPerSecond} events per second (in appends of 10) while the daemon runs; each measured operation appends
 * one more event and waits until the projection has applied it. The score is the distribution of that time
 * (append and its commit, NOTIFY wake-up, final-position check, batch read, handler call), in milliseconds; the
 * batch's own commit follows right after the handler call.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(1)
public class ProjectionLag {
    /** The running daemon, the background writers, and the latches of the events waited for. */
    @State(Scope.Benchmark)
    public static class Load {
        @Param({"1000"})
        int writesPerSecond;

        /** The highest global position the handler has been called for; events arrive in global order. */
        final AtomicLong applied = new AtomicLong();

        final Object progress = new Object();
        ProjectionDaemon daemon;
        ScheduledExecutorService writers;

        @Setup(Level.Trial)
        public void start(BenchDatabase db) {
            db.store.projections().register(new ProjectionHandler() {
                @Override
                public String name() {
                    return "lag";
                }

                @Override
                public void apply(EventEnvelope event, ProjectionContext context) {
                    applied.accumulateAndGet(event.globalSeq(), Math::max);
                    synchronized (progress) {
                        progress.notifyAll();
                    }
                }
            });
            daemon = db.store.projections().start();
            writers = Executors.newScheduledThreadPool(2);
            long periodMicros = Math.max(1, 10_000_000L / writesPerSecond);
            writers.scheduleAtFixedRate(() -> append(db, 10), 0, periodMicros, TimeUnit.MICROSECONDS);
        }

        @TearDown(Level.Trial)
        public void stop() throws InterruptedException {
            writers.shutdownNow();
            writers.awaitTermination(10, TimeUnit.SECONDS);
            daemon.close();
        }
    }

    /** Appends {@code n} events to a new stream; returns the global position of the last. */
    static long append(BenchDatabase db, int n) {
        UUID stream = UUID.randomUUID();
        List<ItemAdded> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            events.add(Model.item(stream, i));
        }
        return db.events.append(stream, Expected.noStream(), events).lastGlobalSeq();
    }

    @Benchmark
    public long appendThenApplied(BenchDatabase db, Load load) throws Exception {
        long seq = append(db, 1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        synchronized (load.progress) {
            while (load.applied.get() < seq) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("event " + seq + " not applied within 30 s");
                }
                TimeUnit.NANOSECONDS.timedWait(load.progress, left);
            }
        }
        return seq;
    }
}
