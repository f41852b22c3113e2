package io.rillflow.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rillflow.Store;
import io.rillflow.tenancy.TenancyStrategy;
import io.rillflow.testing.TcpProxy;
import io.rillflow.testing.TestDatabase;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The admin HTTP endpoint, over real HTTP, against stores on PostgreSQL. */
class AdminServerTest {
    record Note(String text) {}

    private static final String TOKEN = "s3cret-token-of-some-length";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void liveAndReadyAnswerUpWithJsonBodies() throws Exception {
        try (Store store = TestDatabase.store(getClass());
                AdminServer server = store.admin().serve(0)) {
            HttpResponse<String> live = get(server, "/health/live", null);
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(live.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
            assertThat(JSON.readTree(live.body()).path("status").asText()).isEqualTo("UP");

            HttpResponse<String> ready = get(server, "/health/ready", null);
            JsonNode body = JSON.readTree(ready.body());
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(body.path("status").asText()).isEqualTo("UP");
            assertThat(body.path("schema").asText()).isEqualTo(store.schemaName());
            assertThat(body.at("/checks/database/status").asText()).isEqualTo("UP");
            assertThat(body.at("/checks/migrations/status").asText()).isEqualTo("UP");
            assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();

            assertThat(get(server, "/nothing", null).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void metricsServeTheStoresMetersAsPrometheusText() throws Exception {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CompositeMeterRegistry composite = new CompositeMeterRegistry();
        composite.add(new SimpleMeterRegistry());
        composite.add(prometheus);
        try (Store store = TestDatabase.storeBuilder(getClass())
                        .meterRegistry(composite)
                        .build();
                AdminServer server = store.admin().serve(0)) {
            store.documents(Note.class, UUID.class, "scraped_note").put(UUID.randomUUID(), new Note("hi"));

            HttpResponse<String> metrics = get(server, "/metrics", null);

            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
            assertThat(metrics.body())
                    .contains("rillflow_documents_writes_total{document=\"scraped_note\"} 1.0")
                    .contains("rillflow_query_duration_seconds_count{kind=\"select\"}")
                    .contains("hikaricp_connections_active{pool=\"rillflow-" + store.schemaName() + "\"}");
        }
    }

    @Test
    void metricsAreNotFoundWithoutAPrometheusRegistry() throws Exception {
        try (Store store = TestDatabase.storeBuilder(getClass())
                        .meterRegistry(new SimpleMeterRegistry())
                        .build();
                AdminServer server = store.admin().serve(0)) {
            HttpResponse<String> metrics = get(server, "/metrics", null);
            assertThat(metrics.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(metrics.body()).path("error").asText()).contains("PrometheusMeterRegistry");
        }
    }

    @Test
    void pendingMigrationsMakeTheStoreNotReady() throws Exception {
        try (Store store = TestDatabase.storeBuilder(getClass())
                        .migrateOnStart(false)
                        .build();
                AdminServer server = store.admin().serve(0)) {
            HttpResponse<String> ready = get(server, "/health/ready", null);
            JsonNode body = JSON.readTree(ready.body());
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(body.path("status").asText()).isEqualTo("DOWN");
            assertThat(body.at("/checks/database/status").asText()).isEqualTo("UP");
            assertThat(body.at("/checks/migrations/status").asText()).isEqualTo("DOWN");
            assertThat(body.at("/checks/migrations/pending").size())
                    .isEqualTo(store.schema().migrations().size());
        }
    }

    @Test
    void aTenantWithAPendingMigrationTurnsReadyTo503NamingIt() throws Exception {
        TenancyStrategy.SchemaPerTenant tenancy = TestDatabase.freshTenancy();
        try (Store store =
                        TestDatabase.storeBuilder(getClass()).tenancy(tenancy).build();
                AdminServer server = store.admin().serve(0)) {
            store.tenants().ensure("acme");
            store.tenants().ensure("globex");
            HttpResponse<String> up = get(server, "/health/ready", null);
            assertThat(up.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(up.body()).at("/checks/tenants/checked").asInt())
                    .isEqualTo(2);

            int last = store.schema()
                    .migrations()
                    .get(store.schema().migrations().size() - 1)
                    .version();
            TestDatabase.execute(
                    "delete from \"" + tenancy.schemaFor("globex") + "\".rf_migrations where version = " + last);

            HttpResponse<String> down = get(server, "/health/ready", null);
            JsonNode body = JSON.readTree(down.body());
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(body.at("/checks/migrations/status").asText()).isEqualTo("UP");
            assertThat(body.at("/checks/tenants/status").asText()).isEqualTo("DOWN");
            assertThat(body.at("/checks/tenants/error").asText())
                    .isEqualTo("tenants not up to date: globex; run tenants sync");
            assertThat(body.at("/checks/tenants/behind/globex/pending/0").asInt())
                    .isEqualTo(last);
            assertThat(body.at("/checks/tenants/behind/acme").isMissingNode()).isTrue();
        }
    }

    @Test
    void anUnreachableDatabaseTurnsReadyTo503AndBackTo200WhenItReturns() throws Exception {
        URI target = URI.create(TestDatabase.jdbcUrl().substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(target.getPort())) {
            String url = TestDatabase.jdbcUrl().replace(":" + target.getPort() + "/", ":" + proxy.port() + "/");
            try (Store store = Store.builder(url)
                            .schema(TestDatabase.freshSchema(getClass()))
                            .connectTimeout(Duration.ofMillis(500))
                            .build();
                    AdminServer server = store.admin().serve(0)) {
                assertThat(get(server, "/health/ready", null).statusCode()).isEqualTo(200);

                proxy.cut();
                HttpResponse<String> down = eventually(server, r -> r.statusCode() == 503);
                assertThat(JSON.readTree(down.body())
                                .at("/checks/database/status")
                                .asText())
                        .isEqualTo("DOWN");
                assertThat(get(server, "/health/live", null).statusCode()).isEqualTo(200);

                proxy.restore();
                assertThat(eventually(server, r -> r.statusCode() == 200).statusCode())
                        .isEqualTo(200);
            }
        }
    }

    @Test
    void aTokenIsCheckedOnEveryRequest() throws Exception {
        try (Store store = TestDatabase.store(getClass());
                AdminServer server =
                        store.admin().serve(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), TOKEN)) {
            for (String path : new String[] {"/health/live", "/health/ready", "/metrics", "/nothing"}) {
                HttpResponse<String> missing = get(server, path, null);
                assertThat(missing.statusCode()).as(path).isEqualTo(401);
                assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
                assertThat(get(server, path, "Bearer " + TOKEN + "x").statusCode())
                        .as(path)
                        .isEqualTo(401);
                assertThat(get(server, path, "Basic " + TOKEN).statusCode())
                        .as(path)
                        .isEqualTo(401);
            }
            assertThat(get(server, "/health/live", "Bearer " + TOKEN).statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void bindingBeyondLoopbackRequiresALongEnoughToken() {
        try (Store store = TestDatabase.store(getClass())) {
            InetSocketAddress any = new InetSocketAddress("0.0.0.0", 0);
            assertThatThrownBy(() -> store.admin().serve(any, null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("requires a token");
            assertThatThrownBy(() -> store.admin().serve(any, "short"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at least 16 characters, was 5");
            assertThatThrownBy(() -> store.admin().serve(InetSocketAddress.createUnresolved("nowhere", 1), TOKEN))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("resolved address");
            try (AdminServer server = store.admin().serve(any, TOKEN)) {
                assertThat(server.address().getPort()).isPositive();
            }
        }
    }

    private static HttpResponse<String> get(AdminServer server, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.address().getPort() + path))
                .timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> eventually(AdminServer server, Predicate<HttpResponse<String>> condition)
            throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> response = get(server, "/health/ready", null);
        while (!condition.test(response) && System.nanoTime() < end) {
            Thread.sleep(100);
            response = get(server, "/health/ready", null);
        }
        return response;
    }
}
