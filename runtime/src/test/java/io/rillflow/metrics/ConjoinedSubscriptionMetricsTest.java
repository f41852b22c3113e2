package io.rillflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rillflow.Store;
import io.rillflow.events.Event;
import io.rillflow.events.Expected;
import io.rillflow.subscriptions.SubscriptionFilter;
import io.rillflow.subscriptions.SubscriptionOptions;
import io.rillflow.subscriptions.TenantSubscriptionWorkers;
import io.rillflow.tenancy.TenancyStrategy;
import io.rillflow.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * The one worker of {@code subscribeEachTenant} on a conjoined store meters each event as its tenant's: delivered,
 * acknowledged and pending carry the event's tenant tag.
 */
class ConjoinedSubscriptionMetricsTest {
    @Test
    void eachEventIsMeteredWithItsTenantsTag() throws InterruptedException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Store store = Store.builder(TestDatabase.jdbcUrl())
                .schema(TestDatabase.freshSchema(getClass()))
                .tenancy(TenancyStrategy.conjoined())
                .meterRegistry(registry)
                .build()) {
            store.tenants().ensure("acme");
            store.tenants().ensure("globex");
            append(store.forTenant("acme"));
            append(store.forTenant("acme"));
            append(store.forTenant("globex"));
            append(store); // the default tenant's: not delivered

            Queue<String> seen = new ConcurrentLinkedQueue<>();
            try (TenantSubscriptionWorkers workers = store.subscriptions()
                    .subscribeEachTenant(
                            "audit",
                            SubscriptionFilter.all(),
                            0,
                            SubscriptionOptions.defaults().withPollInterval(Duration.ofMillis(50)),
                            (tenant, event, handle) -> seen.add(tenant))) {
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (seen.size() < 3) {
                    assertThat(System.nanoTime()).as("three deliveries").isLessThan(deadline);
                    Thread.sleep(10);
                }
                assertThat(delivered(registry, "acme")).isEqualTo(2);
                assertThat(delivered(registry, "globex")).isEqualTo(1);
            }
            // Closing acknowledged what was delivered (automatic acknowledgement), each as its tenant's.
            assertThat(counter(registry, "rillflow.subscription.acknowledged", "acme"))
                    .isEqualTo(2);
            assertThat(counter(registry, "rillflow.subscription.acknowledged", "globex"))
                    .isEqualTo(1);
            assertThat(pending(registry, "acme")).isZero();
            assertThat(pending(registry, "globex")).isZero();
            assertThat(registry.find("rillflow.subscription.delivered")
                            .tag("subscription", "audit")
                            .counters())
                    .as("no delivered counter without a tenant")
                    .allSatisfy(c -> assertThat(c.getId().getTag("tenant")).isNotNull());
        }
    }

    private static void append(Store store) {
        store.events().append(UUID.randomUUID(), Expected.noStream(), List.of(Event.of("Noted", Map.of())));
    }

    private static double delivered(SimpleMeterRegistry registry, String tenant) {
        return counter(registry, "rillflow.subscription.delivered", tenant);
    }

    private static double counter(SimpleMeterRegistry registry, String name, String tenant) {
        Counter counter = registry.get(name)
                .tag("subscription", "audit")
                .tag("tenant", tenant)
                .counter();
        return counter.count();
    }

    private static double pending(SimpleMeterRegistry registry, String tenant) {
        Gauge gauge = registry.get("rillflow.subscription.pending")
                .tag("subscription", "audit")
                .tag("tenant", tenant)
                .gauge();
        return gauge.value();
    }
}
