package io.rillflow.benchmarks;

import io.rillflow.Store;
import io.rillflow.documents.DocumentCollection;
import io.rillflow.tenancy.TenancyStrategy;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
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
 * {@code get} by id through a tenant of a conjoined store against the same call on a single-tenant store, same pool
 * size, same documents. The conjoined table holds the documents three times over, with the same ids (the default
 * tenant's, the measured tenant's, and another's), so the primary key {@code (tenant_id, id)} is what finds the row.
 * The tenant's store is looked up with {@code forTenant} on every call, as a per-request resolution would.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(1)
public class ConjoinedGet {
    private static final String TENANT = "bench";

    /** A single-tenant and a conjoined store, each in a schema of its own, with the same preloaded customers. */
    @State(Scope.Benchmark)
    public static class Stores {
        Store single;
        Store conjoined;
        UUID[] ids;
        private String prefix;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            String url = BenchDatabase.requireSharedServerUrl("ConjoinedGet");
            prefix = "bench_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
            single = Store.builder(url)
                    .schema(prefix)
                    .maxConnections(BenchDatabase.POOL_SIZE)
                    .build();
            conjoined = Store.builder(url)
                    .schema(prefix + "_conjoined")
                    .tenancy(TenancyStrategy.conjoined())
                    .maxConnections(BenchDatabase.POOL_SIZE)
                    .build();
            conjoined.tenants().ensure(TENANT);
            conjoined.tenants().ensure("other");
            Map<UUID, Customer> preloaded = new LinkedHashMap<>();
            for (int i = 0; i < BenchDatabase.PRELOADED_DOCS; i++) {
                UUID id = UUID.randomUUID();
                preloaded.put(id, Model.customer(id, i));
            }
            ids = preloaded.keySet().toArray(UUID[]::new);
            customers(single).bulkInsert(preloaded);
            for (Store s : new Store[] {conjoined, conjoined.forTenant(TENANT), conjoined.forTenant("other")}) {
                customers(s).bulkInsert(preloaded);
            }
        }

        UUID randomId() {
            return ids[ThreadLocalRandom.current().nextInt(ids.length)];
        }

        @TearDown(Level.Trial)
        public void tearDown() throws SQLException {
            try (Connection c = single.dataSource().getConnection();
                    Statement st = c.createStatement()) {
                st.execute("drop schema " + prefix + " cascade");
                st.execute("drop schema " + prefix + "_conjoined cascade");
            } finally {
                single.close();
                conjoined.close();
            }
        }
    }

    @Benchmark
    public Customer getSingle(Stores s) {
        return customers(s.single).get(s.randomId()).orElseThrow().value();
    }

    @Benchmark
    public Customer getConjoinedTenant(Stores s) {
        return customers(s.conjoined.forTenant(TENANT))
                .get(s.randomId())
                .orElseThrow()
                .value();
    }

    private static DocumentCollection<Customer, UUID> customers(Store store) {
        return store.documents(Customer.class, UUID.class);
    }
}
