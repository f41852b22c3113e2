package io.rillflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rillflow.Store;
import io.rillflow.events.Event;
import io.rillflow.events.Expected;
import io.rillflow.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A tenant's document and append meters carry its tenant tag; the store's own carry none. */
class TenantMetricsTest {
    record Note(String text) {}

    @Test
    void documentAndAppendMetersAreTaggedWithTheTenant() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Store store = open(registry)) {
            Store acme = store.forTenant("acme");
            acme.documents(Note.class, UUID.class).put(UUID.randomUUID(), new Note("acme's"));
            acme.documents(Note.class, UUID.class).load(UUID.randomUUID());
            acme.events().append(UUID.randomUUID(), Expected.noStream(), List.of(Event.of("Noted", Map.of())));
            store.forTenant("globex").documents(Note.class, UUID.class).put(UUID.randomUUID(), new Note("globex's"));
            store.documents(Note.class, UUID.class).put(UUID.randomUUID(), new Note("root's"));

            assertThat(count(registry, "rillflow.documents.writes", "acme")).isEqualTo(1);
            assertThat(count(registry, "rillflow.documents.reads", "acme")).isEqualTo(1);
            assertThat(count(registry, "rillflow.documents.writes", "globex")).isEqualTo(1);
            assertThat(count(registry, "rillflow.events.appends", "acme")).isEqualTo(1);
            assertThat(count(registry, "rillflow.events.appended", "acme")).isEqualTo(1);
            assertThat(registry.find("rillflow.events.appends")
                            .tag("tenant", "globex")
                            .counter())
                    .isNotNull()
                    .extracting(Counter::count)
                    .isEqualTo(0.0);
            Counter root = registry.find("rillflow.documents.writes").tag("document", "note").counters().stream()
                    .filter(c -> c.getId().getTag("tenant") == null)
                    .findFirst()
                    .orElseThrow();
            assertThat(root.count()).isEqualTo(1);
        }
    }

    @Test
    void prometheusScrapesTheTenantsMetersBesideTheStoresOwn() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (Store store = open(prometheus)) {
            store.documents(Note.class, UUID.class).put(UUID.randomUUID(), new Note("root's"));
            store.forTenant("acme").documents(Note.class, UUID.class).put(UUID.randomUUID(), new Note("acme's"));

            assertThat(prometheus.scrape())
                    .contains("rillflow_documents_writes_total{document=\"note\"} 1.0")
                    .contains("rillflow_documents_writes_total{document=\"note\",tenant=\"acme\"} 1.0");
        }
    }

    @Test
    void statementTimersOfATenantCarryItsTagAndTheStoresStayItsOwn() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Store store = open(registry)) {
            Store acme = store.forTenant("acme");
            long rootBefore = statements(registry, null);
            long acmeBefore = statements(registry, "acme");
            long globexBefore = statements(registry, "globex");
            acme.documents(Note.class, UUID.class).put(UUID.randomUUID(), new Note("acme's"));
            acme.documents(Note.class, UUID.class).load(UUID.randomUUID());
            acme.events().append(UUID.randomUUID(), Expected.noStream(), List.of(Event.of("Noted", Map.of())));

            assertThat(statements(registry, "acme")).isGreaterThanOrEqualTo(acmeBefore + 3);
            assertThat(registry.find("rillflow.query.duration")
                            .tag("tenant", "acme")
                            .tag("kind", "select")
                            .timer())
                    .isNotNull();
            assertThat(statements(registry, "globex")).isEqualTo(globexBefore);
            assertThat(statements(registry, null)).isEqualTo(rootBefore);

            store.documents(Note.class, UUID.class).load(UUID.randomUUID());
            assertThat(statements(registry, null)).isGreaterThan(rootBefore);
        }
    }

    /** The statements timed for {@code tenant}, or for the store itself when null. */
    private static long statements(MeterRegistry registry, String tenant) {
        return registry.find("rillflow.query.duration").timers().stream()
                .filter(t -> Objects.equals(t.getId().getTag("tenant"), tenant))
                .mapToLong(Timer::count)
                .sum();
    }

    private static Store open(MeterRegistry registry) {
        Store store = TestDatabase.storeBuilder(TenantMetricsTest.class)
                .tenancy(TestDatabase.freshTenancy())
                .meterRegistry(registry)
                .build();
        store.tenants().ensure("acme");
        store.tenants().ensure("globex");
        return store;
    }

    private static double count(MeterRegistry registry, String name, String tenant) {
        return registry.get(name).tag("tenant", tenant).counter().count();
    }
}
