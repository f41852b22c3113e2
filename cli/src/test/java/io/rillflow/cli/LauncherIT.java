package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.events.Event;
import io.rillflow.events.Expected;
import io.rillflow.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged command, run as a separate process through its launcher: the shaded jar finds the JDBC driver and
 * Jackson, logs nothing, and prints only its own output; a projection worker stops cleanly on SIGTERM.
 */
class LauncherIT {
    private static final Path LAUNCHER = Path.of(System.getProperty("rillflow.launcher", "target/rillflow"));

    record Run(int exitCode, String out, String err) {}

    @Test
    void launcherIsExecutableAndSyncsAndReadsASchema() throws Exception {
        assertThat(Files.isExecutable(LAUNCHER)).isTrue();
        String schema = TestDatabase.freshSchema(LauncherIT.class);
        String url = TestDatabase.jdbcUrl();

        Run sync = run("schema-sync", "--schema=" + schema, "--database-url=" + url);
        assertThat(sync.err()).isEmpty();
        assertThat(sync.exitCode()).isZero();
        assertThat(sync.out()).startsWith("Applied to schema " + schema + ": 0001_core");

        Run list = run("projections", "list", "--schema=" + schema, "--output=json", "--database-url=" + url);
        assertThat(list.err()).isEmpty();
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).isEmpty();
    }

    @Test
    void unreachableDatabaseIsOneLineOnStderr() throws Exception {
        Run run = run("streams", "list", "--database-url=postgres://app:n0t-shown@127.0.0.1:1/app");
        assertThat(run.exitCode()).isEqualTo(Rillflow.FAILED);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .startsWith("rillflow: Cannot connect to ")
                .hasLineCount(1)
                .doesNotContain("n0t-shown");
    }

    @Test
    void versionComesFromTheJar() throws Exception {
        Run run = run("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("rillflow ").doesNotContain("development");
    }

    @Test
    void runLoopIsAProjectionWorkerThatSigtermStopsCleanly() throws Exception {
        try (Store app = TestDatabase.store(LauncherIT.class)) {
            Path out = Files.createTempFile("rillflow", ".out");
            Path err = Files.createTempFile("rillflow", ".err");
            Process worker = launcher(
                            "projections",
                            "run-loop",
                            "--classpath=" + FixtureApplication.classes(),
                            "--output=json",
                            "--schema=" + app.schemaName(),
                            "--database-url=" + TestDatabase.jdbcUrl())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            UUID id = UUID.randomUUID();
            try {
                awaitTrue(() -> Files.readString(err).contains("until SIGINT or SIGTERM"), err);
                app.events()
                        .append(
                                id,
                                Expected.noStream(),
                                List.of(Event.of(FixtureApplication.EVENT, Map.of("id", id.toString(), "title", "t"))));
                awaitTrue(
                        () -> app.admin()
                                        .projectionStatus(FixtureApplication.PROJECTION)
                                        .checkpoint()
                                > 0,
                        err);

                worker.destroy(); // SIGTERM
                assertThat(worker.waitFor(60, TimeUnit.SECONDS)).isTrue();
            } finally {
                worker.destroyForcibly();
            }
            assertThat(worker.exitValue()).isEqualTo(128 + 15);
            assertThat(Files.readString(out))
                    .startsWith("{\"name\":\"tasks\",\"checkpoint_from\":0,")
                    .contains("\"dead_letters\":0}");
            assertThat(TestDatabase.count(
                            "select count(*) from \"" + app.schemaName() + "\".rf_doc_task where id = ?", id))
                    .isOne();
            assertThat(app.admin()
                            .projectionStatus(FixtureApplication.PROJECTION)
                            .leaseHolder())
                    .as("the lease is released on SIGTERM")
                    .isNull();
        }
    }

    private static void awaitTrue(Callable<Boolean> condition, Path err) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out; the worker's stderr: " + Files.readString(err));
            }
            Thread.sleep(50);
        }
    }

    private static ProcessBuilder launcher(String... args) {
        List<String> command = new ArrayList<>();
        command.add(LAUNCHER.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("DATABASE_URL");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return builder;
    }

    private static Run run(String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = launcher(args);
        Path out = Files.createTempFile("rillflow", ".out");
        Path err = Files.createTempFile("rillflow", ".err");
        Process process =
                builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("rillflow " + String.join(" ", args) + " did not finish within 60 s");
        }
        return new Run(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
