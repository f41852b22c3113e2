package io.rillflow.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.Store;
import io.rillflow.TenantNotFoundException;
import io.rillflow.events.Event;
import io.rillflow.events.Expected;
import io.rillflow.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A tenant's store held across a drop of the tenant fails with TenantNotFoundException, whoever dropped it. */
class TenantDroppedViewTest {
    record Note(String text) {}

    private TenancyStrategy.SchemaPerTenant tenancy;
    private Store store;

    @BeforeEach
    void open() {
        tenancy = TestDatabase.freshTenancy();
        store = TestDatabase.storeBuilder(getClass()).tenancy(tenancy).build();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void everyCallOfAViewHeldAcrossADropNamesTheTenant() {
        store.tenants().ensure("gone");
        Store held = store.forTenant("gone");
        UUID stream = UUID.randomUUID();
        held.documents(Note.class, Long.class).put(1L, new Note("before"));
        held.events().append(stream, Expected.noStream(), List.of(Event.of("Noted", Map.of())));

        store.tenants().drop("gone", tenancy.schemaFor("gone"));

        assertTenantNotFound(
                "gone", () -> held.documents(Note.class, Long.class).get(1L));
        assertTenantNotFound(
                "gone", () -> held.documents(Note.class, Long.class).put(2L, new Note("after")));
        assertTenantNotFound("gone", () -> held.documents(Note.class, UUID.class, "fresh"));
        assertTenantNotFound("gone", () -> held.events().readStream(stream));
        assertTenantNotFound(
                "gone", () -> held.events().append(stream, Expected.any(), List.of(Event.of("Noted", Map.of()))));
    }

    @Test
    void aDropByAnotherNodeIsFoundOnTheNextCallAndTheTenantForgotten() {
        store.tenants().ensure("elsewhere");
        Store held = store.forTenant("elsewhere");
        held.documents(Note.class, Long.class).put(1L, new Note("before"));
        try (Store other = Store.builder(TestDatabase.jdbcUrl())
                .schema(store.schemaName())
                .tenancy(tenancy)
                .build()) {
            other.tenants().drop("elsewhere", tenancy.schemaFor("elsewhere"));
        }

        assertTenantNotFound(
                "elsewhere", () -> held.documents(Note.class, Long.class).get(1L));
        // Forgotten: the next forTenant asks the database instead of handing out the cached view.
        assertThatThrownBy(() -> store.forTenant("elsewhere")).isInstanceOf(TenantNotFoundException.class);

        store.tenants().ensure("elsewhere");
        assertThat(store.forTenant("elsewhere")
                        .documents(Note.class, Long.class)
                        .get(1L))
                .isEmpty();
    }

    @Test
    void aMissingTableInALiveTenantIsStillTheDatabasesError() throws Exception {
        store.tenants().ensure("alive");
        Store alive = store.forTenant("alive");
        try (var c = store.dataSource().getConnection();
                var s = c.createStatement()) {
            s.execute("drop table " + tenancy.schemaFor("alive") + ".rf_stream_aliases");
        }
        assertThatThrownBy(() -> alive.events().resolveStreamAlias("orders:1"))
                .isNotInstanceOf(TenantNotFoundException.class)
                .hasMessageContaining("42P01");
    }

    private void assertTenantNotFound(String tenant, ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOf(TenantNotFoundException.class)
                .hasMessageStartingWith("Tenant \"" + tenant + "\" is not provisioned: its schema \""
                        + tenancy.schemaFor(tenant) + "\"")
                .satisfies(
                        e -> assertThat(((TenantNotFoundException) e).tenant()).isEqualTo(tenant));
    }
}
