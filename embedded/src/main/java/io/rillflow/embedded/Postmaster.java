package io.rillflow.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A running {@code postgres} server process that cannot outlive the JVM that started it.
 *
 * <p>On Linux and macOS the server runs under a small {@code sh} watchdog whose standard input is a pipe from this JVM.
 * Only this JVM holds the pipe's write end, and the kernel closes it when the JVM ends for any reason, {@code kill -9}
 * included; the watchdog then reads end-of-file and asks the server for a fast shutdown (SIGINT: roll back open
 * transactions, checkpoint, exit). A normal {@link #stop()} closes the pipe the same way. The watchdog also exits with
 * the server's status when the server ends on its own, which is how a failed start is noticed at once. If the watchdog
 * itself is killed, the next start on the directory finds the orphan and stops it (see {@link ClusterSetup}).
 *
 * <p>A throwaway cluster ({@code discardOnExit}) is deleted by the watchdog once its server has stopped, so a test JVM
 * killed before its shutdown hooks ran leaves no cluster in the temporary directory either.
 *
 * <p>On Windows there is no {@code sh}: the server runs directly, is stopped with {@code pg_ctl stop}, and an orphan
 * left by a killed JVM is stopped by the next start; a throwaway cluster is deleted by the JVM's shutdown hook only.
 */
final class Postmaster {
    private static final String WATCHDOG = String.join(
            "\n",
            "exec 3<&0", // keep the JVM's pipe: background jobs get /dev/null as standard input
            "\"$@\" </dev/null 3<&- &",
            "server=$!",
            "(read -r ignored <&3; kill -INT \"$server\" 2>/dev/null) &",
            "watcher=$!",
            "exec 3<&-",
            "wait \"$server\"",
            "status=$?",
            "kill \"$watcher\" 2>/dev/null",
            // only after a clean stop: a failed start (a port taken meanwhile) is retried on the same directory
            "if [ \"$status\" -eq 0 ] && [ -n \"$RILLFLOW_DISCARD\" ]; then rm -rf -- \"$RILLFLOW_DISCARD\"; fi",
            "exit \"$status\"");
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);
    private static final boolean WINDOWS = PostgresBinaries.onWindows();

    private final PostgresBinaries binaries;
    private final Path dataDirectory;
    private final Process process;
    private final ProcessOutput output;
    private final long pid;

    private Postmaster(PostgresBinaries binaries, Path dataDirectory, Process process, ProcessOutput output, long pid) {
        this.binaries = binaries;
        this.dataDirectory = dataDirectory;
        this.process = process;
        this.output = output;
        this.pid = pid;
    }

    /**
     * Starts {@code postgres} on {@code dataDirectory} with {@code settings} and waits until it accepts connections.
     *
     * @throws EmbeddedPostgresException if it exits or is not ready within {@code wait}; the message quotes its log
     */
    static Postmaster start(
            PostgresBinaries binaries,
            Path dataDirectory,
            Map<String, String> settings,
            boolean discardOnExit,
            Duration wait) {
        List<String> args = new ArrayList<>(List.of("-D", dataDirectory.toString()));
        settings.forEach((name, value) -> {
            args.add("-c");
            args.add(name + "=" + value);
        });
        List<String> server = binaries.command("postgres", args);
        List<String> command = new ArrayList<>();
        if (!WINDOWS) {
            command.addAll(List.of("sh", "-c", WATCHDOG, "rillflow-postgres-watchdog"));
        }
        command.addAll(server);
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(dataDirectory.toFile()).redirectErrorStream(true);
        if (discardOnExit) {
            builder.environment().put("RILLFLOW_DISCARD", dataDirectory.toString());
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Cannot run " + command.get(0) + ": " + e, e);
        }
        ProcessOutput output = ProcessOutput.follow(process, "postgres");
        long pid = awaitReady(process, output, dataDirectory, wait);
        return new Postmaster(binaries, dataDirectory, process, output, pid);
    }

    /** Polls {@code postmaster.pid} until our server writes "ready" in it (PostgreSQL 10+ status line). */
    private static long awaitReady(Process process, ProcessOutput output, Path dataDirectory, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    output.awaitEnd(Duration.ofSeconds(2));
                    throw new EmbeddedPostgresException(
                            "PostgreSQL exited with status " + process.exitValue() + " while starting on "
                                    + dataDirectory + output.quote(),
                            null);
                }
                Optional<Long> ready = readyPid(dataDirectory);
                if (ready.isPresent() && isOurs(process, ready.get())) {
                    return ready.get();
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon(process);
            throw new EmbeddedPostgresException("Interrupted while PostgreSQL was starting on " + dataDirectory, e);
        }
        abandon(process);
        throw new EmbeddedPostgresException(
                "PostgreSQL did not become ready within " + wait.toSeconds() + " s on " + dataDirectory
                        + output.quote(),
                null);
    }

    /**
     * Closes the watchdog's pipe, which stops the server as a JVM exit would; killing the watchdog instead would leave
     * the server running until this JVM ends.
     */
    private static void abandon(Process process) {
        if (WINDOWS) {
            process.destroyForcibly(); // the server itself: there is no watchdog
            return;
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            process.destroyForcibly();
        }
    }

    private static boolean isOurs(Process process, long pid) {
        return process.pid() == pid
                || ProcessHandle.of(pid)
                        .flatMap(ProcessHandle::parent)
                        .map(p -> p.pid() == process.pid())
                        .orElse(false);
    }

    /** The postmaster's pid if {@code postmaster.pid} says it is ready for connections. */
    private static Optional<Long> readyPid(Path dataDirectory) {
        List<String> lines = pidFile(dataDirectory);
        if (lines.size() >= 8 && lines.get(7).trim().equals("ready")) {
            return Optional.of(Long.parseLong(lines.get(0).trim()));
        }
        return Optional.empty();
    }

    /** The lines of {@code postmaster.pid}, or none when no server holds the directory. */
    static List<String> pidFile(Path dataDirectory) {
        try {
            return Files.readAllLines(dataDirectory.resolve("postmaster.pid"), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            return List.of(); // being rewritten right now: the next poll reads it whole
        }
    }

    /** Fast shutdown: open transactions roll back, the server checkpoints and exits; waits up to a minute. */
    void stop() {
        try {
            if (WINDOWS) {
                ProcessOutput.run(
                        binaries.command("pg_ctl", List.of("stop", "-D", dataDirectory.toString(), "-m", "fast", "-w")),
                        null,
                        dataDirectory,
                        STOP_WAIT,
                        "pg_ctl stop");
            } else {
                process.getOutputStream().close();
            }
            if (!process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new EmbeddedPostgresException(
                        "PostgreSQL did not stop within " + STOP_WAIT.toSeconds() + " s on " + dataDirectory
                                + "; it was killed" + output.quote(),
                        null);
            }
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Cannot signal PostgreSQL to stop on " + dataDirectory + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedPostgresException("Interrupted while PostgreSQL was stopping on " + dataDirectory, e);
        }
    }
}
