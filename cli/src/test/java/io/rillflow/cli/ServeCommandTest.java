package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.events.Event;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.projections.ProjectionContext;
import io.rillflow.projections.ProjectionHandler;
import io.rillflow.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code rillflow serve}, run as the launcher would, answering real HTTP requests until interrupted. */
class ServeCommandTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern SERVING = Pattern.compile("on http://(\\S+):(\\d+)");
    private static final String TOKEN = "a-token-long-enough-for-it";

    @Test
    void servesHealthAndPrometheusMetricsUntilStopped() throws Exception {
        try (Store store = TestDatabase.store(getClass())) {
            store.projections().register(new ProjectionHandler() {
                @Override
                public String name() {
                    return "served";
                }

                @Override
                public void apply(EventEnvelope event, ProjectionContext context) {}
            });
            store.events()
                    .append(
                            UUID.randomUUID(),
                            Expected.any(),
                            List.of(Event.of("A", Map.of()), Event.of("B", Map.of())));
            store.events()
                    .builder(UUID.randomUUID())
                    .streamType("order")
                    .push(Event.of("Placed", Map.of()))
                    .send();
            Running serve = Running.start(
                    Map.of(),
                    "serve",
                    "--bind=127.0.0.1:0",
                    "--snapshot-threshold=1",
                    "--database-url=" + TestDatabase.jdbcUrl(),
                    "--schema=" + store.schemaName());
            try {
                assertThat(serve.get("/health/live", null).statusCode()).isEqualTo(200);
                HttpResponse<String> ready = serve.get("/health/ready", null);
                assertThat(ready.statusCode()).isEqualTo(200);
                assertThat(ready.body()).contains("\"status\":\"UP\"");
                HttpResponse<String> metrics = serve.get("/metrics", null);
                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(metrics.body())
                        .contains("rillflow_query_duration_seconds_count{kind=\"select\"}")
                        .contains("hikaricp_connections_max")
                        .contains("rillflow_projection_lag_events{projection=\"served\"} 3.0")
                        .contains("rillflow_snapshots_candidates{aggregate=\"order\"} 1.0")
                        .contains("rillflow_snapshots_largest_gap{aggregate=\"order\"} 1.0")
                        .contains("rillflow_projection_paused{projection=\"served\"} 0.0");
                assertThat(serve.out()).contains("Publishing the status of 1 projection(s)");
            } finally {
                assertThat(serve.stop()).isZero();
            }
        }
    }

    @Test
    void aTokenFromTheEnvironmentOrAFileGuardsEveryRequest(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        try (Store store = TestDatabase.store(getClass())) {
            String[] common = {"--database-url=" + TestDatabase.jdbcUrl(), "--schema=" + store.schemaName()};
            Running fromFile =
                    Running.start(Map.of(), "serve", "--bind=0.0.0.0:0", "--token-file=" + file, common[0], common[1]);
            try {
                assertThat(fromFile.out()).contains("(token required)");
                assertThat(fromFile.get("/health/live", null).statusCode()).isEqualTo(401);
                assertThat(fromFile.get("/health/live", "Bearer wrong-token-of-some-size")
                                .statusCode())
                        .isEqualTo(401);
                assertThat(fromFile.get("/health/live", "Bearer " + TOKEN).statusCode())
                        .isEqualTo(200);
            } finally {
                fromFile.stop();
            }
            Running fromEnvironment = Running.start(
                    Map.of(ServeCommand.TOKEN_VARIABLE, TOKEN), "serve", "--bind=127.0.0.1:0", common[0], common[1]);
            try {
                assertThat(fromEnvironment.get("/metrics", null).statusCode()).isEqualTo(401);
                assertThat(fromEnvironment.get("/metrics", "Bearer " + TOKEN).statusCode())
                        .isEqualTo(200);
            } finally {
                fromEnvironment.stop();
            }
        }
    }

    @Test
    void bindingTheNetworkWithoutATokenIsAUsageError() {
        try (Store store = TestDatabase.store(getClass())) {
            Cli.Result result = Cli.on(store, "serve", "--bind=0.0.0.0:0");
            assertThat(result.exitCode()).isEqualTo(Rillflow.USAGE);
            assertThat(result.err()).startsWith("rillflow: ").contains("requires a token");
        }
    }

    @Test
    void aMalformedBindIsAUsageError() {
        for (String bind : new String[] {"9464", "127.0.0.1:", "127.0.0.1:http", "127.0.0.1:70000"}) {
            Cli.Result result = Cli.run("serve", "--bind=" + bind, "--database-url=" + TestDatabase.jdbcUrl());
            assertThat(result.exitCode()).as(bind).isEqualTo(Rillflow.USAGE);
            assertThat(result.err()).as(bind).contains("--bind");
        }
    }

    /** A {@code serve} command running on its own thread. */
    private record Running(Thread thread, StringWriter printed, AtomicInteger exit, int port) {
        static Running start(Map<String, String> environment, String... args) throws Exception {
            CommandLine line = Rillflow.commandLine(environment);
            StringWriter out = new StringWriter();
            line.setOut(new PrintWriter(out, true));
            line.setErr(new PrintWriter(out, true));
            AtomicInteger exit = new AtomicInteger(-1);
            Thread thread = new Thread(() -> exit.set(line.execute(args)), "serve-under-test");
            thread.start();
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < end) {
                Matcher m = SERVING.matcher(out.toString());
                if (m.find()) {
                    return new Running(thread, out, exit, Integer.parseInt(m.group(2)));
                }
                if (!thread.isAlive()) {
                    break;
                }
                Thread.sleep(20);
            }
            thread.interrupt();
            throw new AssertionError("serve did not start: " + out);
        }

        String out() {
            return printed.toString();
        }

        HttpResponse<String> get(String path, String authorization) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        int stop() throws InterruptedException {
            thread.interrupt();
            thread.join(30_000);
            return exit.get();
        }
    }
}
