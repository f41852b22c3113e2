package io.rillflow.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.admin.DaemonNode;
import io.rillflow.events.EventEnvelope;
import io.rillflow.projections.ProjectionContext;
import io.rillflow.projections.ProjectionDaemon;
import io.rillflow.projections.ProjectionHandler;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Nodes share the projection leases fairly: with a schema per tenant (a lease per projection and tenant), a node
 * started while another holds every lease takes half of them over, the two keep their halves while writers append, and
 * the survivor takes every lease back when the other stops; nodes serving different tenants leave none unserved; a
 * single-tenant store's projections are shared the same way. Through every handover each event is applied exactly
 * once.
 */
class ProjectionLeaseShareTest {
    private static final int TENANTS = 8;
    private static final ProjectionOptions OPTIONS = ProjectionOptions.defaults()
            .withBatchSize(20)
            .withConcurrency(2)
            .withLeaseTtl(Duration.ofSeconds(2))
            .withPollInterval(Duration.ofMillis(50));

    private static Store node(String schema, TenancyStrategy tenancy, String nodeId) {
        return node(schema, tenancy, OPTIONS.withNodeId(nodeId));
    }

    private static Store node(String schema, TenancyStrategy tenancy, ProjectionOptions options) {
        return Store.builder(TestDatabase.jdbcUrl())
                .schema(schema)
                .maxConnections(6)
                .eventType("Written", TenantDaemonTest.Written.class)
                .tenancy(tenancy)
                .projectionOptions(options)
                .build();
    }

    @Test
    void aSecondNodeTakesHalfTheLeasesAndTheFirstTakesThemBackWhenItStops() throws Exception {
        String schema = TestDatabase.freshSchema(getClass());
        TenancyStrategy tenancy = TestDatabase.freshTenancy();
        List<String> tenants = new ArrayList<>();
        try (Store nodeA = node(schema, tenancy, "node-a");
                Store nodeB = node(schema, tenancy, "node-b")) {
            nodeA.projections().register(new TenantDaemonTest.AppliedCounter());
            nodeB.projections().register(new TenantDaemonTest.AppliedCounter());
            for (int i = 0; i < TENANTS; i++) {
                tenants.add("s" + i);
                nodeA.tenants().ensure("s" + i);
            }
            ExecutorService writer = Executors.newSingleThreadExecutor();
            AtomicBoolean writing = new AtomicBoolean(true);
            try (ProjectionDaemon a = nodeA.projections().start()) {
                Future<Integer> written = writer.submit(() -> {
                    int n = 0;
                    while (writing.get()) {
                        String tenant = tenants.get(ThreadLocalRandom.current().nextInt(TENANTS));
                        TenantDaemonTest.append(nodeA.forTenant(tenant), tenant, n++);
                        Thread.sleep(5);
                    }
                    return n;
                });
                awaitHolders(nodeA, tenants, Map.of("node-a", TENANTS));

                try (ProjectionDaemon b = nodeB.projections().start()) {
                    awaitHolders(nodeA, tenants, Map.of("node-a", TENANTS / 2, "node-b", TENANTS / 2));
                    assertThat(nodeA.admin().daemonNodes())
                            .extracting(DaemonNode::nodeId)
                            .containsExactlyInAnyOrder("node-a", "node-b");
                    // Stable: neither node takes more than its half back while both run.
                    for (int i = 0; i < 10; i++) {
                        Thread.sleep(150);
                        assertThat(holders(nodeA, tenants).values()).allMatch(held -> held <= TENANTS / 2);
                    }
                    assertThat(b.isRunning()).isTrue();
                }
                awaitHolders(nodeA, tenants, Map.of("node-a", TENANTS));
                assertThat(nodeA.admin().daemonNodes())
                        .extracting(DaemonNode::nodeId)
                        .containsExactly("node-a");
                writing.set(false);
                assertThat(written.get()).isPositive();
                assertThat(a.isRunning()).isTrue();
            } finally {
                writing.set(false);
                writer.shutdownNow();
            }
            for (String tenant : tenants) {
                Store store = nodeA.forTenant(tenant);
                store.projections().runUntilIdle();
                Map<Long, String> events = TenantDaemonTest.writtenEvents(store);
                assertThat(TenantDaemonTest.applied(store))
                        .as("applications per event in tenant %s", tenant)
                        .isEqualTo(TenantDaemonTest.expected(events, tenant));
            }
        }
    }

