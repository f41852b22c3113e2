package io.rillflow.benchmarks;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rillflow.Store;
import io.rillflow.benchmarks.Model.ItemAdded;
import io.rillflow.documents.DocumentCollection;
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
 * What metrics cost the two hot paths, a get by id and a one-event append: the benchmark's own store (no meter
 * registry, the default) beside a second store on the same schema and pool given a {@code PrometheusMeterRegistry},
 * whose every statement is timed and every read, write and append counted. Figures are operations per second; the
 * difference is the cost of the meters, the database round trip dominating both.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(1)
public class MeteredStore {

    /** A second store on the benchmark's schema and pool, with a Prometheus registry. */
    @State(Scope.Benchmark)
    public static class Metered {
        Store store;
        DocumentCollection<Customer, UUID> customers;
        EventStore events;

        @Setup(Level.Trial)
        public void open(BenchDatabase db) {
            store = Store.builder(db.pool)
                    .schema(db.store.schemaName())
                    .eventType("item_added", ItemAdded.class)
                    .migrateOnStart(false)
                    .meterRegistry(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
                    .build();
            customers = store.documents(Customer.class, UUID.class);
            events = store.events();
        }

        @TearDown(Level.Trial)
        public void close() {
            store.close();
        }
    }

    /** One stream per thread, renewed every iteration. */
    @State(Scope.Thread)
    public static class ThreadStream {
        UUID stream;
        long version;
        ItemAdded event;

        @Setup(Level.Iteration)
        public void newStream() {
            stream = UUID.randomUUID();
            version = 0;
            event = Model.item(stream, 1);
        }
    }

    @Benchmark
    public Customer getUnmetered(BenchDatabase db) {
        return db.customers.get(db.randomPreloadedId()).orElseThrow().value();
    }

    @Benchmark
    public Customer getMetered(BenchDatabase db, Metered metered) {
        return metered.customers.get(db.randomPreloadedId()).orElseThrow().value();
    }

    @Benchmark
    public long appendUnmetered(BenchDatabase db, ThreadStream s) {
        s.version = db.events
                .append(s.stream, Expected.exact(s.version), List.of(s.event))
                .streamVersion();
        return s.version;
    }

    @Benchmark
    public long appendMetered(Metered metered, ThreadStream s) {
        s.version = metered.events
                .append(s.stream, Expected.exact(s.version), List.of(s.event))
                .streamVersion();
        return s.version;
    }
}
