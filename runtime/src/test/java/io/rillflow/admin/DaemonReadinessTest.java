package io.rillflow.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rillflow.Store;
import io.rillflow.events.Event;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.projections.ProjectionContext;
import io.rillflow.projections.ProjectionDaemon;
import io.rillflow.projections.ProjectionHandler;
import io.rillflow.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * {@code /health/ready} checks the projection daemon once the store started one: UP with each projection's lease held
 * here or standing by for another node's, DOWN when the daemon's thread ended without being asked to, and no check at all
 * before a start or after a close.
 */
class DaemonReadinessTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Applies nothing. */
    private record Quiet(String name) implements ProjectionHandler {
        @Override
        public void apply(EventEnvelope event, ProjectionContext context) {}
    }

    @Test
    void aRunningDaemonIsReadyHoldingOrStandingByAndGoneFromTheChecksOnceClosed() throws Exception {
        String schema = TestDatabase.freshSchema(getClass());
        try (Store first = Store.builder(TestDatabase.jdbcUrl()).schema(schema).build();
                Store second =
                        Store.builder(TestDatabase.jdbcUrl()).schema(schema).build();
                AdminServer firstServer = first.admin().serve(0);
                AdminServer secondServer = second.admin().serve(0)) {
            first.projections().register(new Quiet("totals"));
            second.projections().register(new Quiet("totals"));
            assertThat(ready(firstServer).has("daemon")).isFalse();

            ProjectionDaemon holder = first.projections().start();
            JsonNode held = eventually(firstServer, c -> "held"
                    .equals(c.at("/daemon/projections/totals").asText()));
            assertThat(held.at("/daemon/status").asText()).isEqualTo("UP");

            try (ProjectionDaemon standby = second.projections().start()) {
                JsonNode waiting = eventually(secondServer, c -> "standby"
                        .equals(c.at("/daemon/projections/totals").asText()));
                assertThat(waiting.at("/daemon/status").asText()).isEqualTo("UP");
                assertThat(get(secondServer).statusCode()).isEqualTo(200);
            }

            holder.close();
            assertThat(ready(firstServer).has("daemon")).isFalse();
            assertThat(get(firstServer).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aDaemonThatDiedTurnsReadyTo503() throws Exception {
        try (Store store = TestDatabase.store(getClass());
                AdminServer server = store.admin().serve(0)) {
            store.projections().register(new Quiet("doomed"));
            store.projections().start();
            store.events().append(UUID.randomUUID(), Expected.any(), List.of(Event.of("Placed", Map.of("n", 1))));
            assertThat(eventually(server, c -> "UP"
                                    .equals(c.at("/daemon/status").asText()))
                            .at("/daemon/status")
                            .asText())
                    .isEqualTo("UP");
            // Something other than close() ends the daemon's thread, as an executor shutting down would.
            List<Thread> daemonThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("rillflow-projection-daemon"))
                    .toList();
            assertThat(daemonThreads).isNotEmpty();
            daemonThreads.forEach(Thread::interrupt);

            JsonNode checks =
                    eventually(server, c -> "DOWN".equals(c.at("/daemon/status").asText()));
            assertThat(checks.at("/daemon/status").asText()).isEqualTo("DOWN");
            assertThat(checks.at("/daemon/error").asText()).contains("stopped without being asked to");
            HttpResponse<String> response = get(server);
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(response.body()).path("status").asText()).isEqualTo("DOWN");
        }
    }

    private static JsonNode ready(AdminServer server) throws Exception {
        return JSON.readTree(get(server).body()).path("checks");
    }

    private static HttpResponse<String> get(AdminServer server) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.address().getPort() + "/health/ready"))
                .timeout(Duration.ofSeconds(30))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode eventually(AdminServer server, Predicate<JsonNode> condition) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode checks = ready(server);
        while (!condition.test(checks) && System.nanoTime() < end) {
            Thread.sleep(100);
            checks = ready(server);
        }
        return checks;
    }
}
