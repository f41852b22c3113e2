package io.rillflow.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.StoreBuilder;
import io.rillflow.events.Expected;
import io.rillflow.internal.LogContext;
import io.rillflow.subscriptions.SubscriptionFilter;
import io.rillflow.subscriptions.SubscriptionOptions;
import io.rillflow.subscriptions.SubscriptionStatus;
import io.rillflow.subscriptions.TenantSubscriptionHandler;
import io.rillflow.subscriptions.TenantSubscriptionWorkers;
import io.rillflow.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * {@code subscribeEachTenant} on a conjoined store: one group of slots over the one log, shared by two nodes, delivers
 * every provisioned tenant's events exactly once, each with its tenant, while writers append in every tenant at once;
 * a tenant provisioned meanwhile is served without a restart, and the default tenant's events are not delivered.
 */
class ConjoinedEachTenantSubscriptionTest {
    record Counted(int n) {}

    private static final int TENANTS = 6;
    private static final int WRITERS = 4;
    /** A worker's options; each call has a worker id of its own, as each node's worker must. */
    private static SubscriptionOptions options() {
        return SubscriptionOptions.defaults()
                .withPollInterval(Duration.ofMillis(50))
                .withSlots(8)
                .withBatchSize(20);
    }

    /** Enough streams that both nodes' halves of the slots hold some (a stream's events all go to one slot). */
    private static final List<UUID> STREAMS =
            Stream.generate(UUID::randomUUID).limit(32).toList();

    /** What a handler saw: the tenant it was handed, the event's own tenant, and the MDC's, with the position. */
    record Delivery(String tenant, String eventTenant, String mdcTenant, long globalSeq) {}

    private static StoreBuilder node(String schema) {
        return Store.builder(TestDatabase.jdbcUrl())
                .schema(schema)
                .maxConnections(8)
                .eventType("Counted", Counted.class)
                .tenancy(TenancyStrategy.conjoined());
    }

    private static TenantSubscriptionHandler recordingInto(Queue<Delivery> deliveries) {
        return (tenant, event, handle) -> deliveries.add(
                new Delivery(tenant, event.tenant().orElse("(none)"), MDC.get(LogContext.TENANT), event.globalSeq()));
    }

    /** Appends one event at a time to a random tenant (and sometimes the root) until told to stop. */
    private static List<String> write(Store root, List<String> tenants, AtomicBoolean writing) {
        List<String> written = new ArrayList<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int n = 0;
        while (writing.get()) {
            UUID stream = STREAMS.get(random.nextInt(STREAMS.size()));
            if (random.nextInt(10) == 0) {
                root.events().append(stream, Expected.any(), List.of(new Counted(n++))); // the default tenant's
                continue;
            }
            String tenant = tenants.get(random.nextInt(tenants.size()));
            long seq = root.forTenant(tenant)
                    .events()
                    .append(stream, Expected.any(), List.of(new Counted(n++)))
                    .lastGlobalSeq();
            written.add(tenant + "@" + seq);
        }
        return written;
    }

    @Test
    void twoNodesDeliverEveryTenantsEventsExactlyOnceWithItsTenantUnderConcurrentWriters() throws Exception {
        String schema = TestDatabase.freshSchema(getClass());
        Queue<Delivery> onA = new ConcurrentLinkedQueue<>();
        Queue<Delivery> onB = new ConcurrentLinkedQueue<>();
        try (Store nodeA = node(schema).build();
                Store nodeB = node(schema).build()) {
            List<String> tenants = new ArrayList<>();
            for (int i = 0; i < TENANTS; i++) {
                tenants.add("t" + i);
                nodeA.tenants().ensure("t" + i);
            }
            SubscriptionFilter filter = SubscriptionFilter.all().withEventTypes("Counted");
            ExecutorService threads = Executors.newFixedThreadPool(WRITERS);
            Set<String> written = new HashSet<>();
            try (TenantSubscriptionWorkers a = nodeA.subscriptions()
                            .subscribeEachTenant("audit", filter, 0, options(), recordingInto(onA));
                    TenantSubscriptionWorkers b = nodeB.subscriptions()
                            .subscribeEachTenant("audit", filter, 0, options(), recordingInto(onB))) {
                AtomicBoolean writing = new AtomicBoolean(true);
                List<Future<List<String>>> writers = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    Store via = w % 2 == 0 ? nodeA : nodeB;
                    writers.add(threads.submit(() -> write(via, tenants, writing)));
                }
                Thread.sleep(1000);
                nodeB.tenants().ensure("late"); // provisioned on the other node while the writers run
                long late = nodeB.forTenant("late")
                        .events()
                        .append(UUID.randomUUID(), Expected.noStream(), List.of(new Counted(-1)))
                        .lastGlobalSeq();
                written.add("late@" + late);
                Thread.sleep(1500);
                writing.set(false);
                for (Future<List<String>> writer : writers) {
                    written.addAll(writer.get());
                }
                assertThat(written).hasSizeGreaterThan(TENANTS * 3);
                assertThat(a.tenants()).containsAll(tenants).contains("late");
                assertThat(a.worker("t0")).isPresent();

                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (onA.size() + onB.size() < written.size() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                Thread.sleep(500); // a duplicate would arrive meanwhile
            } finally {
                threads.shutdownNow();
            }

            List<Delivery> all = new ArrayList<>(onA);
            all.addAll(onB);
            List<String> delivered =
                    all.stream().map(d -> d.tenant() + "@" + d.globalSeq()).toList();
            assertThat(delivered).as("no event delivered twice").doesNotHaveDuplicates();
            assertThat(new HashSet<>(delivered))
                    .as("every tenant's events, none lost")
                    .isEqualTo(written);
            assertThat(all).allSatisfy(d -> {
                assertThat(d.eventTenant()).isEqualTo(d.tenant());
                assertThat(d.mdcTenant()).isEqualTo(d.tenant());
            });
            assertThat(onA).as("node A's share").isNotEmpty();
            assertThat(onB).as("node B's share").isNotEmpty();

            SubscriptionStatus status = nodeA.subscriptions().status("audit", "default");
            assertThat(status.lag()).isZero();
            assertThat(status.slots()).isEqualTo(8);

            // Closing the store closes its workers of every tenant.
            TenantSubscriptionWorkers open =
                    nodeA.subscriptions().subscribeEachTenant("audit", filter, 0, options(), recordingInto(onA));
            assertThat(open.isRunning()).isTrue();
            nodeA.close();
            assertThat(open.isRunning()).isFalse();
            assertThat(open.tenants()).isEmpty();
        }
    }
}
