package io.rillflow.cli;

import io.rillflow.Store;
import io.rillflow.StoreBuilder;
import io.rillflow.spi.RillflowRegistry;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * {@code --classpath app.jar:deps}: the application's classes, for the commands that run its handler code. Its
 * generated registries are found as the application finds them, through {@link ServiceLoader} on the thread's context
 * class loader, which is the application's loader while the store is open.
 */
final class ApplicationClasspath {
    static final String SERVICE_FILE = "META-INF/services/" + RillflowRegistry.class.getName();

    /**
     * The application's handlers run as on an application node: each projection's batch holds a connection while
     * its read model may take another (a document table created on first use), and the daemon listens on one more.
     */
    private static final int APPLICATION_CONNECTIONS = 10;

    @Option(
            names = "--classpath",
            required = true,
            paramLabel = "PATH",
            description = {
                "The application's jars and class directories, separated by ':' (';' on Windows), as for java -cp: its generated registries, handlers and their"
                        + " dependencies (Rillflow itself comes with the command).",
                "A directory followed by /* stands for every jar in it.",
                "Example: --classpath='target/app.jar:target/lib/*'"
            })
    private String classpath;

    /** The class path given as {@code path}, for a command whose {@code --classpath} is optional. */
    static ApplicationClasspath of(String path) {
        ApplicationClasspath application = new ApplicationClasspath();
        application.classpath = path;
        return application;
    }

    /**
     * Opens the store with the application's registries; closing the result closes the store and gives the thread its
     * class loader back.
     *
     * @throws IllegalArgumentException if an entry does not exist, or no entry holds a generated registry
     */
    Application open(ConnectionOptions connection) {
        return open(connection, UnaryOperator.identity());
    }

    /** As {@link #open(ConnectionOptions)}, with {@code settings} applied to the store's builder last. */
    Application open(ConnectionOptions connection, UnaryOperator<StoreBuilder> settings) {
        URLClassLoader loader = loader();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            requireRegistry(loader);
            return new Application(connection.openStore(APPLICATION_CONNECTIONS, settings), loader, previous);
        } catch (RuntimeException | LinkageError | ServiceConfigurationError e) {
            thread.setContextClassLoader(previous);
            RuntimeException failure = incomplete(e);
            closeQuietly(loader, failure);
            throw failure;
        }
    }

    /**
     * Reads the application's generated registries, with no database: {@code read} runs while the application's
     * classes can still be loaded.
     *
     * @throws IllegalArgumentException if an entry does not exist, or no entry holds a generated registry
     */
    <T> T readRegistries(Function<List<RillflowRegistry>, T> read) {
        try (URLClassLoader loader = loader()) {
            requireRegistry(loader);
            return read.apply(registries(loader));
        } catch (LinkageError | ServiceConfigurationError e) {
            throw incomplete(e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close the --classpath class loader", e);
        }
    }

    private URLClassLoader loader() {
        return new URLClassLoader(urls(), ApplicationClasspath.class.getClassLoader());
    }

    /** The generated registries {@code loader} lists, sorted by class name as the store reads them. */
    private static List<RillflowRegistry> registries(ClassLoader loader) {
        List<RillflowRegistry> registries = new ArrayList<>();
        ServiceLoader.load(RillflowRegistry.class, loader).forEach(registries::add);
        registries.sort(Comparator.comparing(registry -> registry.getClass().getName()));
        return registries;
    }

    private URL[] urls() {
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                for (Path path : paths(entry)) {
                    try {
                        urls.add(path.toAbsolutePath().toUri().toURL());
                    } catch (MalformedURLException e) {
                        throw new IllegalArgumentException("--classpath entry " + entry + " is not a usable path", e);
                    }
                }
            }
        }
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("--classpath is empty: give the application's jar or classes");
        }
        return urls.toArray(URL[]::new);
    }

    /** The entry's file or directory; {@code dir/*} is every jar in {@code dir}, sorted, as for {@code java -cp}. */
    private static List<Path> paths(String entry) {
        boolean jars = entry.equals("*") || entry.endsWith("/*") || entry.endsWith(File.separator + "*");
        Path path = Path.of(jars ? entry.substring(0, entry.length() - 1) + "." : entry);
        if (jars ? !Files.isDirectory(path) : !Files.exists(path)) {
            throw new IllegalArgumentException("--classpath entry " + entry + " does not exist");
        }
        if (!jars) {
            return List.of(path);
        }
        try (Stream<Path> files = Files.list(path)) {
            return files.filter(f ->
                            f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list --classpath entry " + entry, e);
        }
    }

    /** Looks in the given entries only: a registry the command's own class path carries is not the application's. */
    private void requireRegistry(URLClassLoader loader) {
        try {
            if (!loader.findResources(SERVICE_FILE).hasMoreElements()) {
                throw new IllegalArgumentException("--classpath " + classpath + " has no generated Rillflow registry ("
                        + SERVICE_FILE + "): give the application's jar or classes directory, compiled with the"
                        + " Rillflow annotation processor");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read --classpath " + classpath, e);
        }
    }

    /**
     * A class the application's registries need that the class path lacks (a dependency left out) surfaces as an
     * {@link Error}; the operator gets a usage error naming the class path instead of a stack trace.
     */
    private RuntimeException incomplete(Throwable e) {
        if (e instanceof RuntimeException runtime) {
            return runtime;
        }
        return new IllegalArgumentException(
                "--classpath " + classpath + " cannot load the application's registries (a jar missing?): " + e, e);
    }

    private static void closeQuietly(URLClassLoader loader, RuntimeException failure) {
        try {
            loader.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** The application's store and registries, open on the application's class loader until closed. */
    static final class Application implements AutoCloseable {
        private final Store store;
        private final URLClassLoader loader;
        private final ClassLoader previous;

        private Application(Store store, URLClassLoader loader, ClassLoader previous) {
            this.store = store;
            this.loader = loader;
            this.previous = previous;
        }

        Store store() {
            return store;
        }

        /** The generated registries the application's class path lists, sorted by class name. */
        List<RillflowRegistry> registries() {
            List<RillflowRegistry> registries = new ArrayList<>();
            ServiceLoader.load(RillflowRegistry.class, loader).forEach(registries::add);
            registries.sort(
                    (a, b) -> a.getClass().getName().compareTo(b.getClass().getName()));
            return registries;
        }

        @Override
        public void close() {
            try {
                store.close();
            } finally {
                Thread.currentThread().setContextClassLoader(previous);
                try {
                    loader.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot close the --classpath class loader", e);
                }
            }
        }
    }
}
