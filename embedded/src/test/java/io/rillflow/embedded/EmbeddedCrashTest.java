package io.rillflow.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real child JVM owns the server and is killed with SIGKILL, as {@code kill -9} of an application would. */
class EmbeddedCrashTest {
    private static final Duration QUICK = Duration.ofSeconds(10);

    private final List<Process> children = new ArrayList<>();
    private String childDirectory;

    @AfterEach
    void killLeftovers() {
        children.forEach(Process::destroyForcibly);
    }

    @Test
    void serverOfAKilledJvmStopsByItselfAndTheNextStartIsQuickWithEveryCommittedRow(@TempDir Path dir)
            throws Exception {
        Process child = startChild(dir, "one", "two");
        ProcessHandle postmaster = postmaster(dir);

        assertThatThrownBy(() -> EmbeddedPostgresServer.start(dir))
                .as("a live JVM keeps the directory")
                .isInstanceOf(EmbeddedPostgresException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("in use");

        child.destroyForcibly().waitFor();
        assertThat(postmaster.onExit().get(QUICK.toSeconds(), TimeUnit.SECONDS).isAlive())
                .as("the watchdog stops the server when its JVM dies")
                .isFalse();

        long started = System.nanoTime();
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir)) {
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(QUICK);
            assertThat(rows(server)).containsExactly("one", "two");
        }
    }

    @Test
    void serverOrphanedTogetherWithItsWatchdogIsStoppedByTheNextStart(@TempDir Path dir) throws Exception {
        Process child = startChild(dir, "kept");
        ProcessHandle postmaster = postmaster(dir);
        ProcessHandle watchdog = postmaster.parent().orElseThrow();
        // the watchdog shell and its pipe reader: everything of the child but the server itself
        watchdog.children().filter(p -> p.pid() != postmaster.pid()).forEach(ProcessHandle::destroyForcibly);
        watchdog.destroyForcibly();
        child.destroyForcibly().waitFor();
        Thread.sleep(500);
        assertThat(postmaster.isAlive())
                .as("an orphan, as left by older versions")
                .isTrue();

        long started = System.nanoTime();
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir)) {
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(QUICK);
            assertThat(running(postmaster)).as("the orphan was stopped").isFalse();
            assertThat(rows(server)).containsExactly("kept");
        }
    }

    @Test
    void sharedTestClusterOfAKilledJvmIsDeletedWithItsServer() throws Exception {
        Process child = startChild(EmbeddedServerChild.SHARED, "x");
        Path dir = Path.of(childDirectory);
        ProcessHandle postmaster = postmaster(dir);

        child.destroyForcibly().waitFor();

        assertThat(postmaster.onExit().get(QUICK.toSeconds(), TimeUnit.SECONDS).isAlive())
                .isFalse();
        long deadline = System.nanoTime() + QUICK.toNanos();
        while (Files.exists(dir) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(dir).as("the watchdog removes the throwaway cluster").doesNotExist();
    }

    private Process startChild(Path dir, String... rows) throws IOException {
        return startChild(dir.toString(), rows);
    }

    private Process startChild(String target, String... rows) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-cp",
                System.getProperty("java.class.path"),
                EmbeddedServerChild.class.getName(),
                target));
        command.addAll(List.of(rows));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        children.add(child);
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null && !line.equals("READY")) {
            seen.append(line).append('\n');
            if (line.startsWith("DIRECTORY ")) {
                childDirectory = line.substring("DIRECTORY ".length());
            }
        }
        assertThat(line)
                .as("the child JVM started its server; it printed:\n%s", seen)
                .isEqualTo("READY");
        Thread drain = new Thread(() -> {
            try {
                out.lines().forEach(l -> {});
            } catch (UncheckedIOException closedWhenKilled) {
                // nothing more to read
            }
        });
        drain.setDaemon(true);
        drain.start();
        return child;
    }

    private static ProcessHandle postmaster(Path dir) {
        long pid = Long.parseLong(Postmaster.pidFile(dir).get(0).trim());
        return ProcessHandle.of(pid).orElseThrow();
    }

    /**
     * Whether the process still runs. An orphan is re-parented to PID 1, and where PID 1 never reaps (some containers)
     * it stays a zombie after exiting, which {@link ProcessHandle#isAlive()} still counts as alive.
     */
    private static boolean running(ProcessHandle process) throws IOException {
        Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
        if (!Files.exists(stat)) {
            return process.isAlive();
        }
        String text = Files.readString(stat);
        return !text.substring(text.lastIndexOf(')') + 1).trim().startsWith("Z");
    }

    private static List<String> rows(EmbeddedPostgresServer server) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(server.jdbcUrl());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select v from kept order by v")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
