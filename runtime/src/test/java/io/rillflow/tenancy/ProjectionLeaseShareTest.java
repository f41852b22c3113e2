package io.rillflow.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.projections.ProjectionDaemon;
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
 * Nodes share the leases of a schema-per-tenant store's projections fairly: a node started while another holds every
 * lease takes half of them over, the two keep their halves while writers append, the survivor takes every lease back
 * when the other stops, and through the handovers every event is applied exactly once.
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
                    // Stable: neither node takes more than its half back while both run.
                    for (int i = 0; i < 10; i++) {
                        Thread.sleep(150);
                        assertThat(holders(nodeA, tenants).values()).allMatch(held -> held <= TENANTS / 2);
                    }
                    assertThat(b.isRunning()).isTrue();
                }
                awaitHolders(nodeA, tenants, Map.of("node-a", TENANTS));
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
