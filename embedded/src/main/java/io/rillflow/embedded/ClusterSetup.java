package io.rillflow.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * Creates, upgrades and recovers a cluster's data directory, so that {@link EmbeddedPostgresServer} only decides the
 * order. Every step runs PostgreSQL's own programs and quotes their output when they fail.
 */
final class ClusterSetup {
    private static final Duration PROGRAM_WAIT = Duration.ofSeconds(120);
    private static final String HBA = "# Written by Rillflow at every start: only password (SCRAM) logins over loopback"
            + " TCP.\n# The server opens no Unix socket and listens on 127.0.0.1 only.\n"
            + "host all all 127.0.0.1/32 scram-sha-256\n";

    private ClusterSetup() {}

    /**
     * Runs {@code initdb} on the empty {@code dataDirectory}: SCRAM authentication, the {@code postgres} superuser with
     * its own random password (read from a 0600 file, never from the command line), UTF-8 with the C locale so that
     * sort order and indexes do not depend on the host's libc.
     */
    static void initdb(PostgresBinaries binaries, Path dataDirectory, ClusterCredentials credentials, boolean durable) {
        Path passwordFile = null;
        try {
            passwordFile = ClusterCredentials.createPrivateFile(
                    Path.of(System.getProperty("java.io.tmpdir")), "rillflow-initdb-");
            Files.writeString(passwordFile, credentials.superuserPassword() + "\n", StandardCharsets.UTF_8);
            List<String> args = new ArrayList<>(List.of(
                    "-D",
                    dataDirectory.toString(),
                    "-U",
                    ClusterCredentials.SUPERUSER,
                    "-A",
                    "scram-sha-256",
                    "--pwfile=" + passwordFile,
                    "-E",
                    "UTF8",
                    "--locale=C"));
            if (!durable) {
                args.add("--no-sync"); // a throwaway test cluster never needs to survive a power cut
            }
            ProcessOutput.run(binaries.command("initdb", args), null, dataDirectory, PROGRAM_WAIT, "initdb");
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Cannot write initdb's password file: " + e, e);
        } finally {
            deleteQuietly(passwordFile);
        }
    }

    /**
     * Secures a directory created before Rillflow kept credentials (zonky's {@code initdb -A trust}, no passwords): the
     * superuser gets a random password, set in single-user mode so that no server is ever reachable while
     * {@code pg_hba.conf} still says {@code trust}. The application keeps connecting as that superuser, because it owns
     * every object in the directory. The credentials are written before {@code pg_hba.conf} is replaced, so a crash in
     * between repeats the upgrade instead of locking everybody out.
     */
    static ClusterCredentials upgradeLegacy(PostgresBinaries binaries, Path dataDirectory) {
        String hba = read(dataDirectory.resolve("pg_hba.conf"));
        if (!hba.lines().anyMatch(line -> !line.startsWith("#") && line.matches(".*\\btrust\\s*$"))) {
            throw new EmbeddedPostgresException(
                    "The data directory " + dataDirectory + " has a PostgreSQL cluster but no "
                            + ClusterCredentials.FILE_NAME + ": another process may be creating it right now, or its"
                            + " creation was interrupted before the first start. Retry, or delete the directory if it"
                            + " holds nothing you need",
                    null);
        }
        ClusterCredentials credentials = ClusterCredentials.legacySuperuser();
        String output = ProcessOutput.run(
                binaries.command(
                        "postgres",
                        List.of("--single", "-D", dataDirectory.toString(), "-F", ClusterCredentials.SUPERUSER)),
                "ALTER ROLE " + ClusterCredentials.SUPERUSER + " PASSWORD '"
                        + ClusterCredentials.scramVerifier(credentials.password()) + "';\n",
                dataDirectory,
                PROGRAM_WAIT,
                "Setting the superuser's password in single-user mode");
        if (output.contains("ERROR:") || output.contains("FATAL:")) {
            throw new EmbeddedPostgresException(
                    "Setting the superuser's password on " + dataDirectory + " failed; PostgreSQL said:\n" + output,
                    null);
        }
        credentials.write(dataDirectory);
        return credentials;
    }

