package io.rillflow.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTest {

    @Test
    void durableServerKeepsDataAcrossRestartsWithFsyncOn(@TempDir Path dir) throws SQLException {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir)) {
            try (Connection c = DriverManager.getConnection(server.jdbcUrl());
                    Statement s = c.createStatement()) {
                s.execute("create table kept(v text)");
                s.execute("insert into kept values ('still here')");
                assertThat(setting(s, "fsync")).isEqualTo("on");
                assertThat(setting(s, "synchronous_commit")).isEqualTo("on");
            }
        }
        try (EmbeddedPostgresServer reopened = EmbeddedPostgresServer.start(dir);
                Connection c = DriverManager.getConnection(reopened.jdbcUrl());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select v from kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("still here");
        }
    }

    @Test
    void secondServerOnTheSameDirectoryIsRefusedWithTheDirectoryNamed(@TempDir Path dir) {
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(dir)) {
            assertThat(first.durable()).isTrue();
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(dir))
                    .isInstanceOf(EmbeddedPostgresException.class)
                    .hasMessageContaining(dir.toAbsolutePath().toString())
                    .hasMessageContaining("in use");
        }
    }

    @Test
    void sharedServerIsOneServerWithFsyncOff() throws SQLException {
        EmbeddedPostgresServer shared = EmbeddedPostgresServer.shared();
        assertThat(EmbeddedPostgresServer.shared()).isSameAs(shared);
        assertThat(shared.durable()).isFalse();
        try (Connection c = DriverManager.getConnection(shared.jdbcUrl());
                Statement s = c.createStatement()) {
            assertThat(setting(s, "fsync")).isEqualTo("off");
        }
    }

    @Test
    void serverIsPostgreSql17() throws SQLException {
        try (Connection c = DriverManager.getConnection(
                        EmbeddedPostgresServer.shared().jdbcUrl());
                Statement s = c.createStatement()) {
            assertThat(setting(s, "server_version_num")).startsWith("17");
        }
    }

    @Test
    void serverThatCannotStartIsReportedWithPostgresOwnError(@TempDir Path dir) throws IOException {
        EmbeddedPostgresServer.start(dir).close();
        Files.writeString(dir.resolve("postgresql.conf"), "no_such_setting = on\n", StandardOpenOption.APPEND);

        assertThatThrownBy(() -> EmbeddedPostgresServer.start(dir))
                .isInstanceOf(EmbeddedPostgresException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("unrecognized configuration parameter \"no_such_setting\"");
        Files.writeString(
                dir.resolve("postgresql.conf"),
                Files.readString(dir.resolve("postgresql.conf")).replace("no_such_setting = on\n", ""));
        EmbeddedPostgresServer.start(dir).close(); // the failed start left the directory usable
    }

    @Test
    void directoryOfAnotherMajorVersionIsRefusedWithTheWayToUpgradeIt(@TempDir Path dir) throws IOException {
        EmbeddedPostgresServer.start(dir).close();
        Files.writeString(dir.resolve("PG_VERSION"), "14\n"); // what zonky's default binaries made

        assertThatThrownBy(() -> EmbeddedPostgresServer.start(dir))
                .isInstanceOf(EmbeddedPostgresException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("pg_upgrade")
                .hasMessageContaining("initialized by PostgreSQL version 14");
    }

    private static String setting(Statement s, String name) throws SQLException {
        try (ResultSet rs = s.executeQuery("show " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
