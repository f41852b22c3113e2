package io.rillflow.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A real PostgreSQL server run from binaries that come from Maven Central, so that Rillflow needs no installed
 * database to try or to test.
 *
 * <p>{@link #start(Path)} is for applications: the data directory survives restarts (a second start reopens it) and
 * the server is durable, with {@code fsync} and {@code synchronous_commit} on. {@link #shared()} is for tests: one
 * throwaway server per JVM with both turned off, trading crash safety nobody needs in a test for speed.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static final String SUPERUSER = "postgres";
    private static final String DATABASE = "postgres";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private static EmbeddedPostgresServer shared;

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final boolean durable;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory, boolean durable) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.durable = durable;
    }

    /**
     * Starts a durable server on {@code dataDirectory}, creating the cluster on first use and reopening it after.
     *
     * @throws EmbeddedPostgresException if the directory is in use by another server or the server cannot start
     */
    public static EmbeddedPostgresServer start(Path dataDirectory) {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Path directory = dataDirectory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Cannot create the data directory " + directory + ": " + e, e);
        }
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on");
        return new EmbeddedPostgresServer(startOrExplain(builder, directory), directory, true);
    }

    /**
     * The server shared by every test in this JVM: started on first call, removed with its data when the JVM exits.
     * Not durable: {@code fsync} and {@code synchronous_commit} are off because a test never survives a crash anyway.
     */
    public static synchronized EmbeddedPostgresServer shared() {
        if (shared == null) {
            Path directory;
            try {
                directory = Files.createTempDirectory("rillflow-pg-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(true)
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off");
            shared = new EmbeddedPostgresServer(startOrExplain(builder, directory), directory, false);
        }
        return shared;
    }

    private static EmbeddedPostgres startOrExplain(EmbeddedPostgres.Builder builder, Path directory) {
        try {
            return builder.setPGStartupWait(STARTUP_WAIT).start();
        } catch (OverlappingFileLockException e) {
            throw inUse(directory, e);
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).startsWith("could not lock")) {
                throw inUse(directory, e);
            }
            throw new EmbeddedPostgresException("Embedded PostgreSQL failed to start on " + directory + ": " + e, e);
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Embedded PostgreSQL failed to start on " + directory + ": " + e, e);
        }
    }

    private static EmbeddedPostgresException inUse(Path directory, RuntimeException cause) {
        return new EmbeddedPostgresException(
                "The data directory " + directory + " is in use by another embedded PostgreSQL;"
                        + " close that store first or choose another directory",
                cause);
    }

    /** A JDBC URL for the server's {@code postgres} database as the {@code postgres} superuser. */
    public String jdbcUrl() {
        return postgres.getJdbcUrl(SUPERUSER, DATABASE);
    }

    /** The TCP port the server listens on (loopback only); chosen free at each start. */
    public int port() {
        return postgres.getPort();
    }

    /** Where the cluster's files live. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Whether commits are flushed to disk before they are acknowledged. */
    public boolean durable() {
        return durable;
    }

    /** Stops the server; the shared test server is left running until the JVM exits. */
    @Override
    public void close() {
        if (this == shared) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
