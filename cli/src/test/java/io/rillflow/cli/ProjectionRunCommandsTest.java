package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rillflow.Store;
import io.rillflow.events.Event;
import io.rillflow.events.Expected;
import io.rillflow.testing.TestDatabase;
import java.io.IOException;
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
import java.util.concurrent.atomic.AtomicReference;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The commands that run the application's projections load its handlers from {@code --classpath}: a small
 * application compiled with the annotation processor into a directory the test's own class path does not hold. The
 * events are appended by a store that knows nothing of it, as another application node would.
 */
class ProjectionRunCommandsTest {
    private static Store app;
    private static String classpath;

    @BeforeAll
    static void open() {
        app = TestDatabase.store(ProjectionRunCommandsTest.class);
        classpath = FixtureApplication.classes().toString();
    }

    @AfterAll
    static void close() {
        app.close();
    }

    @Test
    void runOnceAndRunUntilIdleApplyTheApplicationsProjectionToItsReadModel() {
        String first = addTask("write the docs");

        Cli.Result once = Cli.on(app, "projections", "run-once", "--classpath=" + classpath, "--output=json");
        assertThat(once.err()).isEmpty();
        assertThat(once.exitCode()).isZero();
        assertThat(once.json()).singleElement().satisfies(row -> {
            assertThat(row.get("name").asText()).isEqualTo(FixtureApplication.PROJECTION);
            assertThat(row.get("outcome").asText()).isEqualTo("PROCESSED");
            assertThat(row.get("applied").asLong()).isEqualTo(1);
        });
        assertThat(tasksTitled(first)).isEqualTo(1);

        String second = addTask("review the docs");
        String third = addTask("ship the docs");
        Cli.Result idle = Cli.on(app, "projections", "run-until-idle", "--classpath=" + classpath, "--name=tasks");
        assertThat(idle.exitCode()).isZero();
        assertThat(idle.lines().get(0)).startsWith("NAME").contains("OUTCOME", "APPLIED", "CHECKPOINT");
        assertThat(idle.lines().get(1)).startsWith("tasks ").contains(" 2 ");
        assertThat(tasksTitled(second) + tasksTitled(third)).isEqualTo(2);

        Cli.Result nothing = Cli.on(app, "projections", "run-until-idle", "--classpath=" + classpath, "-o", "json");
        assertThat(nothing.json()).singleElement().satisfies(row -> {
            assertThat(row.get("applied").asLong()).isZero();
            assertThat(row.get("checkpoint").asLong()).isEqualTo(statusCheckpoint());
        });
    }

    @Test
    void runLoopAppliesAnEventAppendedWhileItRunsAndStopsCleanlyWhenInterrupted() throws Exception {
        Cli.on(app, "projections", "run-until-idle", "--classpath=" + classpath);
        long before = statusCheckpoint();
        AtomicReference<Cli.Result> result = new AtomicReference<>();
        Thread loop = new Thread(
                () -> result.set(Cli.on(app, "projections", "run-loop", "--classpath=" + classpath, "-o", "json")));
        loop.start();

        String title = addTask("appended while the loop runs");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (tasksTitled(title) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(tasksTitled(title))
                .as(() -> Cli.on(app, "projections", "status", "tasks", "-o", "json")
                        .out())
                .isEqualTo(1);

        loop.interrupt();
        loop.join(Duration.ofSeconds(30).toMillis());
        assertThat(loop.isAlive()).isFalse();
        Cli.Result stopped = result.get();
        assertThat(stopped.exitCode()).isZero();
        assertThat(stopped.err()).contains("Running projections tasks until SIGINT or SIGTERM, polling every 1000 ms.");
        JsonNode row = stopped.json().get(0);
        assertThat(row.get("name").asText()).isEqualTo("tasks");
        assertThat(row.get("checkpoint_from").asLong()).isEqualTo(before);
        assertThat(row.get("checkpoint").asLong()).isGreaterThan(before);
        // Closed cleanly: the lease is given up, so the next worker need not wait for it to expire.
        assertThat(Cli.on(app, "projections", "status", "tasks", "-o", "json")
                        .json()
                        .get(0)
                        .get("lease_holder")
                        .isNull())
                .isTrue();
    }

    @Test
    void anUnknownProjectionIsNotFoundAndNamesTheDeclaredOnes() {
        Cli.Result result = Cli.on(app, "projections", "run-once", "--classpath=" + classpath, "--name=nope");
        assertThat(result.exitCode()).isEqualTo(Rillflow.NOT_FOUND);
        assertThat(result.err())
                .isEqualTo("rillflow: The --classpath declares no projection nope; it declares [tasks]"
                        + System.lineSeparator());
    }

    @Test
    void aMissingClasspathEntryIsAUsageErrorNamingIt(@TempDir Path dir) {
        String missing = dir.resolve("app.jar").toString();
        Cli.Result result = Cli.on(
                app,
                "projections",
                "run-until-idle",
                "--classpath=" + classpath + java.io.File.pathSeparator + missing);
        assertThat(result.exitCode()).isEqualTo(Rillflow.USAGE);
        assertThat(result.err()).startsWith("rillflow: --classpath entry " + missing + " does not exist");
        assertThat(Thread.currentThread().getContextClassLoader())
                .isSameAs(ProjectionRunCommandsTest.class.getClassLoader());
    }

    @Test
    void aDirectoryStarStandsForEveryJarInIt(@TempDir Path dir) throws Exception {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        jar(FixtureApplication.classes(), lib.resolve("app.jar"));
        Files.writeString(lib.resolve("notes.txt"), "not a jar");

        Cli.Result result = Cli.on(app, "projections", "run-once", "--classpath=" + lib + "/*", "-o", "json");
        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isZero();
        assertThat(result.json()).extracting(row -> row.get("name").asText()).containsExactly("tasks");

        Cli.Result missing = Cli.on(app, "projections", "run-once", "--classpath=" + dir.resolve("nope") + "/*");
        assertThat(missing.exitCode()).isEqualTo(Rillflow.USAGE);
        assertThat(missing.err())
                .startsWith("rillflow: --classpath entry " + dir.resolve("nope") + "/* does not exist");
    }

    @Test
    void aClasspathWithoutGeneratedRegistriesIsAUsageError(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("Readme.txt"), "not an application");
        Cli.Result result = Cli.on(app, "projections", "run-loop", "--classpath=" + dir);
        assertThat(result.exitCode()).isEqualTo(Rillflow.USAGE);
        assertThat(result.err())
                .startsWith("rillflow: --classpath " + dir + " has no generated Rillflow registry")
                .contains("compiled with the Rillflow annotation processor");
    }

