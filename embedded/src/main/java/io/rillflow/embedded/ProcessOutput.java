package io.rillflow.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last lines a PostgreSQL program printed, kept so that a failure can quote PostgreSQL's own words (for example
 * {@code FATAL:  lock file "postmaster.pid" already exists}) instead of a bare "did not start".
 *
 * <p>Every line also goes to the {@code io.rillflow.embedded.postgres} logger: {@code PANIC} and {@code FATAL} lines at
 * WARN (a refused password is one), except the sessions a shutdown ends on purpose, and everything else at DEBUG.
 */
final class ProcessOutput {
    private static final Logger LOG = LoggerFactory.getLogger("io.rillflow.embedded.postgres");
    private static final int KEPT_LINES = 40;

    private final Deque<String> lines = new ArrayDeque<>();
    private final Thread reader;

    private ProcessOutput(InputStream stream, String name) {
        this.reader = new Thread(() -> pump(stream), "rillflow-" + name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts reading {@code process}'s merged output on a daemon thread until it ends. */
    static ProcessOutput follow(Process process, String name) {
        return new ProcessOutput(process.getInputStream(), name);
    }

    /**
     * Runs a short-lived program to completion with {@code stdin} as its input (so a password never appears in a
     * command line another user could list).
     *
     * @throws EmbeddedPostgresException if it fails or outlives {@code timeout}; the message quotes its output
     */
    static String run(List<String> command, String stdin, Path workingDirectory, Duration timeout, String what) {
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new EmbeddedPostgresException(what + " could not be run (" + command.get(0) + "): " + e, e);
        }
        ProcessOutput output = follow(process, command.get(command.size() - 1).replaceAll(".*[/\\\\]", ""));
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the program ended without reading its input; its exit status and output say why
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new EmbeddedPostgresException(
                        what + " did not finish within " + timeout.toSeconds() + " s" + output.quote(), null);
            }
            output.awaitEnd(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new EmbeddedPostgresException(what + " was interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new EmbeddedPostgresException(
                    what + " failed with exit status " + process.exitValue() + output.quote(), null);
        }
        return output.text();
    }

    private void pump(InputStream stream) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.contains("PANIC:")
                        || (line.contains("FATAL:") && !line.contains("due to administrator command"))) {
                    LOG.warn("{}", line);
                } else {
                    LOG.debug("{}", line);
                }
                synchronized (lines) {
                    if (lines.size() == KEPT_LINES) {
                        lines.removeFirst();
                    }
                    lines.addLast(line);
                }
            }
        } catch (IOException e) {
            LOG.debug("Stopped reading PostgreSQL output: {}", e.toString());
        }
    }

    /** Waits for the program (and every child holding its output) to close the stream, at most {@code timeout}. */
    void awaitEnd(Duration timeout) throws InterruptedException {
        reader.join(timeout.toMillis());
    }

    String text() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    /** The kept lines as the tail of an exception message, or "" when there are none. */
    String quote() {
        String text = text();
        return text.isBlank() ? "" : "; PostgreSQL said:\n" + text;
    }
}
