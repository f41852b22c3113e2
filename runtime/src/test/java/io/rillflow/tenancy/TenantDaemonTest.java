package io.rillflow.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.StoreBuilder;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.projections.ProjectionContext;
import io.rillflow.projections.ProjectionDaemon;
import io.rillflow.projections.ProjectionHandler;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.projections.ProjectionStatus;
import io.rillflow.testing.LogCapture;
import io.rillflow.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The root store's projection daemon serves every tenant's schema with a lease per projection per tenant: on two
 * nodes, with writers in twenty tenants, every event is applied exactly once in its own tenant; a tenant provisioned
 * later is served without a restart, and a tenant dropped while served is left while the others go on.
 */
class TenantDaemonTest {
    private static final int TENANTS = 20;
    private static final int WRITERS = 6;
    private static final ProjectionOptions OPTIONS = ProjectionOptions.defaults()
            .withBatchSize(50)
            .withConcurrency(3)
            .withLeaseTtl(Duration.ofMillis(500))
            .withPollInterval(Duration.ofMillis(50));

    /** An event that names the tenant it was appended in. */
    record Written(String tenant, int n) {}

    /** How often the projection applied one event, and in which tenant's schema the event said it was written. */
    record Applied(String tenant, int count) {}

    /**
     * Counts applications per event in a document of the schema it runs in, so a double apply (two nodes on one
     * tenant's projection, a shared lease) shows as a count of 2 and a missed one (a tenant not served) as no
     * document.
     */
    static final class AppliedCounter implements ProjectionHandler {
        @Override
        public String name() {
            return "applied";
        }

        @Override
        public Set<Class<?>> eventClasses() {
            return Set.of(Written.class);
        }

        @Override
        public void apply(EventEnvelope event, ProjectionContext context) {
            Written written = event.as(Written.class);
            var applied = context.documents(Applied.class, Long.class, "applied");
            Applied before = applied.load(event.globalSeq()).orElse(new Applied(written.tenant(), 0));
            applied.put(event.globalSeq(), new Applied(before.tenant(), before.count() + 1));
        }
    }

    private static StoreBuilder node(String schema, TenancyStrategy tenancy, String nodeId) {
        return Store.builder(TestDatabase.jdbcUrl())
                .schema(schema)
                .maxConnections(8)
                .eventType("Written", Written.class)
                .tenancy(tenancy)
                .projectionOptions(OPTIONS.withNodeId(nodeId));
    }

