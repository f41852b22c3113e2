package io.rillflow.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.InvalidIdentifierException;
import io.rillflow.SchemaDriftException;
import io.rillflow.Store;
import io.rillflow.TenantNotFoundException;
import io.rillflow.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tenants of a conjoined store: provisioning, listing, status, dropping, and the schema they share. */
class ConjoinedTenantsTest {
    record Note(String text) {}

    private String schema;
    private Store store;

    @BeforeEach
    void open() {
        schema = TestDatabase.freshSchema(getClass());
        store = conjoined(TenancyStrategy.conjoined());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Store conjoined(TenancyStrategy strategy) {
        return Store.builder(TestDatabase.jdbcUrl())
                .schema(schema)
                .tenancy(strategy)
                .build();
    }

    @Test
    void ensureProvisionsOnceAndListsTenantsInOrder() {
        assertThat(store.tenants().ensure("globex")).isTrue();
        assertThat(store.tenants().ensure("acme")).isTrue();
        assertThat(store.tenants().ensure("acme")).isFalse();

        assertThat(store.tenants().list()).containsExactly("acme", "globex");
        assertThat(store.tenants().exists("acme")).isTrue();
        assertThat(store.tenants().exists("initech")).isFalse();
        assertThat(store.forTenant("acme").tenant()).contains("acme");
        assertThat(store.forTenant("acme").schemaName()).isEqualTo(schema);
        assertThat(store.forTenant("acme")).isSameAs(store.forTenant("acme"));
    }

    @Test
    void concurrentEnsureFromTwoStoresProvisionsOnce() throws Exception {
        try (Store other = conjoined(TenancyStrategy.conjoined())) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Callable<Boolean>> calls = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    Store s = i % 2 == 0 ? store : other;
                    calls.add(() -> s.tenants().ensure("acme"));
                }
                int created = 0;
                for (Future<Boolean> f : pool.invokeAll(calls)) {
                    created += f.get() ? 1 : 0;
                }
                assertThat(created).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(TestDatabase.count("select count(*) from \"" + schema + "\".rf_tenants"))
                .isEqualTo(1);
    }

    @Test
    void anUnknownTenantIsRefusedUnlessAutoProvisioned() {
        assertThatThrownBy(() -> store.forTenant("initech"))
                .isInstanceOf(TenantNotFoundException.class)
                .hasMessageContaining("\"initech\" is not provisioned")
                .hasMessageContaining("withAutoProvision(true)");
        assertThat(store.tenants().list()).isEmpty();

        try (Store auto = conjoined(TenancyStrategy.conjoined().withAutoProvision(true))) {
            assertThat(auto.forTenant("initech").tenant()).contains("initech");
        }
        assertThat(store.tenants().list()).containsExactly("initech");
    }

    @Test
    void hostileTenantIdsAreRefusedBeforeAnySql() {
        for (String hostile :
                List.of("", "Acme", "a'; drop table x; --", "\u0430cme", "*DEFAULT*", "a".repeat(10_000))) {
            assertThatThrownBy(() -> store.tenants().ensure(hostile))
                    .as(hostile.length() > 40 ? "10 kB id" : hostile)
                    .isInstanceOf(InvalidIdentifierException.class);
            assertThatThrownBy(() -> store.forTenant(hostile)).isInstanceOf(InvalidIdentifierException.class);
        }
        assertThatThrownBy(() -> store.tenants().ensure(null)).isInstanceOf(InvalidIdentifierException.class);
        assertThat(store.tenants().list()).isEmpty();
    }

    @Test
    void statusIsTheSharedSchemasAndUnknownTenantsAreNotFound() {
        store.tenants().ensure("acme");
        TenantStatus status = store.tenants().status("acme");
        assertThat(status.tenant()).isEqualTo("acme");
        assertThat(status.isCurrent()).isTrue();
        assertThat(status.schema().applied())
                .anySatisfy(m -> assertThat(m.name()).isEqualTo("tenants"));
        assertThatThrownBy(() -> store.tenants().status("initech")).isInstanceOf(TenantNotFoundException.class);
        assertThat(store.tenants().sync()).containsOnlyKeys("acme");
    }