    /** Replaces {@code pg_hba.conf} so that every connection needs a password, whatever an older version wrote. */
    static void writeHba(Path dataDirectory) {
        Path file = dataDirectory.resolve("pg_hba.conf");
        try {
            if (!read(file).equals(HBA)) {
                Files.writeString(file, HBA, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Cannot write " + file + ": " + e, e);
        }
    }

    /**
     * Makes sure the application's role exists with its password, without superuser, role or database creation rights
     * (its only predefined role is {@code pg_checkpoint}), and owns its database. Idempotent, so a crash between
     * {@code initdb} and the end of the first start heals itself.
     */
    static void provision(int port, ClusterCredentials credentials) {
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (Connection c = connect(url, ClusterCredentials.SUPERUSER, credentials.superuserPassword());
                Statement s = c.createStatement()) {
            String role = credentials.user();
            s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN"
                    + " CREATE ROLE " + role + "; END IF; END $$");
            s.execute("ALTER ROLE " + role + " WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION"
                    + " NOBYPASSRLS PASSWORD '" + ClusterCredentials.scramVerifier(credentials.password()) + "'");
            // CHECKPOINT only (PostgreSQL 15+), for a benchmark or a backup script that settles the disk first.
            s.execute("GRANT pg_checkpoint TO " + role);
            try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                p.setString(1, credentials.database());
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        s.execute("CREATE DATABASE " + credentials.database() + " OWNER " + role);
                    }
                }
            }
        } catch (SQLException e) {
            throw new EmbeddedPostgresException(
                    "Cannot create the role and database " + credentials.user() + " on 127.0.0.1:" + port + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * A connection through pgjdbc's driver itself, not {@code DriverManager}: DriverManager hands a driver only to the
     * class loader that registered it, so a second application class loader in the same JVM (a second
     * {@code exec:java} run, a framework's restart loader) would find "no suitable driver".
     */
    private static Connection connect(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        Connection connection = new Driver().connect(url, properties);
        if (connection == null) {
            throw new SQLException("pgjdbc does not accept the URL " + url);
        }
        return connection;
    }

    /**
     * Whether the application's role logs in: then it was provisioned before, and changing it since would have taken
     * the superuser's password.
     */
    static boolean canLogIn(int port, ClusterCredentials credentials) {
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + credentials.database();
        try (Connection c = connect(url, credentials.user(), credentials.password())) {
            return true;
        } catch (SQLException e) {
            return false; // role or database missing after an interrupted first start; the caller creates them
        }
    }

    /**
     * Stops a server still running on {@code dataDirectory} although no JVM holds the directory's lock any more: the
     * orphan of a JVM (and watchdog) killed with {@code kill -9}. Called only while holding the lock, so the server
     * cannot belong to a live embedded store. {@code pg_ctl stop -m fast} is PostgreSQL's own clean stop.
     */
    static void stopOrphan(PostgresBinaries binaries, Path dataDirectory) {
        List<String> pidFile = Postmaster.pidFile(dataDirectory);
        if (pidFile.isEmpty() || !pidFile.get(0).trim().matches("\\d+")) {
            return;
        }
        Optional<ProcessHandle> orphan = ProcessHandle.of(
                        Long.parseLong(pidFile.get(0).trim()))
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(true));
        if (orphan.isEmpty()) {
            return; // a stale file from a crash; PostgreSQL itself replaces it
        }
        ProcessOutput.run(
                binaries.command(
                        "pg_ctl", List.of("stop", "-D", dataDirectory.toString(), "-m", "fast", "-w", "-t", "60")),
                null,
                dataDirectory,
                PROGRAM_WAIT,
                "Stopping the orphaned PostgreSQL (pid " + orphan.get().pid() + ") left by a killed JVM on "
                        + dataDirectory);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Cannot read " + file + ": " + e, e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a 0600 temporary file in the JVM's temp directory; nothing else can read it
            }
        }
    }
}
