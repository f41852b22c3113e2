package io.rillflow.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second application class loader in one JVM (a second {@code exec:java} run, a framework's restart loader) with
 * its own copy of pgjdbc: the server must start there although {@code DriverManager} was initialised by another loader.
 */
class ClassLoaderIsolationTest {

    @Test
    void aServerStartsFromASecondClassLoaderWithItsOwnCopyOfTheDriver(@TempDir Path dir) throws Exception {
        // The test's own loader registers its driver with DriverManager first, as the first exec:java run did.
        try (Connection c =
                DriverManager.getConnection(EmbeddedPostgresServer.shared().jdbcUrl())) {
            assertThat(c.isValid(1)).isTrue();
        }
        List<URL> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            classPath.add(new File(entry).toURI().toURL());
        }
        try (URLClassLoader isolated =
                new URLClassLoader(classPath.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            Class<?> server = isolated.loadClass(EmbeddedPostgresServer.class.getName());
            assertThat(server).isNotSameAs(EmbeddedPostgresServer.class);
            AutoCloseable started =
                    (AutoCloseable) server.getMethod("start", Path.class).invoke(null, dir);
            try {
                String url = (String) server.getMethod("jdbcUrl").invoke(started);
                assertThat(url).contains("user=rillflow");
                assertThat(canConnect(url)).isTrue();
            } finally {
                started.close();
            }
        }
    }

    private static boolean canConnect(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            return c.isValid(1);
        }
    }
}
