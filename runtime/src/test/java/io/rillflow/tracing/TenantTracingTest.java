package io.rillflow.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.aggregates.CommandContext;
import io.rillflow.annotations.ProjectionMode;
import io.rillflow.events.EventEnvelope;
import io.rillflow.projections.ProjectionContext;
import io.rillflow.projections.ProjectionHandler;
import io.rillflow.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The breadcrumbs of a tenant's store name the tenant; the store's own name none. */
class TenantTracingTest {
    private static final UUID ACME = UUID.fromString("c0ffee00-0000-4000-8000-00000000acee");
    private static final UUID ROOT = UUID.fromString("c0ffee00-0000-4000-8000-000000000002");

    private record Ledger() implements ProjectionHandler {
        @Override
        public String name() {
            return "ledger";
        }

        @Override
        public ProjectionMode mode() {
            return ProjectionMode.INLINE;
        }

        @Override
        public Set<String> eventTypes() {
            return Set.of("Opened");
        }

        @Override
        public void apply(EventEnvelope event, ProjectionContext context) {}
    }

    private Store store;

    @BeforeEach
    void open() {
        store = Account.register(TestDatabase.storeBuilder(getClass()))
                .tracing(true)
                .tenancy(TestDatabase.freshTenancy())
                .build();
        store.tenants().ensure("acme");
        store.projections().register(new Ledger());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void commandAppendAndInlineProjectionOfATenantNameIt() {
        Store acme = store.forTenant("acme");
        new Account.Repository(acme)
                .execute(
                        "acc-1",
                        new Account.Open("ada", 10),
                        CommandContext.empty().withCorrelationId(ACME));
        new Account.Repository(store)
                .execute(
                        "acc-1",
                        new Account.Open("bob", 5),
                        CommandContext.empty().withCorrelationId(ROOT));

        List<Breadcrumb> traced = store.tracing().breadcrumbs(ACME);
        assertThat(traced)
                .extracting(Breadcrumb::kind)
                .containsExactly(Tracing.COMMAND, Tracing.PROJECTION, Tracing.APPEND, Tracing.COMMAND);
        assertThat(traced)
                .allSatisfy(crumb ->
                        assertThat(crumb.data().keySet().iterator().next()).isEqualTo("tenant"));
        assertThat(traced).extracting(crumb -> crumb.data().get("tenant")).containsOnly("acme");
        assertThat(store.tracing().mermaid(ACME)).contains("tenant=acme");
        assertThat(store.tracing().breadcrumbs(ROOT)).hasSize(4).allSatisfy(crumb -> assertThat(crumb.data())
                .doesNotContainKey("tenant"));
        // The view reads the one sink.
        assertThat(acme.tracing().breadcrumbs(ROOT)).isEqualTo(store.tracing().breadcrumbs(ROOT));
    }

    @Test
    void anApplicationsBreadcrumbThroughATenantsStoreCannotNameAnotherTenant() {
        store.forTenant("acme").tracing().record("job-1", "job", "billing", Map.of("tenant", "globex", "run", 3));
        assertThat(store.tracing().breadcrumbs("job-1")).singleElement().satisfies(crumb -> assertThat(crumb.data())
                .containsExactly(Map.entry("tenant", "acme"), Map.entry("run", "3")));
    }
}
