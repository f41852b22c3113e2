package io.rillflow.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.Store;
import io.rillflow.TenantNotFoundException;
import io.rillflow.testing.TestDatabase;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code store.forCurrentTenant()} serves the tenant the resolver finds, and refuses to guess when it finds none. */
class TenantResolverTest {
    record Note(String text) {}

    private TenancyStrategy.SchemaPerTenant tenancy;
    private Store store;

    @BeforeEach
    void open() {
        tenancy = TestDatabase.freshTenancy();
        store = TestDatabase.storeBuilder(getClass()).tenancy(tenancy).build();
        store.tenants().ensure("acme");
        store.tenants().ensure("globex");
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void theDefaultResolverServesTheTenantOfTheContextAndRestoresThePreviousOne() {
        TenantContext.run("acme", () -> {
            store.forCurrentTenant().documents(Note.class, Long.class).put(1L, new Note("acme's"));
            String inner =
                    TenantContext.call("globex", () -> store.forCurrentTenant().schemaName());
            assertThat(inner).isEqualTo(tenancy.schemaFor("globex"));
            assertThat(store.forCurrentTenant()).isSameAs(store.forTenant("acme"));
        });

        assertThat(TenantContext.current()).isEmpty();
        assertThat(store.forTenant("acme").documents(Note.class, Long.class).load(1L))
                .contains(new Note("acme's"));
        assertThat(store.forTenant("globex").documents(Note.class, Long.class).load(1L))
                .isEmpty();
    }

    @Test
    void noResolvedTenantIsAClearErrorAndAWorkFailureStillClearsTheContext() {
        assertThatThrownBy(store::forCurrentTenant)
                .isInstanceOf(TenantNotResolvedException.class)
                .hasMessageStartingWith("No current tenant: the store's TenantResolver resolved none on this thread");
        assertThatThrownBy(() -> TenantContext.run("acme", () -> {
                    throw new IllegalStateException("request failed");
                }))
                .hasMessage("request failed");
        assertThat(TenantContext.current()).isEmpty();
        assertThatThrownBy(() -> TenantContext.run("ghost", store::forCurrentTenant))
                .isInstanceOf(TenantNotFoundException.class);
    }

    @Test
    void aResolverOnTheBuilderReplacesTheContext() {
        AtomicReference<String> header = new AtomicReference<>();
        try (Store resolving = TestDatabase.storeBuilder(getClass())
                .tenancy(tenancy)
                .tenantResolver(TenantResolver.of(header::get))
                .build()) {
            header.set("globex");
            assertThat(resolving.forCurrentTenant().tenant()).contains("globex");
            assertThat(TenantContext.call(
                            "acme", () -> resolving.forCurrentTenant().tenant()))
                    .contains("globex");
            header.set(null);
            assertThatThrownBy(resolving::forCurrentTenant).isInstanceOf(TenantNotResolvedException.class);
        }
    }

    @Test
    void aSingleTenantStoreHasNoCurrentTenant() {
        try (Store single = TestDatabase.store(getClass())) {
            assertThatThrownBy(() -> TenantContext.run("acme", single::forCurrentTenant))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("single tenancy");
        }
    }
}
