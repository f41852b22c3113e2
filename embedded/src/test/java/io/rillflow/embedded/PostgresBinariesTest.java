package io.rillflow.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The binaries cache holds programs that every start executes, so nobody else may write to it. */
class PostgresBinariesTest {

    @Test
    void newCacheIsCreatedOwnerOnly(@TempDir Path dir) throws Exception {
        Path cache = PostgresBinaries.privateDirectory(dir.resolve("cache"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache)))
                .isEqualTo("rwx------");
    }

    @Test
    void cacheOthersMayWriteToIsRefused(@TempDir Path dir) throws Exception {
        Path cache = Files.createDirectory(dir.resolve("cache"));
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> PostgresBinaries.privateDirectory(cache))
                .isInstanceOf(EmbeddedPostgresException.class)
                .hasMessageContaining(cache.toString())
                .hasMessageContaining("rwxrwxrwx")
                .hasMessageContaining("rillflow.embedded.cache");
    }

    @Test
    void cacheThatIsALinkIsRefused(@TempDir Path dir) throws Exception {
        Path real = Files.createDirectory(dir.resolve("real"));
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rwx------"));
        Path link = Files.createSymbolicLink(dir.resolve("cache"), real);

        assertThatThrownBy(() -> PostgresBinaries.privateDirectory(link))
                .isInstanceOf(EmbeddedPostgresException.class)
                .hasMessageContaining("not a plain directory");
    }

    @Test
    void binariesRunPostgreSql17() {
        String version = ProcessOutput.run(
                PostgresBinaries.forHost().command("postgres", List.of("--version")),
                null,
                Path.of(System.getProperty("java.io.tmpdir")),
                Duration.ofSeconds(30),
                "postgres --version");
        assertThat(version).startsWith("postgres (PostgreSQL) 17.");
    }
}