    /**
     * A node serving only some tenants must not make another give up leases it alone serves: an even split of six
     * leases would leave one tenant to no node.
     */
    @Test
    void nodesServingDifferentTenantsLeaveNoTenantUnserved() throws Exception {
        String schema = TestDatabase.freshSchema(getClass());
        TenancyStrategy tenancy = TestDatabase.freshTenancy();
        List<String> tenants = List.of("u0", "u1", "u2", "u3", "u4", "u5");
        try (Store nodeA = node(schema, tenancy, "node-a");
                Store nodeB = node(schema, tenancy, OPTIONS.withNodeId("node-b").withTenants(Set.of("u0", "u1")))) {
            nodeA.projections().register(new TenantDaemonTest.AppliedCounter());
            nodeB.projections().register(new TenantDaemonTest.AppliedCounter());
            tenants.forEach(nodeA.tenants()::ensure);
            try (ProjectionDaemon a = nodeA.projections().start();
                    ProjectionDaemon b = nodeB.projections().start()) {
                // Long enough for both to count each other several times (a third of the lease time each).
                for (int round = 0; round < 30; round++) {
                    for (String tenant : tenants) {
                        TenantDaemonTest.append(nodeA.forTenant(tenant), tenant, round);
                    }
                    Thread.sleep(100);
                }
                for (String tenant : tenants) {
                    Store store = nodeA.forTenant(tenant);
                    store.projections().waitForNonStale(Duration.ofSeconds(30));
                    assertThat(TenantDaemonTest.applied(store))
                            .as("applications per event in tenant %s", tenant)
                            .isEqualTo(TenantDaemonTest.expected(TenantDaemonTest.writtenEvents(store), tenant));
                }
                assertThat(a.isRunning() && b.isRunning()).isTrue();
            }
        }
    }

    /** A projection of its own name counting its applications per event, so each of several projections checks once. */
    record Named(String name) implements ProjectionHandler {
        @Override
        public Set<Class<?>> eventClasses() {
            return Set.of(TenantDaemonTest.Written.class);
        }

        @Override
        public void apply(EventEnvelope event, ProjectionContext context) {
            var applied = context.documents(TenantDaemonTest.Applied.class, Long.class, name);
            int before = applied.load(event.globalSeq())
                    .map(TenantDaemonTest.Applied::count)
                    .orElse(0);
            applied.put(event.globalSeq(), new TenantDaemonTest.Applied(name, before + 1));
        }
    }

    /** Without tenants, the leases are one per projection: four projections on two nodes, two each. */
    @Test
    void twoNodesOfASingleTenantStoreShareItsProjections() throws Exception {
        String schema = TestDatabase.freshSchema(getClass());
        List<String> names = List.of("p1", "p2", "p3", "p4");
        try (Store nodeA = node(schema, TenancyStrategy.single(), OPTIONS.withNodeId("node-a"));
                Store nodeB = node(schema, TenancyStrategy.single(), OPTIONS.withNodeId("node-b"))) {
            for (String name : names) {
                nodeA.projections().register(new Named(name));
                nodeB.projections().register(new Named(name));
            }
            try (ProjectionDaemon a = nodeA.projections().start()) {
                TenantDaemonTest.append(nodeA, "root", 0);
                awaitProjectionHolders(nodeA, Map.of("node-a", 4));
                try (ProjectionDaemon b = nodeB.projections().start()) {
                    for (int n = 1; n <= 20; n++) {
                        TenantDaemonTest.append(nodeA, "root", n);
                        Thread.sleep(20);
                    }
                    awaitProjectionHolders(nodeA, Map.of("node-a", 2, "node-b", 2));
                    nodeA.projections().waitForNonStale(Duration.ofSeconds(30));
                }
            }
            Map<Long, String> events = TenantDaemonTest.writtenEvents(nodeA);
            for (String name : names) {
                Map<Long, Integer> counts = new TreeMap<>();
                TenantDaemonTest.query(
                        nodeA,
                        "select id, (data->>'count')::int from \"" + schema + "\".rf_doc_" + name,
                        rs -> counts.put(rs.getLong(1), rs.getInt(2)));
                assertThat(counts.keySet()).as(name).isEqualTo(events.keySet());
                assertThat(counts.values()).as(name).containsOnly(1);
            }
        }
    }

    private static void awaitProjectionHolders(Store store, Map<String, Integer> expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Map<String, Integer> seen = Map.of();
        while (System.nanoTime() < deadline) {
            Map<String, Integer> held = new TreeMap<>();
            TenantDaemonTest.query(
                    store,
                    "select lease_holder from \"" + store.schemaName() + "\".rf_projections"
                            + " where lease_holder is not null and lease_expires > now()",
                    rs -> held.merge(rs.getString(1), 1, Integer::sum));
            seen = held;
            if (seen.equals(expected)) {
                return;
            }
            Thread.sleep(50);
        }
        assertThat(seen).as("lease holders").isEqualTo(expected);
    }

    /** Waits up to 30 s until the unexpired leases of the tenants' projection are held as {@code expected}. */
    private static void awaitHolders(Store store, List<String> tenants, Map<String, Integer> expected)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Map<String, Integer> seen = holders(store, tenants);
        while (!seen.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            seen = holders(store, tenants);
        }
        assertThat(seen).as("lease holders").isEqualTo(expected);
    }

    /** How many of the tenants' projection leases each node holds, expired ones left out. */
    private static Map<String, Integer> holders(Store store, List<String> tenants) throws SQLException {
        Map<String, Integer> held = new TreeMap<>();
        for (String tenant : tenants) {
            TenantDaemonTest.query(
                    store.forTenant(tenant),
                    "select lease_holder from \"" + store.forTenant(tenant).schemaName() + "\".rf_projections"
                            + " where lease_holder is not null and lease_expires > now()",
                    rs -> held.merge(rs.getString(1), 1, Integer::sum));
        }
        return held;
    }
}
