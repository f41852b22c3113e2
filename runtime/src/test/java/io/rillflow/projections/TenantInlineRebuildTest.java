package io.rillflow.projections;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.annotations.ProjectionMode;
import io.rillflow.events.Event;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * With a schema per tenant, a rebuild of an {@code INLINE} projection requested in one tenant's schema is performed by
 * the root store's watcher in that tenant's schema, and touches no other.
 */
class TenantInlineRebuildTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aRequestInOneTenantsSchemaIsRebuiltThereAndNotInTheOther() throws InterruptedException {
        Duration poll = Duration.ofMillis(50);
        try (Store store = TestDatabase.storeBuilder(getClass())
                .tenancy(TestDatabase.freshTenancy())
                .projectionOptions(ProjectionOptions.defaults().withPollInterval(poll))
                .build()) {
            store.tenants().ensure("acme");
            store.tenants().ensure("globex");
            Recording recording = new Recording();
            store.projections().register(recording);
            UUID acmeStream = append(store.forTenant("acme"));
            append(store.forTenant("globex"));
            assertThat(recording.applied).hasSize(2);
            recording.applied.clear();

            // The watcher makes the projection's row in each tenant's schema within a poll interval.
            awaitRow(store.forTenant("acme"), "recording");
            awaitRow(store.forTenant("globex"), "recording");
            store.forTenant("acme").admin().requestProjectionRebuild("recording");
            awaitPerformed(store.forTenant("acme"), "recording");
            Thread.sleep(poll.multipliedBy(10).toMillis()); // time for a second rebuild, were there one

            assertThat(recording.rebuilds).hasValue(1);
            assertThat(recording.applied).as("the events replayed").containsExactly(acmeStream);
            assertThat(store.forTenant("globex").admin().projectionRebuildRequestedAt("recording"))
                    .isEmpty();
            assertThat(store.forTenant("acme")
                            .admin()
                            .projectionStatus("recording")
                            .checkpoint())
                    .isPositive();
            assertThat(store.forTenant("globex")
                            .admin()
                            .projectionStatus("recording")
                            .checkpoint())
                    .as("globex's row, which no rebuild moved")
                    .isZero();
        }
    }

    private static UUID append(Store store) {
        UUID stream = UUID.randomUUID();
        store.events().append(stream, Expected.noStream(), List.of(Event.of("Tick", Map.of())));
        return stream;
    }

    private static void awaitRow(Store store, String name) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!store.admin().projectionNames().contains(name)) {
            assertThat(System.nanoTime()).as("the row of " + name).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static void awaitPerformed(Store store, String name) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (store.admin().projectionRebuildRequestedAt(name).isPresent()) {
            assertThat(System.nanoTime())
                    .as("the request of " + name + " performed")
                    .isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** An inline projection that records the streams of the events it applies and counts its rebuilds. */
    private static final class Recording implements ProjectionHandler {
        final List<UUID> applied = new CopyOnWriteArrayList<>();
        final AtomicInteger rebuilds = new AtomicInteger();

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public ProjectionMode mode() {
            return ProjectionMode.INLINE;
        }

        @Override
        public Set<String> eventTypes() {
            return Set.of("Tick");
        }

        @Override
        public void apply(EventEnvelope event, ProjectionContext context) {
            applied.add(event.streamId());
        }

        @Override
        public void rebuild(ProjectionContext context) {
            rebuilds.incrementAndGet();
        }
    }
}
