package io.rillflow.benchmarks;

import io.rillflow.Store;
import io.rillflow.benchmarks.Model.ItemAdded;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.EventStore;
import io.rillflow.events.Expected;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What developer tracing costs an append: the same one-event, version-checked append with a correlation id on a
 * store without tracing (the default) and on a store with {@code tracing(true)} over the same schema and pool, whose
 * every append also records a breadcrumb into the bounded in-memory sink. Figures are appends per second; the two
 * should be within noise of each other, as the database round trip dominates.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(1)
public class TracedAppend {

    /** A second store on the benchmark's schema and pool, with tracing on. */
    @State(Scope.Benchmark)
    public static class TracedStore {
        Store store;
        EventStore events;

        @Setup(Level.Trial)
        public void open(BenchDatabase db) {
            store = Store.builder(db.pool)
                    .schema(db.store.schemaName())
                    .eventType("item_added", ItemAdded.class)
                    .migrateOnStart(false)
                    .tracing(true)
                    .build();
            events = store.events();
        }

        @TearDown(Level.Trial)
        public void close() {
            store.close();
        }
    }

    /** One stream per thread, renewed every iteration, and the correlation id its appends carry. */
    @State(Scope.Thread)
    public static class ThreadStream {
        UUID stream;
        long version;
        ItemAdded event;
        AppendOptions options;

        @Setup(Level.Iteration)
        public void newStream() {
            stream = UUID.randomUUID();
            version = 0;
            event = Model.item(stream, 1);
            options = AppendOptions.none().withCorrelationId(UUID.randomUUID());
        }
    }

    @Benchmark
    public long untraced(BenchDatabase db, ThreadStream s) {
        s.version = db.events
                .appendWith(s.stream, Expected.exact(s.version), List.of(s.event), s.options)
                .streamVersion();
        return s.version;
    }

    @Benchmark
    public long traced(TracedStore traced, ThreadStream s) {
        s.version = traced.events
                .appendWith(s.stream, Expected.exact(s.version), List.of(s.event), s.options)
                .streamVersion();
        return s.version;
    }
}
