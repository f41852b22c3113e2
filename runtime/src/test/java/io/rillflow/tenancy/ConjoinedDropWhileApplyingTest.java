package io.rillflow.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.projections.ProjectionContext;
import io.rillflow.projections.ProjectionDaemon;
import io.rillflow.projections.ProjectionHandler;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A conjoined daemon with auto-provisioning applies a batch that holds events of a tenant dropped (by another store)
 * after the batch read them: it must not provision the tenant again to apply them. The batch fails, is read again
 * without the dropped tenant's events, and the tenant stays dropped.
 */
class ConjoinedDropWhileApplyingTest {
    record Noted(String tenant) {}

    /** Holds the first event of tenant "first" until released, so a drop can happen between read and apply. */
    static final class Gate implements ProjectionHandler {
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public String name() {
            return "gate";
        }

        @Override
        public Set<Class<?>> eventClasses() {
            return Set.of(Noted.class);
        }

        @Override
        public void apply(EventEnvelope event, ProjectionContext context) throws Exception {
            if (event.as(Noted.class).tenant().equals("first") && reached.getCount() > 0) {
                reached.countDown();
                assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    @Test
    void aTenantDroppedBetweenReadAndApplyIsNotProvisionedAgain() throws Exception {
        String schema = TestDatabase.freshSchema(getClass());
        Gate gate = new Gate();
        try (Store daemonNode = Store.builder(TestDatabase.jdbcUrl())
                        .schema(schema)
                        .tenancy(TenancyStrategy.conjoined().withAutoProvision(true))
                        .eventType("Noted", Noted.class)
                        .projectionOptions(ProjectionOptions.defaults()
                                .withPollInterval(Duration.ofMillis(50))
                                .withMaxAttempts(50))
                        .build();
                Store admin = Store.builder(TestDatabase.jdbcUrl())
                        .schema(schema)
                        .tenancy(TenancyStrategy.conjoined())
                        .eventType("Noted", Noted.class)
                        .build()) {
            daemonNode.projections().register(gate);
            // Provisioned and written by the other store only: the daemon's store has never seen "doomed".
            admin.tenants().ensure("first");
            admin.tenants().ensure("doomed");
            admin.forTenant("first").events().append(UUID.randomUUID(), Expected.any(), List.of(new Noted("first")));
            admin.forTenant("doomed").events().append(UUID.randomUUID(), Expected.any(), List.of(new Noted("doomed")));
            try (ProjectionDaemon daemon = daemonNode.projections().start()) {
                assertThat(gate.reached.await(30, TimeUnit.SECONDS)).isTrue();
                // The batch has read both events; "doomed" goes before it reaches that tenant's event.
                assertThat(admin.tenants().drop("doomed", "doomed")).isTrue();
                gate.release.countDown();
                daemonNode.projections().waitForNonStale(Duration.ofSeconds(30));
                assertThat(daemon.isRunning()).isTrue();
            }
            assertThat(admin.tenants().exists("doomed")).isFalse();
            assertThat(admin.tenants().list()).containsExactly("first");
            assertThat(daemonNode.projections().deadLetters("gate")).isEmpty();
        }
    }
}
