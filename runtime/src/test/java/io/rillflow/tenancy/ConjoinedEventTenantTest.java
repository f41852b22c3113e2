package io.rillflow.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.annotations.ProjectionMode;
import io.rillflow.events.Expected;
import io.rillflow.tenancy.TenantWitness.Noted;
import io.rillflow.testing.TestDatabase;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code EventEnvelope.tenant()} and {@code ProjectionContext.tenant()} on a conjoined store: the tenant that appended
 * the event, wherever it is read or applied; empty for the default tenant's (the store the builder made).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConjoinedEventTenantTest {
    private final TenantWitness async = new TenantWitness("tenant_witness", ProjectionMode.ASYNC);
    private final TenantWitness inline = new TenantWitness("tenant_witness_inline", ProjectionMode.INLINE);
    private Store store;
    private Store acme;

    @BeforeAll
    void open() {
        store = TestDatabase.storeBuilder(getClass())
                .tenancy(TenancyStrategy.conjoined())
                .eventType("Noted", Noted.class)
                .build();
        store.projections().register(async);
        store.projections().register(inline);
        store.tenants().ensure("acme");
        store.tenants().ensure("globex");
        acme = store.forTenant("acme");
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Test
    void readsTellTheTenantThatAppended() {
        UUID stream = UUID.randomUUID();
        acme.events().append(stream, Expected.noStream(), List.of(new Noted("read-acme")));
        store.events().append(stream, Expected.noStream(), List.of(new Noted("read-root")));

        assertThat(acme.events().readStream(stream)).singleElement().satisfies(e -> assertThat(e.tenant())
                .contains("acme"));
        assertThat(acme.events().readAll(0, 1000))
                .allSatisfy(e -> assertThat(e.tenant()).contains("acme"));
        assertThat(store.events().readStream(stream)).singleElement().satisfies(e -> assertThat(e.tenant())
                .isEmpty());
    }

    @Test
    void projectionsAreToldTheTenantOfEachEventTheyApply() {
        acme.events().append(UUID.randomUUID(), Expected.noStream(), List.of(new Noted("acme")));
        store.forTenant("globex").events().append(UUID.randomUUID(), Expected.noStream(), List.of(new Noted("globex")));
        store.events().append(UUID.randomUUID(), Expected.noStream(), List.of(new Noted("root")));

        assertThat(inline.seen).containsEntry("acme", "acme/acme").containsEntry("root", "-/-");
        store.projections().runUntilIdle();
        assertThat(async.seen)
                .containsEntry("acme", "acme/acme")
                .containsEntry("globex", "globex/globex")
                .containsEntry("root", "-/-");

        store.projections().rebuild("tenant_witness");
        assertThat(async.rebuilt).containsExactlyInAnyOrder("-", "acme", "globex");
    }
}
