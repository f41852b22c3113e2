package io.rillflow.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.Store;
import io.rillflow.TenantNotFoundException;
import io.rillflow.schema.AppliedMigration;
import io.rillflow.schema.Migration;
import io.rillflow.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code tenants().status(..)}: what a tenant's schema applied, lacks and drifted from, read from its own schema. */
class TenantStatusTest {
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
    void aFreshTenantIsCurrentWithEveryShippedMigrationApplied() {
        TenantStatus status = store.tenants().status("acme");
        assertThat(status.tenant()).isEqualTo("acme");
        assertThat(status.schema().schema()).isEqualTo(tenancy.schemaFor("acme"));
        assertThat(status.schema().applied())
                .extracting(AppliedMigration::version)
                .containsExactlyElementsOf(store.schema().migrations().stream()
                        .map(Migration::version)
                        .toList());
        assertThat(status.schema().pending()).isEmpty();
        assertThat(status.schema().drift()).isEmpty();
        assertThat(status.isCurrent()).isTrue();
    }

    @Test
    void aRemovedMigrationRowIsPendingInThatTenantOnly() {
        Migration last =
                store.schema().migrations().get(store.schema().migrations().size() - 1);
        TestDatabase.execute(
                "delete from \"" + tenancy.schemaFor("acme") + "\".rf_migrations where version = " + last.version());

        TenantStatus acme = store.tenants().status("acme");
        // A migration's text names its schema, so the tenant's differs from the root's: compare versions.
        assertThat(acme.schema().pending()).extracting(Migration::version).containsExactly(last.version());
        assertThat(acme.schema().drift()).isEmpty();
        assertThat(acme.isCurrent()).isFalse();
        assertThat(store.tenants().status("globex").isCurrent()).isTrue();
        assertThat(store.schema().status().isCurrent()).isTrue();
    }

    @Test
    void anEditedMigrationIsDriftNamingItAndBothChecksumsWithoutThrowing() {
        String shipped = store.schema().migrations().get(0).checksum();
        TestDatabase.execute("update \"" + tenancy.schemaFor("globex")
                + "\".rf_migrations set checksum = 'abc123' where version = 1");

        TenantStatus globex = store.tenants().status("globex");
        assertThat(globex.schema().pending()).isEmpty();
        assertThat(globex.schema().drift())
                .containsExactly("migration 0001_core applied with checksum abc123, shipped with " + shipped);
        assertThat(globex.isCurrent()).isFalse();
    }

    @Test
    void anUnknownTenantIsNotFoundAndAHostileIdIsRefusedBeforeSql() {
        assertThatThrownBy(() -> store.tenants().status("ghost"))
                .isInstanceOf(TenantNotFoundException.class)
                .hasMessageContaining("\"ghost\"")
                .hasMessageContaining(tenancy.schemaFor("ghost"));
        assertThatThrownBy(() -> store.tenants().status("x\"; drop schema public; --"))
                .isInstanceOf(io.rillflow.InvalidIdentifierException.class);
    }
}
