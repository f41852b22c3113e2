package io.rillflow.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rillflow.Store;
import io.rillflow.aggregates.AggregateDefinition;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.internal.LogContext;
import io.rillflow.processes.Dispatch;
import io.rillflow.processes.ProcessManagerHandler;
import io.rillflow.projections.ProjectionContext;
import io.rillflow.projections.ProjectionHandler;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.subscriptions.SubscriptionFilter;
import io.rillflow.subscriptions.SubscriptionHandle;
import io.rillflow.subscriptions.SubscriptionOptions;
import io.rillflow.subscriptions.TenantSubscriptionWorkers;
import io.rillflow.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * Process managers and subscriptions run per tenant: a process manager's commands go to the tenant's command bus, a
 * tenant's subscription delivers its tenant's events only, and the daemon's and workers' log context and meters name
 * the tenant.
 */
class TenantWorkersTest {
    record Written(String tenant, int n) {}

    record Record(String tenant, long source) {}

    record Recorded(String tenant, long source) {}

    /** An aggregate that records what it is told, to see in which tenant's schema a process manager's command ran. */
    static final class Ledger {
        static final AggregateDefinition<Ledger, String> DEFINITION = new AggregateDefinition<>(
                "ledger",
                Ledger.class,
                String.class,
                1,
                "ledger-1",
                Ledger::new,
                (state, event) -> state,
                (state, id, command, context) -> {
                    Record record = (Record) command;
                    return List.of(new Recorded(record.tenant(), record.source()));
                },
                List.of(Record.class));
    }

    /** Sends one Record per Written event, to the ledger "main". */
    static final class Recorder implements ProcessManagerHandler {
        @Override
        public String name() {
            return "recorder";
        }

        @Override
        public Set<Class<?>> eventClasses() {
            return Set.of(Written.class);
        }

        @Override
        public Set<Class<?>> commandTypes() {
            return Set.of(Record.class);
        }

        @Override
        public List<? extends Dispatch<?>> on(EventEnvelope event) {
            return List.of(
                    Dispatch.to("main", new Record(event.as(Written.class).tenant(), event.globalSeq())));
        }
    }

    /** Notes the tenant in the MDC while each Written event is applied. */
    static final class MdcWitness implements ProjectionHandler {
        final Map<String, String> seen = new ConcurrentHashMap<>();

        @Override
        public String name() {
            return "witness";
        }

        @Override
        public Set<Class<?>> eventClasses() {
            return Set.of(Written.class);
        }

        @Override
        public void apply(EventEnvelope event, ProjectionContext context) {
            String tenant = MDC.get(LogContext.TENANT);
            seen.put(event.as(Written.class).tenant(), tenant == null ? "(none)" : tenant);
        }
    }

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private Store store;

