package io.rillflow.subscriptions;

import static io.rillflow.subscriptions.SubscriptionTesting.append;
import static io.rillflow.subscriptions.SubscriptionTesting.eventually;
import static io.rillflow.subscriptions.SubscriptionTesting.fast;
import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.testing.LogCapture;
import io.rillflow.testing.TestDatabase;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** A subscription worker's log lines carry the subscription, group, schema and worker in the MDC. */
class SubscriptionLogContextTest {
    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void aHandlerFailureIsLoggedWithTheWorkersKeys() throws Exception {
        try (Store store = TestDatabase.storeBuilder(getClass()).build();
                LogCapture log = LogCapture.attach()) {
            UUID stream = UUID.randomUUID();
            store.subscriptions().create("mdc", SubscriptionFilter.all().withStreamIds(stream), 0);
            String failed = "Subscription mdc group default worker w-mdc: handler error";
            try (SubscriptionHandle h = store.subscriptions().subscribe("mdc", fast("w-mdc"), (e, handle) -> {
                throw new IllegalStateException("cannot handle " + e.globalSeq());
            })) {
                append(store, stream, "Ping");
                assertThat(eventually(() -> !log.containing(failed).isEmpty())).isTrue();
            }

            assertThat(log.containing(failed).get(0).mdc())
                    .isEqualTo(Map.of(
                            "rillflow.subscription", "mdc",
                            "rillflow.group", "default",
                            "rillflow.schema", store.schemaName(),
                            "rillflow.node", "w-mdc"));
        }
    }

    @Test
    void aPulledWorkersLinesCarryTheKeysAndThePollerKeepsItsOwnMdc() throws Exception {
        try (Store store = TestDatabase.storeBuilder(getClass()).build();
                LogCapture log = LogCapture.attach()) {
            UUID stream = UUID.randomUUID();
            store.subscriptions().create("pulled", SubscriptionFilter.all().withStreamIds(stream), 0);
            MDC.put("request", "r-3");
            try (SubscriptionHandle h = store.subscriptions().open("pulled", fast("w-pull"))) {
                append(store, stream, "Ping");
                assertThat(SubscriptionTesting.pollUntil(h, 1)).hasSize(1);
                assertThat(MDC.getCopyOfContextMap()).isEqualTo(Map.of("request", "r-3"));
                // A failed fetch is logged by the poll that met it.
                String events = "\"" + store.schemaName() + "\".rf_events";
                TestDatabase.execute("alter table " + events + " rename to rf_events_away");
                try {
                    assertThat(eventually(() -> {
                                try {
                                    h.poll(1, Duration.ofMillis(20));
                                } catch (RuntimeException expected) {
                                    // the fetch error, logged and rethrown to the caller
                                }
                                return !log.containing("worker w-pull: fetch error")
                                        .isEmpty();
                            }))
                            .isTrue();
                } finally {
                    TestDatabase.execute(
                            "alter table \"" + store.schemaName() + "\".rf_events_away rename to rf_events");
                }
            }

            assertThat(log.containing("worker w-pull: fetch error").get(0).mdc())
                    .isEqualTo(Map.of(
                            "request", "r-3",
                            "rillflow.subscription", "pulled",
                            "rillflow.group", "default",
                            "rillflow.schema", store.schemaName(),
                            "rillflow.node", "w-pull"));
            assertThat(MDC.getCopyOfContextMap()).isEqualTo(Map.of("request", "r-3"));
        }
    }
}