    @Test
    void dropNeedsTheTenantIdAsConfirmationAndForgetsTheTenant() {
        store.tenants().ensure("acme");
        assertThatThrownBy(() -> store.tenants().drop("acme", "yes"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("confirm by passing the tenant id");
        assertThat(store.tenants().exists("acme")).isTrue();

        assertThat(store.tenants().drop("acme", "acme")).isTrue();
        assertThat(store.tenants().exists("acme")).isFalse();
        assertThatThrownBy(() -> store.forTenant("acme")).isInstanceOf(TenantNotFoundException.class);
        assertThat(store.tenants().drop("acme", "acme")).isFalse();
    }

    @Test
    void aConjoinedSchemaRefusesAStoreThatIsNotConjoined() {
        assertThatThrownBy(() ->
                        Store.builder(TestDatabase.jdbcUrl()).schema(schema).build())
                .isInstanceOf(SchemaDriftException.class)
                .hasMessageContaining("\"" + schema + "\" is conjoined")
                .hasMessageContaining("TenancyStrategy.conjoined()");
    }

    @Test
    void aSingleTenantSchemaBecomesConjoinedKeepingItsRowsAsTheDefaultTenant() {
        String single = TestDatabase.freshSchema(getClass());
        try (Store before = Store.builder(TestDatabase.jdbcUrl()).schema(single).build()) {
            assertThat(before.tenant()).isEmpty();
        }
        try (Store after = Store.builder(TestDatabase.jdbcUrl())
                .schema(single)
                .tenancy(TenancyStrategy.conjoined())
                .build()) {
            assertThat(after.schema().status().isCurrent()).isTrue();
            assertThat(TestDatabase.count(
                            "select count(*) from \"" + single + "\".rf_migrations where version >= 1000"))
                    .isPositive();
        }
    }
    /**
     * A tenant dropped by another store: this store's held tenant store is refused within about a second of the drop
     * (before, it went on writing rows under the dropped id), and the tenant ensured again starts empty.
     */
    @Test
    void aTenantDroppedByAnotherStoreIsRefusedHereWithinASecond() throws Exception {
        store.tenants().ensure("acme");
        Store held = store.forTenant("acme");
        var notes = held.documents(Note.class, String.class, "note");
        notes.put("n1", new Note("before"));
        try (Store other = conjoined(TenancyStrategy.conjoined())) {
            assertThat(other.tenants().drop("acme", "acme")).isTrue();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        RuntimeException refused = null;
        while (refused == null && System.nanoTime() < deadline) {
            try {
                notes.put("late-" + System.nanoTime(), new Note("late"));
                Thread.sleep(50);
            } catch (TenantNotFoundException e) {
                refused = e;
            }
        }
        assertThat(refused).isNotNull().hasMessageContaining("acme");
        long lateRows =
                TestDatabase.count("select count(*) from \"" + schema + "\".rf_doc_note where tenant_id = 'acme'");
        // Refused for good: nothing more lands under the dropped id.
        assertThatThrownBy(() -> notes.put("after", new Note("after"))).isInstanceOf(TenantNotFoundException.class);
        assertThat(TestDatabase.count("select count(*) from \"" + schema + "\".rf_doc_note where tenant_id = 'acme'"))
                .isEqualTo(lateRows);
        assertThat(store.tenants().list()).doesNotContain("acme");

        // Provisioned again, the tenant starts empty: rows written in the moment before the drop was seen (one
        // written here by hand, so there is one whatever the timing) are gone.
        TestDatabase.execute("insert into \"" + schema + "\".rf_streams (tenant_id, id, type)"
                + " values ('acme', gen_random_uuid(), 'orphan')");
        assertThat(store.tenants().ensure("acme")).isTrue();
        assertThat(TestDatabase.count("select count(*) from \"" + schema + "\".rf_streams where tenant_id = 'acme'"))
                .isZero();
        assertThat(TestDatabase.count("select count(*) from \"" + schema + "\".rf_doc_note where tenant_id = 'acme'"))
                .isZero();
        notes.put("again", new Note("again"));
        assertThat(notes.get("again")).isPresent();
        assertThat(notes.get("n1")).isEmpty();
    }
}
