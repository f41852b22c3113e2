package io.rillflow.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.annotations.ProjectionMode;
import io.rillflow.events.Expected;
import io.rillflow.subscriptions.SubscriptionFilter;
import io.rillflow.subscriptions.SubscriptionHandle;
import io.rillflow.subscriptions.SubscriptionOptions;
import io.rillflow.tenancy.TenantWitness.Noted;
import io.rillflow.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code EventEnvelope.tenant()} and {@code ProjectionContext.tenant()} with a schema per tenant: the tenant whose
 * schema the event is in, wherever it is read, applied or delivered; empty for the root schema's events.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaPerTenantEventTenantTest {
    private final TenantWitness async = new TenantWitness("tenant_witness", ProjectionMode.ASYNC);
    private final TenantWitness inline = new TenantWitness("tenant_witness_inline", ProjectionMode.INLINE);
    private Store store;
    private Store acme;

    @BeforeAll
    void open() {
        store = TestDatabase.storeBuilder(getClass())
                .tenancy(TestDatabase.freshTenancy())
                .eventType("Noted", Noted.class)
                .build();
        store.projections().register(async);
        store.projections().register(inline);
        store.tenants().ensure("acme");
        acme = store.forTenant("acme");
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Test
    void readsTellTheTenantWhoseSchemaTheEventIsIn() {
        UUID stream = UUID.randomUUID();
        acme.events().append(stream, Expected.noStream(), List.of(new Noted("read-acme")));
        store.events().append(stream, Expected.noStream(), List.of(new Noted("read-root")));

        assertThat(acme.events().readStream(stream)).singleElement().satisfies(e -> assertThat(e.tenant())
                .contains("acme"));
        assertThat(acme.events().readAll(0, 1000)).isNotEmpty().allSatisfy(e -> assertThat(e.tenant())
                .contains("acme"));
        assertThat(store.events().readStream(stream)).singleElement().satisfies(e -> assertThat(e.tenant())
                .isEmpty());
        assertThat(store.events().readAll(0, 1000)).isNotEmpty().allSatisfy(e -> assertThat(e.tenant())
                .isEmpty());
    }

    @Test
    void projectionsAreToldTheTenantWhoseSchemaTheyRunIn() {
        acme.events().append(UUID.randomUUID(), Expected.noStream(), List.of(new Noted("acme")));
        store.events().append(UUID.randomUUID(), Expected.noStream(), List.of(new Noted("root")));

        assertThat(inline.seen).containsEntry("acme", "acme/acme").containsEntry("root", "-/-");
        store.projections().runUntilIdle();
        assertThat(async.seen).containsEntry("acme", "acme/acme").containsEntry("root", "-/-");

        acme.projections().rebuild("tenant_witness");
        store.projections().rebuild("tenant_witness");
        assertThat(async.rebuilt).containsExactlyInAnyOrder("acme", "-");
    }

    @Test
    void aTenantsSubscriptionIsHandedEventsThatTellTheTenant() throws Exception {
        List<String> saw = new CopyOnWriteArrayList<>();
        acme.subscriptions().create("tenant_mailer", SubscriptionFilter.all().withEventTypes("Noted"), 0);
        SubscriptionHandle handle = acme.subscriptions()
                .subscribe(
                        "tenant_mailer",
                        SubscriptionOptions.defaults().withPollInterval(Duration.ofMillis(50)),
                        (event, h) -> saw.add(event.as(Noted.class).text() + "@" + TenantWitness.show(event.tenant())));
        try {
            acme.events().append(UUID.randomUUID(), Expected.noStream(), List.of(new Noted("delivered")));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!saw.contains("delivered@acme") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(saw).contains("delivered@acme").allSatisfy(seen -> assertThat(seen)
                    .endsWith("@acme"));
        } finally {
            handle.close();
        }
    }
}
