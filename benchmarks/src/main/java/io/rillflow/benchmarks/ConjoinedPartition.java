package io.rillflow.benchmarks;

import io.rillflow.Store;
import io.rillflow.benchmarks.Model.ItemAdded;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.tenancy.TenancyStrategy;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
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
 * Events of a conjoined tenant with a partition of its own ({@code tenants().partition}) against a tenant of the
 * default partition, in one store: a one-event append and the read of a 10-event stream. Four tenants hold the same
 * {@value #STREAMS} streams (same stream ids); one of them is moved into its own partition, the three others share
 * the default one. Both tenants' stores are looked up with {@code forTenant} on every call.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(1)
public class ConjoinedPartition {
    private static final String PARTITIONED = "large";
    private static final String SHARED = "bench";
    private static final List<String> OTHERS = List.of("other_a", "other_b");
    static final int STREAMS = 1_000;

    /** A conjoined store with the streams preloaded for every tenant, one tenant in a partition of its own. */
    @State(Scope.Benchmark)
    public static class Stores {
        Store store;
        UUID[] streams;
        private String schema;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            String url = BenchDatabase.requireSharedServerUrl("ConjoinedPartition");
            schema = "bench_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL) + "_partition";
            store = Store.builder(url)
                    .schema(schema)
                    .tenancy(TenancyStrategy.conjoined())
                    .maxConnections(BenchDatabase.POOL_SIZE)
                    .eventType("item_added", ItemAdded.class)
                    .build();
            List<Store> writers = new ArrayList<>();
            List<String> tenants = new ArrayList<>(OTHERS);
            tenants.add(SHARED);
            tenants.add(PARTITIONED);
            for (String tenant : tenants) {
                store.tenants().ensure(tenant);
                writers.add(store.forTenant(tenant));
            }
            streams = new UUID[STREAMS];
            for (int i = 0; i < STREAMS; i++) {
                streams[i] = UUID.randomUUID();
                List<ItemAdded> events = new ArrayList<>();
                for (int n = 1; n <= 10; n++) {
                    events.add(Model.item(streams[i], n));
                }
                for (Store writer : writers) {
                    writer.events().append(streams[i], Expected.noStream(), events);
                }
            }
            store.tenants().partition(PARTITIONED);
            try (Connection c = store.dataSource().getConnection();
                    Statement st = c.createStatement()) {
                st.execute("vacuum analyze " + schema + ".rf_events");
                st.execute("vacuum analyze " + schema + ".rf_streams");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        UUID randomStream() {
            return streams[ThreadLocalRandom.current().nextInt(streams.length)];
        }

        @TearDown(Level.Trial)
        public void tearDown() throws SQLException {
            try (Connection c = store.dataSource().getConnection();
                    Statement st = c.createStatement()) {
                st.execute("drop schema " + schema + " cascade");
            } finally {
                store.close();
            }
        }
    }

    /** One stream per thread, renewed every iteration, with the version the next append expects. */
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
    public long appendDefaultPartition(Stores s, ThreadStream t) {
        return append(s.store.forTenant(SHARED), t);
    }

    @Benchmark
    public long appendOwnPartition(Stores s, ThreadStream t) {
        return append(s.store.forTenant(PARTITIONED), t);
    }

    @Benchmark
    public List<EventEnvelope> readStreamDefaultPartition(Stores s) {
        return read(s.store.forTenant(SHARED), s.randomStream());
    }

    @Benchmark
    public List<EventEnvelope> readStreamOwnPartition(Stores s) {
        return read(s.store.forTenant(PARTITIONED), s.randomStream());
    }

    private static long append(Store store, ThreadStream t) {
        t.version = store.events()
                .append(t.stream, Expected.exact(t.version), List.of(t.event))
                .streamVersion();
        return t.version;
    }

    /** Reads and decodes the stream's 10 events, as a load folding them would. */
    private static List<EventEnvelope> read(Store store, UUID stream) {
        List<EventEnvelope> events = store.events().readStream(stream);
        for (EventEnvelope e : events) {
            e.event();
        }
        return events;
    }
}
