package io.rillflow.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory as versions before the credentials file created it (zonky's {@code initdb -A trust -U postgres},
 * the store's tables owned by the superuser) is secured on its first start and keeps its data.
 */
class LegacyDirectoryTest {

    @Test
    void trustDirectoryGetsAPasswordAndKeepsItsDataAndItsSuperuserOwner(@TempDir Path dir) throws Exception {
        initialiseTheOldWay(dir);

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir)) {
            assertThat(server.jdbcUrl()).contains("/postgres?user=postgres&password=");
            assertThat(kept(server)).isEqualTo("from the old version");
            assertThat(Files.readString(dir.resolve("pg_hba.conf"))).doesNotContain("trust");
            assertThat(PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(dir.resolve(ClusterCredentials.FILE_NAME))))
                    .isEqualTo("rw-------");
            String noPassword = "jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres?user=postgres";
            assertThatThrownBy(() -> DriverManager.getConnection(noPassword).close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password");
            try (Connection c = DriverManager.getConnection(server.jdbcUrl());
                    Statement s = c.createStatement()) {
                s.execute("insert into kept values ('after the upgrade')");
            }
        }
        String firstPassword = ClusterCredentials.read(dir).orElseThrow().password();
        try (EmbeddedPostgresServer reopened = EmbeddedPostgresServer.start(dir)) {
            assertThat(ClusterCredentials.read(dir).orElseThrow().password()).isEqualTo(firstPassword);
            try (Connection c = DriverManager.getConnection(reopened.jdbcUrl());
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select count(*) from kept")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
        }
    }

    @Test
    void clusterWithoutCredentialsThatNeverTrustedAnyoneIsNotTakenOver(@TempDir Path dir) {
        PostgresBinaries binaries = PostgresBinaries.forHost();
        ClusterSetup.initdb(binaries, dir, ClusterCredentials.generate(), false); // as if the JVM died right after

        assertThatThrownBy(() -> EmbeddedPostgresServer.start(dir))
                .isInstanceOf(EmbeddedPostgresException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("no " + ClusterCredentials.FILE_NAME);
    }

    private static void initialiseTheOldWay(Path dir) throws Exception {
        PostgresBinaries binaries = PostgresBinaries.forHost();
        ProcessOutput.run(
                binaries.command(
                        "initdb", List.of("-A", "trust", "-U", "postgres", "-D", dir.toString(), "-E", "UTF-8", "-N")),
                null,
                dir,
                Duration.ofMinutes(2),
                "initdb");
        ProcessOutput.run(
                binaries.command("postgres", List.of("--single", "-D", dir.toString(), "-F", "postgres")),
                "create table kept(v text);\ninsert into kept values ('from the old version');\n",
                dir,
                Duration.ofMinutes(2),
                "single-user postgres");
        Files.createFile(dir.resolve(DirectoryLock.FILE_NAME));
    }

    private static String kept(EmbeddedPostgresServer server) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select v from kept")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
