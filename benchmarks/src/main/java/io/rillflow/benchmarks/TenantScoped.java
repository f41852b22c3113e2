package io.rillflow.benchmarks;

import io.rillflow.Store;
import io.rillflow.benchmarks.Model.ItemAdded;
import io.rillflow.documents.DocumentCollection;
import io.rillflow.events.Expected;
import io.rillflow.tenancy.TenancyStrategy;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * A tenant's store against the single-tenant one: {@code get} by id and a one-event append through
 * {@code store.forTenant("bench")}, beside the same calls on the store the builder made, same pool, same preloaded
 * documents in both schemas. The tenant's store is looked up with {@code forTenant} on every call, as a per-request
 * resolution would. The setup prints how long {@code tenants().ensure} of a new tenant took.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(1)
public class TenantScoped {
    private static final String TENANT = "bench";

    /** A schema-per-tenant store with {@value BenchDatabase#PRELOADED_DOCS} customers in its own schema and the tenant's. */
    @State(Scope.Benchmark)
    public static class Tenants {
        Store store;
        UUID[] ids;
        private String prefix;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            String url = BenchDatabase.requireSharedServerUrl("TenantScoped");
            prefix = "bench_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
            store = Store.builder(url)
                    .schema(prefix)
                    .tenancy(TenancyStrategy.schemaPerTenant().withSchemaPattern(prefix + "_{tenant}"))
                    .maxConnections(BenchDatabase.POOL_SIZE)
                    .eventType("item_added", ItemAdded.class)
                    .build();
            long started = System.nanoTime();
            store.tenants().ensure(TENANT);
            System.out.printf("tenants().ensure of a new tenant: %.1f ms%n", (System.nanoTime() - started) / 1e6);
            Map<UUID, Customer> preloaded = new LinkedHashMap<>();
            for (int i = 0; i < BenchDatabase.PRELOADED_DOCS; i++) {
                UUID id = UUID.randomUUID();
                preloaded.put(id, Model.customer(id, i));
            }
            ids = preloaded.keySet().toArray(UUID[]::new);
            store.documents(Customer.class, UUID.class).bulkInsert(preloaded);
            store.forTenant(TENANT).documents(Customer.class, UUID.class).bulkInsert(preloaded);
        }

        UUID randomId() {
            return ids[ThreadLocalRandom.current().nextInt(ids.length)];
        }

        @TearDown(Level.Trial)
        public void tearDown() throws SQLException {
            try (Connection c = store.dataSource().getConnection();
                    Statement st = c.createStatement()) {
                st.execute("drop schema " + prefix + "_" + TENANT + " cascade");
                st.execute("drop schema " + prefix + " cascade");
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
    public Customer getSingle(Tenants t) {
        return customers(t.store).get(t.randomId()).orElseThrow().value();
    }

    @Benchmark
    public Customer getTenant(Tenants t) {
        return customers(t.store.forTenant(TENANT))
                .get(t.randomId())
                .orElseThrow()
                .value();
    }

    @Benchmark
    public long appendSingle(Tenants t, ThreadStream s) {
        return append(t.store, s);
    }

    @Benchmark
    public long appendTenant(Tenants t, ThreadStream s) {
        return append(t.store.forTenant(TENANT), s);
    }

    private static DocumentCollection<Customer, UUID> customers(Store store) {
        return store.documents(Customer.class, UUID.class);
    }

    private static long append(Store store, ThreadStream s) {
        s.version = store.events()
                .append(s.stream, Expected.exact(s.version), List.of(s.event))
                .streamVersion();
        return s.version;
    }
}
