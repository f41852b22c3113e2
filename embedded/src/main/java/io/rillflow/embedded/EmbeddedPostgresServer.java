package io.rillflow.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 17 server run from binaries that come from Maven Central, so that Rillflow needs no installed
 * database to try or to test.
 *
 * <p>{@link #start(Path)} is for applications: the data directory survives restarts (a second start reopens it) and
 * the server is durable, with {@code fsync} and {@code synchronous_commit} on. {@link #shared()} is for tests: one
 * throwaway server per JVM with both turned off, trading crash safety nobody needs in a test for speed.
 *
 * <p>No other local process gets in: the server listens on 127.0.0.1 only and opens no Unix socket, every login needs
 * a SCRAM password, and the passwords are random, generated at {@code initdb} and kept in the data directory's
 * {@code rillflow-credentials.properties} (mode 0600). {@link #jdbcUrl()} connects as the {@code rillflow} role, which
 * owns the {@code rillflow} database but is not a superuser, so it cannot run programs ({@code COPY ... PROGRAM}) or
 * read the server's files. Directories created by earlier versions (no passwords, {@code trust}) are secured on their
 * first start here and keep connecting as the {@code postgres} superuser that owns their objects.
 *
 * <p>The server never outlives its JVM: it stops when the JVM exits, on Linux and macOS even after {@code kill -9}, and
 * a start after a crash stops any server left behind (the only recovery on Windows). Every start failure is an
 * {@link EmbeddedPostgresException} that quotes PostgreSQL's own messages.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final int PORT_ATTEMPTS = 3;

    private static EmbeddedPostgresServer shared;

    private final Path dataDirectory;
    private final boolean durable;
    private final ClusterCredentials credentials;
    private final int port;
    private final Postmaster postmaster;
    private final DirectoryLock lock;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;

    private EmbeddedPostgresServer(
            Path dataDirectory,
            boolean durable,
            ClusterCredentials credentials,
            int port,
            Postmaster postmaster,
            DirectoryLock lock) {
        this.dataDirectory = dataDirectory;
        this.durable = durable;
        this.credentials = credentials;
        this.port = port;
        this.postmaster = postmaster;
        this.lock = lock;
        this.shutdownHook = new Thread(this::stop, "rillflow-postgres-shutdown");
    }

    /**
     * Starts a durable server on {@code dataDirectory}, creating the cluster on first use and reopening it after.
     *
     * @throws EmbeddedPostgresException if the directory is in use by another server or the server cannot start; the
     *     message names the directory and quotes PostgreSQL
     */
    public static EmbeddedPostgresServer start(Path dataDirectory) {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Path directory = dataDirectory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Cannot create the data directory " + directory + ": " + e, e);
        }
        EmbeddedPostgresServer server = launch(directory, true);
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        return server;
    }

    /**
     * The server shared by every test in this JVM: started on first call, removed with its data when the JVM exits.
     * Not durable: {@code fsync} and {@code synchronous_commit} are off because a test never survives a crash anyway.
     */
    public static synchronized EmbeddedPostgresServer shared() {
        if (shared == null) {
            Path directory;
            try {
                directory = Files.createTempDirectory("rillflow-test-pg-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EmbeddedPostgresServer server = launch(directory, false);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.stop(); // the watchdog deletes the directory after the server; Windows has none
                if (PostgresBinaries.onWindows()) {
                    deleteRecursively(directory);
                }
            }));
            shared = server;
        }
        return shared;
    }

    private static EmbeddedPostgresServer launch(Path directory, boolean durable) {
        long started = System.nanoTime();
        PostgresBinaries binaries = PostgresBinaries.forHost();
        ClusterCredentials created = null;
        if (!Files.exists(directory.resolve("PG_VERSION"))) {
            created = ClusterCredentials.generate();
            ClusterSetup.initdb(binaries, directory, created, durable);
            created.write(directory);
        }
        DirectoryLock lock = DirectoryLock.acquire(directory);
        Postmaster postmaster = null;
        try {
            ClusterSetup.stopOrphan(binaries, directory);
            ClusterCredentials credentials = created != null
                    ? created
                    : ClusterCredentials.read(directory)
                            .orElseGet(() -> ClusterSetup.upgradeLegacy(binaries, directory));
            ClusterSetup.writeHba(directory);
            int port = 0;
            for (int attempt = 1; postmaster == null; attempt++) {
                port = freeLoopbackPort();
                try {
                    // the throwaway test cluster goes with its server, also when a killed test JVM never cleans up
                    postmaster = Postmaster.start(binaries, directory, settings(port, durable), !durable, STARTUP_WAIT);
                } catch (EmbeddedPostgresException e) {
                    // the free port was taken between choosing it and PostgreSQL binding it: choose again
                    if (attempt == PORT_ATTEMPTS
                            || !String.valueOf(e.getMessage()).contains("could not bind")) {
                        throw e;
                    }
                }
            }
            if (!credentials.applicationIsSuperuser()
                    && (created != null || !ClusterSetup.canLogIn(port, credentials))) {
                ClusterSetup.provision(port, credentials);
            }
            LOG.info(
                    "Embedded PostgreSQL ready on 127.0.0.1:{} in {} ms (data directory {})",
                    port,
                    (System.nanoTime() - started) / 1_000_000,
                    directory);
            return new EmbeddedPostgresServer(directory, durable, credentials, port, postmaster, lock);
        } catch (RuntimeException e) {
            try {
                if (postmaster != null) {
                    postmaster.stop();
                }
            } catch (RuntimeException stopFailure) {
                e.addSuppressed(stopFailure);
            } finally {
                lock.close();
            }
            if (String.valueOf(e.getMessage()).contains("incompatible with server")) {
                throw new EmbeddedPostgresException(
                        "The data directory " + directory + " was made by another major version of PostgreSQL than"
                                + " the 17 that rillflow-embedded runs (earlier Rillflow builds brought 14). Upgrade it"
                                + " with pg_upgrade, or dump it with its own version's pg_dump and restore the dump"
                                + " into a new directory. " + e.getMessage(),
                        e);
            }
            throw e;
        }
    }

    private static Map<String, String> settings(int port, boolean durable) {
        String onOff = durable ? "on" : "off";
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("port", Integer.toString(port));
        settings.put("listen_addresses", "127.0.0.1");
        settings.put("unix_socket_directories", ""); // no socket: nothing to guard in /tmp
        settings.put("password_encryption", "scram-sha-256");
        settings.put("max_connections", "300");
        settings.put("timezone", "UTC");
        settings.put("fsync", onOff);
        settings.put("synchronous_commit", onOff);
        settings.put("full_page_writes", onOff);
        return settings;
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Cannot find a free port on 127.0.0.1: " + e, e);
        }
    }

    /**
     * A JDBC URL for the application's database as the application's role, password included: treat it as a secret
     * (never log it unredacted).
     */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + credentials.database() + "?user=" + credentials.user()
                + "&password=" + credentials.password();
    }

    /** The TCP port the server listens on (loopback only); chosen free at each start. */
    public int port() {
        return port;
    }

    /** Where the cluster's files live. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Whether commits are flushed to disk before they are acknowledged. */
    public boolean durable() {
        return durable;
    }

    /** Stops the server (fast shutdown: open transactions roll back); the shared test server runs until the JVM exits. */
    @Override
    public void close() {
        if (this == shared) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or about to: stop() below is idempotent
        }
        stop();
    }

    private void stop() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            postmaster.stop();
        } finally {
            lock.close();
        }
    }

    private static void deleteRecursively(Path directory) {
        try (var paths = Files.walk(directory)) {
            List<Path> all = new ArrayList<>(paths.toList());
            Collections.reverse(all);
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("Could not delete the test cluster {}: {}", directory, e.toString());
        }
    }
}
