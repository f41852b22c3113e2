package io.rillflow.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What another local process can do with a running embedded store: nothing without the password file. */
class EmbeddedSecurityTest {
    @TempDir
    static Path dir;

    private static EmbeddedPostgresServer server;

    @BeforeAll
    static void start() {
        server = EmbeddedPostgresServer.start(dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void passwordsAreKeptInAnOwnerOnlyFileThatLetsTheApplicationIn() throws Exception {
        Path file = dir.resolve(ClusterCredentials.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        assertThat(p.getProperty("user")).isEqualTo("rillflow");
        assertThat(p.getProperty("password")).hasSizeGreaterThanOrEqualTo(40);
        assertThat(p.getProperty("superuser.password")).isNotEqualTo(p.getProperty("password"));
        assertThat(server.jdbcUrl()).contains("user=rillflow").contains("password=" + p.getProperty("password"));
        try (Connection c = superuser()) {
            assertThat(query(c, "select rolsuper::text from pg_roles where rolname = current_user"))
                    .isEqualTo("true");
        }
    }

    @Test
    void connectionsWithoutOrWithAWrongPasswordAreRefusedForEveryRole() {
        String base = "jdbc:postgresql://127.0.0.1:" + server.port() + "/";
        for (String user : List.of("rillflow", "postgres")) {
            assertThatThrownBy(() -> DriverManager.getConnection(base + "rillflow?user=" + user)
                            .close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password");
            assertThatThrownBy(() -> DriverManager.getConnection(base + "postgres", user, "wrong")
                            .close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed for user \"" + user + "\"");
        }
    }

    @Test
    void everyAuthenticationRuleAsksForAScramPassword() throws Exception {
        try (Connection c = superuser()) {
            assertThat(query(c, "show password_encryption")).isEqualTo("scram-sha-256");
            assertThat(query(
                            c,
                            "select string_agg(left(rolpassword, 14), ' ') from pg_authid"
                                    + " where rolname in ('postgres', 'rillflow')"))
                    .isEqualTo("SCRAM-SHA-256$ SCRAM-SHA-256$");
        }
        List<String> rules = Files.readAllLines(dir.resolve("pg_hba.conf")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .toList();
        assertThat(rules).containsExactly("host all all 127.0.0.1/32 scram-sha-256");
    }

    @Test
    void thereIsNoUnixSocketToConnectThrough() throws Exception {
        try (Connection c = superuser()) { // the application role may not even read this setting
            assertThat(query(c, "show unix_socket_directories")).isEmpty();
        }
        Path inTmp = Path.of("/tmp", ".s.PGSQL." + server.port());
        assertThatThrownBy(() ->
                        SocketChannel.open(UnixDomainSocketAddress.of(inTmp)).close())
                .isInstanceOf(IOException.class);
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.map(Path::getFileName).map(Path::toString)).noneMatch(n -> n.startsWith(".s.PGSQL"));
        }
    }

    @Test
    void theServerListensOnLoopbackOnly() throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl())) {
            assertThat(query(c, "show listen_addresses")).isEqualTo("127.0.0.1");
        }
        Optional<InetAddress> external = externalAddress();
        if (external.isPresent()) { // a machine with a network interface: the port is closed there
            assertThatThrownBy(() -> {
                        try (Socket s = new Socket()) {
                            s.connect(new InetSocketAddress(external.get(), server.port()), 2000);
                        }
                    })
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void theApplicationRoleIsNoSuperuserAndCannotRunPrograms() throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl())) {
            assertThat(query(
                            c,
                            "select current_user || ' ' || rolsuper || ' ' || rolcreaterole || ' ' || rolcreatedb"
                                    + " from pg_roles where rolname = current_user"))
                    .isEqualTo("rillflow false false false");
            assertThat(query(
                            c,
                            "select pg_catalog.pg_get_userbyid(datdba) from pg_database"
                                    + " where datname = current_database()"))
                    .isEqualTo("rillflow");
            assertThatThrownBy(() -> query(c, "copy (select 1) to program 'touch /tmp/rillflow-pwned'"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> query(c, "select pg_read_file('postgresql.conf')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
            assertThat(query(c, "checkpoint"))
                    .as("pg_checkpoint is its one predefined role")
                    .isNull();
        }
    }

    private static Connection superuser() throws SQLException {
        ClusterCredentials credentials = ClusterCredentials.read(dir).orElseThrow();
        String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres";
        return DriverManager.getConnection(url, "postgres", credentials.superuserPassword());
    }

    private static Optional<InetAddress> externalAddress() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                .findFirst();
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (!s.execute(sql)) {
                return null;
            }
            try (ResultSet rs = s.getResultSet()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
