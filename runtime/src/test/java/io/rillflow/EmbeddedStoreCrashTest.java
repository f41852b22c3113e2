package io.rillflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An application on {@code Store.embedded(dir)} is killed with SIGKILL; the next one opens the same directory. */
class EmbeddedStoreCrashTest {
    record Note(String text) {}

    @Test
    void storeOfAKilledApplicationReopensWithinTenSecondsWithEveryCommittedRow(@TempDir Path dir) throws Exception {
        UUID stream = UUID.randomUUID();
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx96m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        EmbeddedStoreChild.class.getName(),
                        dir.toString(),
                        stream.toString(),
                        "25")
                .redirectErrorStream(true)
                .start();
        try {
            awaitReady(child);
            long postmaster = Long.parseLong(
                    Files.readAllLines(dir.resolve("postmaster.pid")).get(0).trim());

            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

            long started = System.nanoTime();
            try (Store store = Store.embedded(dir)) {
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
                assertThat(store.documents(Note.class, UUID.class).load(stream)).contains(new Note("before the crash"));
                assertThat(store.events().readStream(stream)).hasSize(25);
                assertThat(ProcessHandle.of(postmaster).filter(EmbeddedStoreCrashTest::running))
                        .as("the killed application's server is gone")
                        .isEmpty();
            }
        } finally {
            child.destroyForcibly();
        }
    }

    private static void awaitReady(Process child) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null && !line.equals("READY")) {
            seen.append(line).append('\n');
        }
        assertThat(line)
                .as("the child application started; it printed:\n%s", seen)
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
    }

    /** Alive and not a zombie (an exited orphan that a non-reaping PID 1 never collects). */
    private static boolean running(ProcessHandle process) {
        Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
        try {
            String text = Files.readString(stat);
            return !text.substring(text.lastIndexOf(')') + 1).trim().startsWith("Z");
        } catch (IOException e) {
            return process.isAlive();
        }
    }
}
