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
 * Events through a conjoined tenant's store against the single-tenant store: a one-event append and the read of a
 * 10-event stream. The conjoined schema's tables are shared by three tenants, each holding the same
 * {@value #STREAMS} streams (same stream ids), so a tenant's reads really pick its rows out of others'; the
 * single-tenant schema holds the same streams once. The tenant's store is looked up with {@code forTenant} on every
 * call, as a per-request resolution would.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(1)
public class ConjoinedEvents {
    private static final String TENANT = "bench";
    private static final List<String> OTHERS = List.of("other_a", "other_b");
    static final int STREAMS = 1_000;

    /** A single-tenant store and a conjoined one, each in a schema of its own, with the same streams preloaded. */
    @State(Scope.Benchmark)
    public static class Stores {
        Store single;
        Store conjoined;
        UUID[] streams;
        private String prefix;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            String url = BenchDatabase.requireSharedServerUrl("ConjoinedEvents");
            prefix = "bench_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
            single = Store.builder(url)
                    .schema(prefix + "_single")
                    .maxConnections(BenchDatabase.POOL_SIZE)
                    .eventType("item_added", ItemAdded.class)
                    .build();
            conjoined = Store.builder(url)
                    .schema(prefix + "_conjoined")
                    .tenancy(TenancyStrategy.conjoined())
                    .maxConnections(BenchDatabase.POOL_SIZE)
                    .eventType("item_added", ItemAdded.class)
                    .build();
            streams = new UUID[STREAMS];
            List<Store> writers = new ArrayList<>(List.of(single));
            for (String tenant : OTHERS) {
                conjoined.tenants().ensure(tenant);
                writers.add(conjoined.forTenant(tenant));
            }
            conjoined.tenants().ensure(TENANT);
            writers.add(conjoined.forTenant(TENANT));
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
            analyze(single, prefix + "_single");
            analyze(conjoined, prefix + "_conjoined");
        }

        private static void analyze(Store store, String schema) {
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
            try (Connection c = single.dataSource().getConnection();
                    Statement st = c.createStatement()) {
                st.execute("drop schema " + prefix + "_single cascade");
                st.execute("drop schema " + prefix + "_conjoined cascade");
            } finally {
                single.close();
                conjoined.close();
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
    public long appendSingle(Stores s, ThreadStream t) {
        return append(s.single, t);
    }

    @Benchmark
    public long appendConjoined(Stores s, ThreadStream t) {
        return append(s.conjoined.forTenant(TENANT), t);
    }

    @Benchmark
    public List<EventEnvelope> readStreamSingle(Stores s) {
        return read(s.single, s.randomStream());
    }

    @Benchmark
    public List<EventEnvelope> readStreamConjoined(Stores s) {
        return read(s.conjoined.forTenant(TENANT), s.randomStream());
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