    @Test
    void theClasspathIsRequired() {
        Cli.Result result = Cli.on(app, "projections", "run-once");
        assertThat(result.exitCode()).isEqualTo(Rillflow.USAGE);
        assertThat(result.err()).contains("Missing required option: '--classpath=PATH'");
    }

    @Test
    void runLoopWithNotifyServesTheAdminEndpointBesideTheLoop() throws Exception {
        CommandLine line = Rillflow.commandLine(Map.of());
        StringWriter printed = new StringWriter();
        line.setOut(new PrintWriter(printed, true));
        line.setErr(new PrintWriter(printed, true));
        AtomicInteger exit = new AtomicInteger(-1);
        Thread loop = new Thread(() -> exit.set(line.execute(
                "projections",
                "run-loop",
                "--classpath=" + classpath,
                "--use-notify",
                "--health-bind=127.0.0.1:0",
                "--database-url=" + TestDatabase.jdbcUrl(),
                "--schema=" + app.schemaName())));
        loop.start();
        Matcher serving = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+)").matcher("");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!serving.reset(printed.toString()).find() && loop.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(serving.reset(printed.toString()).find())
                .as(printed::toString)
                .isTrue();
        int port = Integer.parseInt(serving.group(1));
        try {
            String title = addTask("served while the loop runs");
            while (tasksTitled(title) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(tasksTitled(title)).isEqualTo(1);
            assertThat(printed.toString()).contains("until SIGINT or SIGTERM, woken by appends.");
            assertThat(get(port, "/health/ready").statusCode()).isEqualTo(200);
            HttpResponse<String> metrics = get(port, "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("rillflow_projection_events_total{projection=\"tasks\"}");
        } finally {
            loop.interrupt();
            loop.join(30_000);
        }
        assertThat(exit.get()).isZero();
        assertThatThrownBy(() -> get(port, "/health/live"))
                .as("closed with the loop")
                .isInstanceOf(IOException.class);
    }

    @Test
    void runLoopRefusesAnEndpointBeyondLoopbackWithoutAToken() {
        Cli.Result open = Cli.on(app, "projections", "run-loop", "--classpath=" + classpath, "--health-bind=0.0.0.0:0");
        assertThat(open.exitCode()).isEqualTo(Rillflow.USAGE);
        assertThat(open.err()).contains("token").hasLineCount(1);
        Cli.Result tokenAlone =
                Cli.on(app, "projections", "run-loop", "--classpath=" + classpath, "--token-file=/nonexistent");
        assertThat(tokenAlone.exitCode()).isEqualTo(Rillflow.USAGE);
        assertThat(tokenAlone.err()).contains("--health-bind");
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    /** Packs the directory {@code classes} into the jar {@code jar}, as an application's build would. */
    private static void jar(Path classes, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(
                        new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }

    private static String addTask(String title) {
        UUID id = UUID.randomUUID();
        app.events()
                .append(
                        id,
                        Expected.noStream(),
                        List.of(Event.of(FixtureApplication.EVENT, Map.of("id", id.toString(), "title", title))));
        return title;
    }

    /** The documents the projection wrote for the task {@code title}: 0 before it made its table. */
    private static long tasksTitled(String title) {
        if (TestDatabase.count(
                        "select count(*) from pg_tables where schemaname = ? and tablename = 'rf_doc_task'",
                        app.schemaName())
                == 0) {
            return 0;
        }
        return TestDatabase.count(
                "select count(*) from \"" + app.schemaName() + "\".rf_doc_task where data->>'title' = ?", title);
    }

    private static long statusCheckpoint() {
        return Cli.on(app, "projections", "status", "tasks", "-o", "json")
                .json()
                .get(0)
                .get("checkpoint")
                .asLong();
    }
}
