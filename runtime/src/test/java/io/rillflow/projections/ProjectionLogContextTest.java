package io.rillflow.projections;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.events.Event;
import io.rillflow.events.Expected;
import io.rillflow.testing.LogCapture;
import io.rillflow.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The daemon's log lines carry the projection, schema and node in the MDC, and leave no key behind. */
class ProjectionLogContextTest {
    private static final String FAILED = "Projection counted failed on event";
    private static final ProjectionOptions OPTIONS = ProjectionOptions.defaults()
            .withMaxAttempts(1)
            .withNodeId("node-a")
            .withPollInterval(Duration.ofMillis(50));

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void aHandlerFailureIsLoggedWithTheProjectionsKeysAndTheCallersMdcIsRestored() {
        try (Store store = TestDatabase.storeBuilder(getClass())
                        .projectionOptions(OPTIONS)
                        .build();
                LogCapture log = LogCapture.attach()) {
            failingProjection(store);
            long seq = append(store);
            MDC.put("request", "r-1");

            store.projections().tickOnce("counted");

            assertThat(log.containing(FAILED)).singleElement().satisfies(line -> {
                assertThat(line.message()).contains("event " + seq + " (Poison), attempt 1", "dead-lettered");
                assertThat(line.mdc())
                        .isEqualTo(Map.of(
                                "request", "r-1",
                                "rillflow.projection", "counted",
                                "rillflow.schema", store.schemaName(),
                                "rillflow.node", "node-a"));
            });
            assertThat(MDC.getCopyOfContextMap()).isEqualTo(Map.of("request", "r-1"));
        }
    }

    @Test
    void theDaemonLogsOnItsOwnThreadsWithTheKeysAndLeavesTheLoopThreadAsItWas() {
        try (Store store = TestDatabase.storeBuilder(getClass())
                        .projectionOptions(OPTIONS)
                        .build();
                LogCapture log = LogCapture.attach()) {
            failingProjection(store);
            append(store);
            MDC.put("request", "r-2");

            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            store.projections().runLoop(() -> !log.containing(FAILED).isEmpty() || System.nanoTime() > end);

            assertThat(log.containing(FAILED)).isNotEmpty();

            // A worker thread of the loop logged it: the caller's own key is not there, the projection's are.
            assertThat(log.containing(FAILED).get(0).mdc())
                    .isEqualTo(Map.of(
                            "rillflow.projection", "counted",
                            "rillflow.schema", store.schemaName(),
                            "rillflow.node", "node-a"));
            // The loop released its leases on this thread under the projection's keys: none is left behind.
            assertThat(MDC.getCopyOfContextMap()).isEqualTo(Map.of("request", "r-2"));
        }
    }

    private static void failingProjection(Store store) {
        CountingProjection projection = new CountingProjection(store, "counted", Set.of());
        projection.poison(e -> true);
        store.projections().register(projection);
    }

    private static long append(Store store) {
        return store.events()
                .append(UUID.randomUUID(), Expected.any(), List.of(Event.of("Poison", Map.of())))
                .lastGlobalSeq();
    }
}
