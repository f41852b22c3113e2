package io.rillflow.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.Store;
import io.rillflow.schema.Migration;
import io.rillflow.schema.SchemaPlan;
import io.rillflow.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code tenants().sync(progress)} reports each tenant as it is done, with how many of how many and what it applied. */
class TenantSyncProgressTest {
    private TenancyStrategy.SchemaPerTenant tenancy;
    private Store store;

    @BeforeEach
    void open() {
        tenancy = TestDatabase.freshTenancy();
        store = TestDatabase.storeBuilder(getClass()).tenancy(tenancy).build();
        store.tenants().ensure("acme");
        store.tenants().ensure("globex");
        // A tenant an older version provisioned: its schema is there, with none of this version's migrations.
        String old = tenancy.schemaFor("old");
        TestDatabase.execute("create schema \"" + old + "\"");
        TestDatabase.execute("create table \"" + old + "\".rf_migrations (like \"" + tenancy.schemaFor("acme")
                + "\".rf_migrations including all)");
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void everyTenantIsReportedInOrderAsItIsDone() {
        List<TenantSyncProgress> reported = new ArrayList<>();
        List<Boolean> oldCurrentWhenReported = new ArrayList<>();
        Map<String, SchemaPlan> result = store.tenants().sync(progress -> {
            reported.add(progress);
            if (progress.tenant().equals("old")) {
                oldCurrentWhenReported.add(store.tenants().status("old").isCurrent());
            }
        });

        assertThat(reported).extracting(TenantSyncProgress::tenant).containsExactly("acme", "globex", "old");
        assertThat(reported).extracting(TenantSyncProgress::done).containsExactly(1, 2, 3);
        assertThat(reported).extracting(TenantSyncProgress::total).containsOnly(3);
        assertThat(reported.get(0).applied().pending()).isEmpty();
        assertThat(reported.get(2).applied().pending())
                .extracting(Migration::version)
                .containsExactlyElementsOf(store.schema().migrations().stream()
                        .map(Migration::version)
                        .toList());
        assertThat(oldCurrentWhenReported).containsExactly(true);
        assertThat(result.keySet()).containsExactly("acme", "globex", "old");
        assertThat(result.get("old")).isEqualTo(reported.get(2).applied());
    }

    @Test
    void aFailingListenerStopsTheSyncAtThatTenant() {
        assertThatThrownBy(() -> store.tenants().sync(progress -> {
                    throw new IllegalStateException("stop at " + progress.tenant());
                }))
                .hasMessage("stop at acme");
        assertThat(store.tenants().status("old").isCurrent()).isFalse();
        assertThat(store.tenants().sync()).containsOnlyKeys("acme", "globex", "old");
        assertThat(store.tenants().status("old").isCurrent()).isTrue();
    }
}