    @Test
    void twoNodesServeTwentyTenantsWithConcurrentWritersApplyingEveryEventOnceInItsTenant() throws Exception {
        String schema = TestDatabase.freshSchema(getClass());
        TenancyStrategy tenancy = TestDatabase.freshTenancy();
        try (Store nodeA = node(schema, tenancy, "node-a").build();
                Store nodeB = node(schema, tenancy, "node-b").build()) {
            nodeA.projections().register(new AppliedCounter());
            nodeB.projections().register(new AppliedCounter());
            List<String> tenants = new ArrayList<>();
            for (int i = 0; i < TENANTS; i++) {
                tenants.add("t" + i);
                nodeA.tenants().ensure("t" + i);
            }
            ExecutorService threads = Executors.newFixedThreadPool(WRITERS);
            AtomicBoolean writing = new AtomicBoolean(true);
            Set<String> holders = new TreeSet<>();
            try (ProjectionDaemon a = nodeA.projections().start();
                    ProjectionDaemon b = nodeB.projections().start()) {
                List<Future<Integer>> writers = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    Store via = w % 2 == 0 ? nodeA : nodeB;
                    writers.add(threads.submit(() -> write(via, tenants, writing)));
                }
                Thread.sleep(3000);
                writing.set(false);
                int written = 0;
                for (Future<Integer> writer : writers) {
                    written += writer.get();
                }
                assertThat(written).isGreaterThan(TENANTS);
                nodeA.projections().waitForNonStale(Duration.ofSeconds(60));
                assertThat(a.isRunning()).isTrue();
                assertThat(b.isRunning()).isTrue();
                for (String tenant : tenants) {
                    holders.addAll(leaseHolders(nodeA.forTenant(tenant)));
                }
            } finally {
                threads.shutdownNow();
            }
            for (String tenant : tenants) {
                Store store = nodeA.forTenant(tenant);
                Map<Long, String> events = writtenEvents(store);
                assertThat(events).as("events written in tenant %s", tenant).isNotEmpty();
                assertThat(applied(store))
                        .as("applications per event in tenant %s", tenant)
                        .isEqualTo(expected(events, tenant));
                ProjectionStatus status = store.projections().status("applied");
                assertThat(status.checkpoint()).isEqualTo(status.head());
            }
            assertThat(applied(nodeA))
                    .as("applications in the store's own schema")
                    .isEmpty();
            assertThat(holders)
                    .as("nodes holding leases on tenants' projections")
                    .isNotEmpty()
                    .isSubsetOf("node-a", "node-b");
        }
    }

    @Test
    void aTenantProvisionedAfterTheDaemonStartedIsServedWithoutARestart() throws Exception {
        String schema = TestDatabase.freshSchema(getClass());
        TenancyStrategy tenancy = TestDatabase.freshTenancy();
        try (Store store = node(schema, tenancy, "node-a").build();
                Store elsewhere = node(schema, tenancy, "node-b").build()) {
            store.projections().register(new AppliedCounter());
            try (ProjectionDaemon daemon = store.projections().start()) {
                Thread.sleep(200);
                store.tenants().ensure("early");
                append(store.forTenant("early"), "early", 1);
                // Provisioned by another store: this one learns of it only by listing the tenants again.
                elsewhere.tenants().ensure("late");
                append(elsewhere.forTenant("late"), "late", 1);
                store.forTenant("late").projections().waitForNonStale(Duration.ofSeconds(20));
                store.projections().waitForNonStale(Duration.ofSeconds(20));
                for (String tenant : List.of("early", "late")) {
                    Store view = store.forTenant(tenant);
                    assertThat(applied(view)).isEqualTo(expected(writtenEvents(view), tenant));
                }
                assertThat(daemon.isRunning()).isTrue();
            }
        }
    }

    @Test
    void aTenantDroppedWhileServedIsLeftOnceAndTheOthersAreServedOn() throws Exception {
        String schema = TestDatabase.freshSchema(getClass());
        TenancyStrategy.SchemaPerTenant tenancy = TestDatabase.freshTenancy();
        try (Store store = node(schema, tenancy, "node-a").build();
                Store admin = node(schema, tenancy, "node-b").build();
                LogCapture log = LogCapture.attach()) {
            store.projections().register(new AppliedCounter());
            store.tenants().ensure("doomed");
            store.tenants().ensure("kept");
            try (ProjectionDaemon daemon = store.projections().start()) {
                append(store.forTenant("doomed"), "doomed", 1);
                store.projections().waitForNonStale(Duration.ofSeconds(20));
                // Dropped by another store, so this store's daemon finds out by its failing ticks.
                admin.tenants().drop("doomed", tenancy.schemaFor("doomed"));
                for (int i = 0; i < 5; i++) {
                    append(store.forTenant("kept"), "kept", i);
                    Thread.sleep(100);
                }
                Store kept = store.forTenant("kept");
                kept.projections().waitForNonStale(Duration.ofSeconds(20));
                assertThat(applied(kept)).isEqualTo(expected(writtenEvents(kept), "kept"));
                assertThat(daemon.isRunning()).isTrue();
                assertThat(log.containing("Tenant doomed was dropped")).singleElement();
                assertThat(log.containing("failed a tick")).isEmpty();
            }
        }
    }

    @Test
    void aTenantsProjectionsArePausedAndReportedOnTheirOwn() throws Exception {
        String schema = TestDatabase.freshSchema(getClass());
        TenancyStrategy tenancy = TestDatabase.freshTenancy();
        try (Store store = node(schema, tenancy, "node-a").build()) {
            store.projections().register(new AppliedCounter());
            store.tenants().ensure("paused");
            store.tenants().ensure("running");
            Store paused = store.forTenant("paused");
            Store running = store.forTenant("running");
            paused.projections().pause("applied");
            append(paused, "paused", 1);
            append(running, "running", 1);
            append(running, "running", 2);

            store.projections().runUntilIdle();

            ProjectionStatus behind = paused.projections().status("applied");
            assertThat(behind.paused()).isTrue();
            assertThat(behind.checkpoint()).isZero();
            assertThat(behind.lagEvents()).isEqualTo(2);
            assertThat(running.projections().status("applied").lagEvents()).isZero();
            assertThat(applied(running)).hasSize(4);
            assertThat(store.projections().status("applied").paused()).isFalse();

            paused.projections().resume("applied");
            store.projections().runUntilIdle();
            assertThat(applied(paused)).isEqualTo(expected(writtenEvents(paused), "paused"));
        }
    }

    @Test
    void aDaemonServingAChosenSetOfTenantsLeavesTheOthers() throws Exception {
        String schema = TestDatabase.freshSchema(getClass());
        TenancyStrategy tenancy = TestDatabase.freshTenancy();
        try (Store store = node(schema, tenancy, "node-a")
                .projectionOptions(OPTIONS.withNodeId("node-a").withTenants(Set.of("chosen")))
                .build()) {
            store.projections().register(new AppliedCounter());
            store.tenants().ensure("chosen");
            store.tenants().ensure("other");
            append(store.forTenant("chosen"), "chosen", 1);
            append(store.forTenant("other"), "other", 1);

            store.projections().runUntilIdle();

            assertThat(applied(store.forTenant("chosen"))).hasSize(2);
            assertThat(store.forTenant("other").projections().status("applied").lagEvents())
                    .isEqualTo(2);
            store.forTenant("other").projections().runUntilIdle();
            assertThat(applied(store.forTenant("other"))).hasSize(2);
        }
    }

    private static int write(Store via, List<String> tenants, AtomicBoolean writing) {
        int written = 0;
        while (writing.get()) {
            String tenant = tenants.get(ThreadLocalRandom.current().nextInt(tenants.size()));
            append(via.forTenant(tenant), tenant, written);
            written++;
        }
        return written;
    }

    static void append(Store tenant, String name, int n) {
        tenant.events().append(UUID.randomUUID(), Expected.any(), List.of(new Written(name, n), new Written(name, n)));
    }

    static Map<Long, Applied> expected(Map<Long, String> events, String tenant) {
        Map<Long, Applied> expected = new TreeMap<>();
        events.keySet().forEach(seq -> expected.put(seq, new Applied(tenant, 1)));
        return expected;
    }

    /** The global_seq of every Written event in the store's schema, with its type. */
    static Map<Long, String> writtenEvents(Store store) throws SQLException {
        Map<Long, String> events = new TreeMap<>();
        query(store, "select global_seq, type from \"" + store.schemaName() + "\".rf_events", rs -> {
            events.put(rs.getLong(1), rs.getString(2));
        });
        return events;
    }

    /** The projection's documents in the store's schema, by global_seq; none if it never wrote one. */
    static Map<Long, Applied> applied(Store store) throws SQLException {
        Map<Long, Applied> applied = new TreeMap<>();
        String table = "\"" + store.schemaName() + "\".rf_doc_applied";
        query(store, "select to_regclass('" + table + "') is not null", exists -> {
            if (exists.getBoolean(1)) {
                query(store, "select id, data->>'tenant', (data->>'count')::int from " + table, rs -> {
                    applied.put(rs.getLong(1), new Applied(rs.getString(2), rs.getInt(3)));
                });
            }
        });
        return applied;
    }

    @FunctionalInterface
    interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    static void query(Store store, String sql, Row row) throws SQLException {
        try (Connection c = store.dataSource().getConnection();
                PreparedStatement p = c.prepareStatement(sql);
                ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                row.read(rs);
            }
        }
    }

    private static List<String> leaseHolders(Store store) throws SQLException {
        List<String> holders = new ArrayList<>();
        query(
                store,
                "select lease_holder from \"" + store.schemaName() + "\".rf_projections"
                        + " where lease_holder is not null",
                rs -> holders.add(rs.getString(1)));
        return holders;
    }
}
