package io.rillflow.schema.internal;

import io.rillflow.RillflowException;
import io.rillflow.internal.Sha256;
import io.rillflow.schema.Migration;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the migration files shipped under {@code io/rillflow/migrations/} on the class path: the core ones, and under
 * {@code conjoined/} those that add the tenant column to a conjoined store's tables (versions from
 * {@value #FIRST_CONJOINED} on, so a schema's applied versions say which set it has).
 */
final class MigrationCatalog {
    static final String LOCATION = "io/rillflow/migrations/";
    static final String CONJOINED = "conjoined/";
    /** The first version of a conjoined migration; core versions stay below it. */
    static final int FIRST_CONJOINED = 1000;

    static final String SCHEMA_PLACEHOLDER = "${schema}";
    private static final Pattern FILE_NAME = Pattern.compile("(\\d{4})_([a-z0-9_]+)\\.sql");

    private MigrationCatalog() {}

    /**
     * The migrations in version order, with {@code quotedSchema} substituted; checksums are of the raw text.
     *
     * @param conjoined whether to add the conjoined ones to the core ones
     */
    static List<Migration> load(ClassLoader loader, String quotedSchema, boolean conjoined) {
        List<Migration> migrations = new ArrayList<>(load(loader, quotedSchema, ""));
        if (conjoined) {
            migrations.addAll(load(loader, quotedSchema, CONJOINED));
        }
        migrations.sort(Comparator.comparingInt(Migration::version));
        for (int i = 1; i < migrations.size(); i++) {
            if (migrations.get(i).version() == migrations.get(i - 1).version()) {
                throw new RillflowException(
                        "Two migrations share version " + migrations.get(i).version());
            }
        }
        return migrations;
    }

    private static List<Migration> load(ClassLoader loader, String quotedSchema, String folder) {
        List<Migration> migrations = new ArrayList<>();
        for (String file : listFiles(loader, LOCATION + folder)) {
            Matcher m = FILE_NAME.matcher(file);
            if (!m.matches()) {
                throw new RillflowException("Migration file " + folder + file + " is not named NNNN_name.sql");
            }
            int version = Integer.parseInt(m.group(1));
            if ((version >= FIRST_CONJOINED) != folder.equals(CONJOINED)) {
                throw new RillflowException("Migration file " + folder + file + ": versions from " + FIRST_CONJOINED
                        + " on are for the conjoined/ folder, and only those");
            }
            String raw = read(loader, LOCATION + folder + file).replace("\r\n", "\n");
            migrations.add(
                    new Migration(version, m.group(2), Sha256.hex(raw), raw.replace(SCHEMA_PLACEHOLDER, quotedSchema)));
        }
        return migrations;
    }

    private static List<String> listFiles(ClassLoader loader, String location) {
        URL url = loader.getResource(location);
        if (url == null) {
            throw new RillflowException("No migrations found at " + location + " on the class path: is the"
                    + " rillflow-runtime jar complete?");
        }
        try {
            if ("jar".equals(url.getProtocol())) {
                JarURLConnection connection = (JarURLConnection) url.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    return jar.stream()
                            .map(JarEntry::getName)
                            .filter(n -> n.startsWith(location) && n.endsWith(".sql"))
                            .map(n -> n.substring(location.length()))
                            .filter(n -> !n.contains("/"))
                            .toList();
                }
            }
            if ("file".equals(url.getProtocol())) {
                try (Stream<Path> listing = Files.list(Path.of(url.toURI()))) {
                    return listing.map(p -> p.getFileName().toString())
                            .filter(n -> n.endsWith(".sql"))
                            .toList();
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new RillflowException("Cannot list the migrations at " + url + ": " + e, e);
        }
        throw new RillflowException("Cannot list migrations from a " + url.getProtocol() + " class path entry: " + url);
    }

    private static String read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new RillflowException("Migration " + resource + " disappeared from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RillflowException("Cannot read migration " + resource + ": " + e, e);
        }
    }
}
