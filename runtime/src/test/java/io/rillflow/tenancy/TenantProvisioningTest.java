package io.rillflow.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.InvalidIdentifierException;
import io.rillflow.Store;
import io.rillflow.TenantNotFoundException;
import io.rillflow.events.EventEnvelope;
import io.rillflow.projections.ProjectionContext;
import io.rillflow.projections.ProjectionHandler;
import io.rillflow.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Tenants are provisioned once, found, listed and dropped on real PostgreSQL; unknown and hostile ones are refused. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantProvisioningTest {
    record Note(String text) {}

    private TenancyStrategy.SchemaPerTenant tenancy;
    private Store store;

    @BeforeAll
    void open() {
        tenancy = TestDatabase.freshTenancy();
        store = TestDatabase.storeBuilder(getClass()).tenancy(tenancy).build();
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Test
    void aSingleTenantStoreRefusesTenants() {
        try (Store single = TestDatabase.store(getClass())) {
            assertThatThrownBy(() -> single.forTenant("acme"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("single tenancy; build it with .tenancy(TenancyStrategy.schemaPerTenant())");
            assertThatThrownBy(single::tenants).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void anUnknownTenantFailsFastAndCreatesNothing() {
        assertThatThrownBy(() -> store.forTenant("ghost"))
                .isInstanceOf(TenantNotFoundException.class)
                .hasMessageStartingWith("Tenant \"ghost\" is not provisioned: its schema \""
                        + tenancy.schemaFor("ghost") + "\" has no Rillflow tables")
                .extracting(e -> ((TenantNotFoundException) e).tenant())
                .isEqualTo("ghost");
        assertThat(schemaExists(tenancy.schemaFor("ghost"))).isFalse();
        assertThat(store.tenants().exists("ghost")).isFalse();
    }

    @Test
    void hostileIdsAreRefusedBeforeAnySql() {
        for (String hostile : List.of("x\"; drop schema public cascade; --", "\u0430cme", "a".repeat(10_240), "")) {
            assertThatThrownBy(() -> store.forTenant(hostile)).isInstanceOf(InvalidIdentifierException.class);
            assertThatThrownBy(() -> store.tenants().ensure(hostile)).isInstanceOf(InvalidIdentifierException.class);
            assertThatThrownBy(() -> store.tenants().drop(hostile, hostile))
                    .isInstanceOf(InvalidIdentifierException.class);
        }
        assertThatThrownBy(() -> store.forTenant(null))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessage("The tenant id must not be null");
        assertThat(schemaExists("public")).isTrue();
    }

    @Test
    void ensureProvisionsEveryMigrationAndTheTenantIsThenFoundAndListed() {
        assertThat(store.tenants().ensure("listed")).isTrue();
        assertThat(store.tenants().ensure("listed")).isFalse();

        String schema = tenancy.schemaFor("listed");
        assertThat(TestDatabase.count("select count(*) from \"" + schema + "\".rf_migrations"))
                .isEqualTo(store.schema().migrations().size());
        Store listed = store.forTenant("listed");
        assertThat(listed.schemaName()).isEqualTo(schema);
        assertThat(listed.tenant()).contains("listed");
        assertThat(store.tenant()).isEmpty();
        assertThat(store.forTenant("listed")).isSameAs(listed);
        assertThat(listed.forTenant("listed")).isSameAs(listed);
        assertThat(store.tenants().exists("listed")).isTrue();
        assertThat(store.tenants().list()).contains("listed").doesNotContain("ghost");
    }

    @Test
    void aTenantProvisionedByAnotherStoreIsFoundWithoutEnsure() {
        try (Store other =
                TestDatabase.storeBuilder(getClass()).tenancy(tenancy).build()) {
            other.tenants().ensure("elsewhere");
        }
        Store found = store.forTenant("elsewhere");
        UUID id = UUID.randomUUID();
        found.documents(Note.class, UUID.class).put(id, new Note("hi"));
        assertThat(found.documents(Note.class, UUID.class).load(id)).contains(new Note("hi"));
    }

    @Test
    void concurrentEnsureFromFourThreadsAndTwoStoresProvisionsOnce() throws Exception {
        try (Store second =
                TestDatabase.storeBuilder(getClass()).tenancy(tenancy).build()) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<Boolean>> calls = new ArrayList<>();
                for (Store s : List.of(store, second)) {
                    for (int i = 0; i < 4; i++) {
                        Callable<Boolean> ensure = () -> {
                            start.await();
                            return s.tenants().ensure("crowded");
                        };
                        calls.add(pool.submit(ensure));
                    }
                }
                start.countDown();
                int created = 0;
                for (Future<Boolean> call : calls) {
                    created += call.get() ? 1 : 0;
                }
                assertThat(created).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
            String schema = tenancy.schemaFor("crowded");
            assertThat(TestDatabase.count("select count(*) from \"" + schema + "\".rf_migrations"))
                    .isEqualTo(store.schema().migrations().size());
            second.forTenant("crowded").documents(Note.class, UUID.class).put(UUID.randomUUID(), new Note("x"));
            assertThat(store.forTenant("crowded")
                            .documents(Note.class, UUID.class)
                            .query()
                            .count())
                    .isEqualTo(1);
        }
    }

    @Test
    void dropRefusesWithoutConfirmationAndAfterwardsTheTenantIsNotFound() {
        store.tenants().ensure("doomed");
        Store doomed = store.forTenant("doomed");
        UUID id = UUID.randomUUID();
        doomed.documents(Note.class, UUID.class).put(id, new Note("keep me"));
        String schema = tenancy.schemaFor("doomed");

        for (String wrong : new String[] {null, "", "doomed", "public"}) {
            assertThatThrownBy(() -> store.tenants().drop("doomed", wrong))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Refusing to drop tenant \"doomed\": dropping deletes its schema \""
                            + schema + "\" and all its data for good; confirm by passing the schema name");
        }
        assertThat(doomed.documents(Note.class, UUID.class).load(id)).contains(new Note("keep me"));

        assertThat(store.tenants().drop("doomed", schema)).isTrue();
        assertThat(schemaExists(schema)).isFalse();
        assertThatThrownBy(() -> store.forTenant("doomed"))
                .isInstanceOf(TenantNotFoundException.class)
                .hasMessageContaining("\"doomed\"");
        assertThat(store.tenants().list()).doesNotContain("doomed");
        assertThat(store.tenants().drop("doomed", schema)).isFalse();
    }

    @Test
    void aTenantWhoseSchemaWouldBeTheStoresOwnIsRefused() {
        TenancyStrategy.SchemaPerTenant own = TestDatabase.freshTenancy();
        String schema = own.schemaFor("self");
        try (Store store = TestDatabase.storeBuilder(getClass())
                .schema(schema)
                .tenancy(own)
                .build()) {
            assertThatThrownBy(() -> store.tenants().ensure("self"))
                    .isInstanceOf(InvalidIdentifierException.class)
                    .hasMessage("Tenant \"self\" would live in schema \"" + schema + "\", the store's own schema;"
                            + " choose another tenant id or schema pattern");
            assertThatThrownBy(() -> store.tenants().drop("self", schema))
                    .isInstanceOf(InvalidIdentifierException.class);
            assertThat(store.tenants().list()).isEmpty();
            assertThat(schemaExists(schema)).isTrue();
        }
    }

    @Test
    void autoProvisionEnsuresOnFirstUse() {
        try (Store auto = TestDatabase.storeBuilder(getClass())
                .tenancy(TestDatabase.freshTenancy().withAutoProvision(true))
                .build()) {
            Store fresh = auto.forTenant("newcomer");
            assertThat(auto.tenants().exists("newcomer")).isTrue();
            fresh.documents(Note.class, UUID.class).put(UUID.randomUUID(), new Note("first"));
            assertThat(fresh.documents(Note.class, UUID.class).query().count()).isEqualTo(1);
        }
    }

    @Test
    void closingATenantsStoreLeavesThePoolOpenAndRegistrationsStayWithTheRoot() {
        store.tenants().ensure("closer");
        Store closer = store.forTenant("closer");
        closer.close();
        UUID id = UUID.randomUUID();
        closer.documents(Note.class, UUID.class).put(id, new Note("still open"));
        assertThat(store.forTenant("closer").documents(Note.class, UUID.class).load(id))
                .contains(new Note("still open"));

        ProjectionHandler handler = new ProjectionHandler() {
            @Override
            public String name() {
                return "notes";
            }

            @Override
            public void apply(EventEnvelope event, ProjectionContext context) {}
        };
        assertThatThrownBy(() -> closer.projections().register(handler))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("Register projections on the store the builder made, not on the store of tenant"
                        + " \"closer\": its registrations serve every tenant");
        assertThat(closer.projections().names()).isEqualTo(store.projections().names());
    }

    private static boolean schemaExists(String schema) {
        return TestDatabase.count("select count(*) from pg_namespace where nspname = ?", schema) == 1;
    }
}
