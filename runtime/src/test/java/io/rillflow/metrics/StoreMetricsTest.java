package io.rillflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rillflow.ConcurrencyException;
import io.rillflow.Store;
import io.rillflow.documents.DocumentCollection;
import io.rillflow.documents.Versioned;
import io.rillflow.events.Event;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.metrics.internal.StoreMetrics;
import io.rillflow.projections.ProjectionContext;
import io.rillflow.projections.ProjectionHandler;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.store.internal.StoreAccess;
import io.rillflow.subscriptions.SubscriptionFilter;
import io.rillflow.subscriptions.SubscriptionHandle;
import io.rillflow.subscriptions.SubscriptionOptions;
import io.rillflow.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The store's meters after real operations on PostgreSQL, read from a SimpleMeterRegistry. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoreMetricsTest {
    record Account(String owner, int balance) {}

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private Store store;

    @BeforeAll
    void open() {
        store = TestDatabase.storeBuilder(getClass())
                .meterRegistry(registry)
                .projectionOptions(ProjectionOptions.defaults().withMaxAttempts(1))
                .build();
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Test
    void documentReadsWritesAndConflictsAreCountedPerDocumentType() {
        DocumentCollection<Account, UUID> accounts = store.documents(Account.class, UUID.class, "metered_account");
        UUID id = UUID.randomUUID();
        long version = accounts.put(id, new Account("ann", 1));
        accounts.put(id, new Account("ann", 2), version);
        accounts.get(id);
        accounts.load(UUID.randomUUID());

        assertThatThrownBy(() -> accounts.put(id, new Account("ann", 3), version))
                .isInstanceOf(ConcurrencyException.class);

        assertThat(documents("rillflow.documents.writes")).isEqualTo(2);
        assertThat(documents("rillflow.documents.reads")).isEqualTo(2);
        assertThat(documents("rillflow.documents.conflicts")).isEqualTo(1);
    }

    @Test
    void bulkWritesCountEachDocument() {
        DocumentCollection<Account, UUID> accounts = store.documents(Account.class, UUID.class, "bulk_account");
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        Map<UUID, Long> versions = accounts.bulkPut(Map.of(a, new Account("a", 1), b, new Account("b", 2)));
        accounts.bulkInsert(Map.of(UUID.randomUUID(), new Account("c", 3)));
        accounts.softDeleteAll(List.of(a));

        assertThatThrownBy(
                        () -> accounts.bulkUpdate(Map.of(b, new Versioned<>(new Account("b", 4), versions.get(b) + 1))))
                .isInstanceOf(ConcurrencyException.class);

        assertThat(registry.get("rillflow.documents.writes")
                        .tag("document", "bulk_account")
                        .counter()
                        .count())
                .isEqualTo(4);
        assertThat(registry.get("rillflow.documents.conflicts")
                        .tag("document", "bulk_account")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void appendsCountAppendsEventsAndConflicts() {
        double appends = counter("rillflow.events.appends");
        double events = counter("rillflow.events.appended");
        double conflicts = counter("rillflow.events.conflicts");
        UUID stream = UUID.randomUUID();
        store.events().append(stream, Expected.noStream(), List.of(event("A"), event("B"), event("C")));

        assertThatThrownBy(() -> store.events().append(stream, Expected.noStream(), List.of(event("D"))))
                .isInstanceOf(ConcurrencyException.class);

        assertThat(counter("rillflow.events.appends") - appends).isEqualTo(1);
        assertThat(counter("rillflow.events.appended") - events).isEqualTo(3);
        assertThat(counter("rillflow.events.conflicts") - conflicts).isEqualTo(1);
    }

    @Test
    void statementsAreTimedByKind() {
        long selects = timerCount("select");
        long inserts = timerCount("insert");
        DocumentCollection<Account, UUID> accounts = store.documents(Account.class, UUID.class, "timed_account");
        UUID id = UUID.randomUUID();
        accounts.insert(id, new Account("bob", 1));
        accounts.get(id);
        accounts.get(id);

        assertThat(timerCount("select") - selects).isGreaterThanOrEqualTo(2);
        assertThat(timerCount("insert") - inserts).isGreaterThanOrEqualTo(1);
        assertThat(registry.get("rillflow.query.duration")
                        .tag("kind", "select")
                        .timer()
                        .totalTime(java.util.concurrent.TimeUnit.NANOSECONDS))
                .isPositive();
    }

    @Test
    void projectionBatchesEventsLagAndDeadLettersAreMeasured() throws Exception {
        store.projections().register(new ProjectionHandler() {
            @Override
            public String name() {
                return "metered";
            }

            @Override
            public void apply(EventEnvelope event, ProjectionContext context) {
                if (event.type().equals("Poison")) {
                    throw new IllegalStateException("poisoned");
                }
            }
        });
        UUID stream = UUID.randomUUID();
        store.events().append(stream, Expected.any(), List.of(event("Ok"), event("Ok")));
        store.events().append(stream, Expected.any(), List.of(event("Poison")));

        store.projections().runUntilIdle();

        assertThat(registry.get("rillflow.projection.events")
                        .tag("projection", "metered")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(2);
        assertThat(registry.get("rillflow.projection.dead.lettered")
                        .tag("projection", "metered")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("rillflow.projection.batch.duration")
                        .tag("projection", "metered")
                        .timer()
                        .count())
                .isPositive();
        assertThat(registry.get("rillflow.projection.lag.events")
                        .tag("projection", "metered")
                        .gauge()
                        .value())
                .isZero();
        // runUntilIdle keeps the lease it took, as the stored row shows
        assertThat(store.admin().projectionStatus("metered").leaseHolder()).isNotNull();
        assertThat(registry.get("rillflow.projection.lease.held")
                        .tag("projection", "metered")
                        .gauge()
                        .value())
                .isEqualTo(1);
    }

    @Test
    void subscriptionDeliveriesAndPendingEventsAreMeasuredPerGroup() throws Exception {
        UUID stream = UUID.randomUUID();
        store.subscriptions().create("metered", SubscriptionFilter.all().withStreamIds(stream), 0);
        store.events().append(stream, Expected.any(), List.of(event("A"), event("B")));
        SubscriptionOptions options = SubscriptionOptions.defaults().withPollInterval(Duration.ofMillis(50));
        try (SubscriptionHandle handle = store.subscriptions().subscribe("metered", options, (e, h) -> {})) {
            assertThat(eventually(() -> subscription("rillflow.subscription.acknowledged") == 2))
                    .isTrue();
            assertThat(subscription("rillflow.subscription.delivered")).isEqualTo(2);
            assertThat(registry.get("rillflow.subscription.pending")
                            .tags("subscription", "metered", "group", "default")
                            .gauge()
                            .value())
                    .isZero();
        }
    }

    @Test
    void thePoolReportsThroughHikariCpsOwnMeters() {
        assertThat(registry.get("hikaricp.connections.active")
                        .tag("pool", "rillflow-" + store.schemaName())
                        .gauge()
                        .value())
                .isNotNegative();
        assertThat(registry.get("hikaricp.connections.max").gauge().value()).isEqualTo(12);
    }

    @Test
    void slowStatementsAreCountedOverTheThresholdOnly() {
        SimpleMeterRegistry slowRegistry = new SimpleMeterRegistry();
        SimpleMeterRegistry fastRegistry = new SimpleMeterRegistry();
        try (Store slow = TestDatabase.storeBuilder(getClass())
                        .meterRegistry(slowRegistry)
                        .slowQueryThreshold(Duration.ofNanos(1))
                        .build();
                Store fast = TestDatabase.storeBuilder(getClass())
                        .meterRegistry(fastRegistry)
                        .slowQueryThreshold(Duration.ofHours(1))
                        .build()) {
            for (Store s : List.of(slow, fast)) {
                s.documents(Account.class, UUID.class).get(UUID.randomUUID());
            }
        }
        double selects = slowRegistry
                .get("rillflow.query.duration")
                .tag("kind", "select")
                .timer()
                .count();
        assertThat(selects).isPositive();
        assertThat(slowRegistry
                        .get("rillflow.query.slow")
                        .tag("kind", "select")
                        .counter()
                        .count())
                .isEqualTo(selects);
        assertThat(fastRegistry
                        .get("rillflow.query.slow")
                        .tag("kind", "select")
                        .counter()
                        .count())
                .isZero();
    }

    @Test
    void aStoreWithoutARegistryMeasuresNothing() {
        try (Store plain = TestDatabase.store(getClass())) {
            StoreMetrics metrics = StoreAccess.contextOf(plain).database().metrics();
            assertThat(metrics).isSameAs(StoreMetrics.NONE);
            assertThat(metrics.timesStatements()).isFalse();
            assertThat(metrics.documents("any")).isSameAs(StoreMetrics.Documents.NONE);
        }
    }

    private double documents(String name) {
        return registry.get(name).tag("document", "metered_account").counter().count();
    }

    private double counter(String name) {
        return registry.get(name).counter().count();
    }

    private double subscription(String name) {
        return registry.get(name)
                .tags("subscription", "metered", "group", "default")
                .counter()
                .count();
    }

    private long timerCount(String kind) {
        return registry.get("rillflow.query.duration").tag("kind", kind).timer().count();
    }

    private static Event event(String type) {
        return Event.of(type, Map.of("n", 1));
    }

    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }
}
