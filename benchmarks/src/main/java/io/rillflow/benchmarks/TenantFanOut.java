package io.rillflow.benchmarks;

import io.rillflow.Store;
import io.rillflow.benchmarks.Model.ItemAdded;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.projections.ProjectionContext;
import io.rillflow.projections.ProjectionDaemon;
import io.rillflow.projections.ProjectionHandler;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.tenancy.TenancyStrategy;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The projection daemon of a schema-per-tenant store catching up over {@value #EVENTS} stored events spread over 100
 * tenants ({@code hundredTenants}: 200 events in each) against the same events in one tenant ({@code oneTenant}):
 * events per second from every checkpoint at 0 to every tenant at its head. Each invocation starts the daemon
 * ({@code store.projections().start()}, default concurrency 2), waits with {@code waitForNonStale} and stops it; the
 * projection puts one document per event into the tenant's read model ({@code context.documents(..).put}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(1)
public class TenantFanOut {
    static final int EVENTS = 20_000;

    /** One read-model document per event. */
    public record Seen(String type, long streamSeq) {}

    /** A store with {@link #tenants()} tenants holding {@value #EVENTS} events between them, and the projection. */
    @State(Scope.Benchmark)
    public abstract static class Tenants {
        Store store;
        List<String> ids = new ArrayList<>();
        private String prefix;
        private String url;

        abstract int tenants();

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            url = BenchDatabase.requireSharedServerUrl("TenantFanOut");
            prefix = "fan_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
            store = Store.builder(url)
                    .schema(prefix)
                    .tenancy(TenancyStrategy.schemaPerTenant().withSchemaPattern(prefix + "_{tenant}"))
                    .maxConnections(BenchDatabase.POOL_SIZE)
                    .eventType("item_added", ItemAdded.class)
                    .projectionOptions(ProjectionOptions.defaults().withPollInterval(Duration.ofMillis(20)))
                    .build();
            int perTenant = EVENTS / tenants();
            for (int t = 0; t < tenants(); t++) {
                String tenant = "t" + t;
                ids.add(tenant);
                store.tenants().ensure(tenant);
                Store view = store.forTenant(tenant);
                for (int appended = 0; appended < perTenant; appended += 200) {
                    UUID stream = UUID.randomUUID();
                    List<ItemAdded> events = new ArrayList<>();
                    for (int i = 0; i < Math.min(200, perTenant - appended); i++) {
                        events.add(Model.item(stream, i));
                    }
                    view.events().append(stream, Expected.noStream(), events);
                }
            }
            store.projections().register(new Reading());
        }

        /** Every tenant's read model emptied and its checkpoint back at 0, outside the measured time. */
        @Setup(Level.Invocation)
        public void reset() {
            for (String tenant : ids) {
                Store view = store.forTenant(tenant);
                view.documents(Seen.class, Long.class, Reading.NAME); // creates the table on first use
                truncate(view);
                view.projections().resetCheckpoint(Reading.NAME, 0);
            }
        }

        private static void truncate(Store view) {
            try (Connection c = view.dataSource().getConnection();
                    Statement s = c.createStatement()) {
                s.execute("truncate \"" + view.schemaName() + "\".rf_doc_" + Reading.NAME);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() throws SQLException {
            store.close(); // first: it gives up the leases in the schemas dropped next
            try (Connection c = DriverManager.getConnection(url);
                    Statement st = c.createStatement()) {
                for (String tenant : ids) {
                    st.execute("drop schema " + prefix + "_" + tenant + " cascade");
                }
                st.execute("drop schema " + prefix + " cascade");
            }
        }
    }

    /** The events in 100 tenants, 200 each. */
    public static class HundredTenants extends Tenants {
        @Override
        int tenants() {
            return 100;
        }
    }

    /** The same number of events in one tenant. */
    public static class OneTenant extends Tenants {
        @Override
        int tenants() {
            return 1;
        }
    }

    /** The projection: one document per event in the tenant's schema. */
    static final class Reading implements ProjectionHandler {
        static final String NAME = "fanout_read";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public void apply(EventEnvelope event, ProjectionContext context) {
            context.documents(Seen.class, Long.class, NAME)
                    .put(event.globalSeq(), new Seen(event.type(), event.streamSeq()));
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void hundredTenants(HundredTenants state) {
        catchUp(state.store);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void oneTenant(OneTenant state) {
        catchUp(state.store);
    }

    private static void catchUp(Store store) {
        try (ProjectionDaemon daemon = store.projections().start()) {
            store.projections().waitForNonStale(Duration.ofMinutes(5));
        }
    }
}