    @BeforeEach
    void open() {
        store = TestDatabase.storeBuilder(getClass())
                .eventType("Written", Written.class)
                .eventType("Recorded", Recorded.class)
                .aggregate(Ledger.DEFINITION)
                .tenancy(TestDatabase.freshTenancy())
                .meterRegistry(registry)
                .projectionOptions(ProjectionOptions.defaults().withPollInterval(Duration.ofMillis(50)))
                .build();
        store.tenants().ensure("acme");
        store.tenants().ensure("globex");
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aProcessManagersCommandsGoToTheCommandBusOfTheEventsTenant() {
        store.processManagers().register(new Recorder());
        append(store.forTenant("acme"), "acme", 2);
        append(store.forTenant("globex"), "globex", 3);
        append(store, "root", 1);

        store.processManagers().runUntilIdle();

        UUID ledger = Ledger.DEFINITION.streamId("main");
        assertThat(recorded(store.forTenant("acme"), ledger)).hasSize(2).allMatch(r -> r.tenant()
                .equals("acme"));
        assertThat(recorded(store.forTenant("globex"), ledger)).hasSize(3).allMatch(r -> r.tenant()
                .equals("globex"));
        assertThat(recorded(store, ledger)).extracting(Recorded::tenant).containsExactly("root");
        assertThat(store.forTenant("acme").processManagers().status("recorder").lagEvents())
                .isZero();
        assertThatThrownBy(() -> store.forTenant("acme").processManagers().register(new Recorder()))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("tenant \"acme\"");
    }

    @Test
    void aTenantsSubscriptionDeliversItsTenantsEventsOnlyWithTheTenantInTheMdc() throws Exception {
        List<String> acmeSaw = new CopyOnWriteArrayList<>();
        List<String> globexSaw = new CopyOnWriteArrayList<>();
        List<SubscriptionHandle> handles = new ArrayList<>();
        for (String tenant : List.of("acme", "globex")) {
            List<String> saw = tenant.equals("acme") ? acmeSaw : globexSaw;
            Store view = store.forTenant(tenant);
            view.subscriptions().create("mailer", SubscriptionFilter.all().withEventTypes("Written"), 0);
            handles.add(view.subscriptions()
                    .subscribe(
                            "mailer",
                            SubscriptionOptions.defaults().withPollInterval(Duration.ofMillis(50)),
                            (event, handle) ->
                                    saw.add(event.as(Written.class).tenant() + "@" + MDC.get(LogContext.TENANT))));
        }
        append(store.forTenant("acme"), "acme", 2);
        append(store.forTenant("globex"), "globex", 3);
        append(store, "root", 4);

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while ((acmeSaw.size() < 2 || globexSaw.size() < 3) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(200); // anything else delivered would arrive meanwhile

        assertThat(acmeSaw).containsExactly("acme@acme", "acme@acme");
        assertThat(globexSaw).containsExactly("globex@globex", "globex@globex", "globex@globex");
        assertThat(store.forTenant("acme")
                        .subscriptions()
                        .status("mailer", "default")
                        .lastSeq())
                .isEqualTo(2);
        assertThat(store.subscriptions().list()).isEmpty();
        assertThat(registry.get("rillflow.subscription.delivered")
                        .tag("tenant", "globex")
                        .counter()
                        .count())
                .isEqualTo(3);
        // Closing the store the builder made stops the tenants' workers too.
        store.close();
        assertThat(handles).allSatisfy(h -> assertThat(h.slots()).isEmpty());
    }

    @Test
    void oneSubscriptionRunsInEveryTenantIncludingOnesProvisionedLaterAndLeavesDroppedOnes() throws Exception {
        List<String> saw = new CopyOnWriteArrayList<>();
        SubscriptionOptions options = SubscriptionOptions.defaults().withPollInterval(Duration.ofMillis(50));
        try (TenantSubscriptionWorkers workers = store.subscriptions()
                .subscribeEachTenant(
                        "audit",
                        SubscriptionFilter.all().withEventTypes("Written"),
                        0,
                        options,
                        (tenant, event, handle) -> saw.add(
                                tenant + ":" + event.as(Written.class).tenant() + "@" + MDC.get(LogContext.TENANT)))) {
            assertThat(workers.tenants()).containsExactly("acme", "globex");
            store.tenants().ensure("newco");
            append(store.forTenant("acme"), "acme", 1);
            append(store.forTenant("newco"), "newco", 2);
            append(store, "root", 1);
            awaitSize(saw, 3);

            store.tenants().drop("globex", store.forTenant("globex").schemaName());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (workers.tenants().contains("globex") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(workers.tenants()).containsExactly("acme", "newco");
            append(store.forTenant("acme"), "acme", 1);
            awaitSize(saw, 4);
            assertThat(saw)
                    .containsExactlyInAnyOrder(
                            "acme:acme@acme", "newco:newco@newco", "newco:newco@newco", "acme:acme@acme");
            assertThat(workers.worker("acme")).isPresent();
        }
        assertThatThrownBy(() -> store.forTenant("acme")
                        .subscriptions()
                        .subscribeEachTenant(
                                "x", SubscriptionFilter.all(), 0, SubscriptionOptions.defaults(), (t, e, h) -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("store.forTenant(tenant).subscriptions()");
    }

    private static void awaitSize(List<String> list, int size) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (list.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(200); // anything more delivered would arrive meanwhile
        assertThat(list).hasSize(size);
    }

    @Test
    void theDaemonAppliesEachTenantsEventsWithTheTenantInTheMdcAndOnTheMeters() {
        MdcWitness witness = new MdcWitness();
        store.projections().register(witness);
        append(store.forTenant("acme"), "acme", 1);
        append(store.forTenant("globex"), "globex", 2);
        append(store, "root", 1);

        store.projections().runUntilIdle();

        assertThat(witness.seen).isEqualTo(Map.of("acme", "acme", "globex", "globex", "root", "(none)"));
        assertThat(registry.get("rillflow.projection.events")
                        .tag("projection", "witness")
                        .tag("tenant", "globex")
                        .counter()
                        .count())
                .isEqualTo(2);
        assertThat(registry.find("rillflow.projection.events").tag("projection", "witness").counters().stream()
                        .filter(c -> c.getId().getTag("tenant") == null)
                        .mapToDouble(c -> c.count())
                        .sum())
                .isEqualTo(1);
    }

    private static void append(Store store, String tenant, int events) {
        List<Object> written = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            written.add(new Written(tenant, i));
        }
        store.events().append(UUID.randomUUID(), Expected.noStream(), written);
    }

    private static List<Recorded> recorded(Store store, UUID stream) {
        return store.events().readStream(stream).stream()
                .map(e -> e.as(Recorded.class))
                .toList();
    }
}
