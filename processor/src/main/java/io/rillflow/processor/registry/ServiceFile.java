package io.rillflow.processor.registry;

import io.rillflow.processor.RuntimeTypes;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * The {@code META-INF/services/io.rillflow.spi.RillflowRegistry} file of the class output, read and written through
 * the {@link Filer} as AutoService does, so that a compilation of some of the sources merges its registry into the list
 * an earlier compilation wrote instead of replacing it.
 */
final class ServiceFile {
    static final String PATH = "META-INF/services/" + RuntimeTypes.REGISTRY.canonicalName();

    private ServiceFile() {}

    /** The registries the file lists (without comments and blank lines), empty if there is no file yet. */
    static Set<String> read(Filer filer) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        try {
            FileObject file = filer.getResource(StandardLocation.CLASS_OUTPUT, "", PATH);
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(file.openInputStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    int comment = line.indexOf('#');
                    String name = (comment < 0 ? line : line.substring(0, comment)).trim();
                    if (!name.isEmpty()) {
                        names.add(name);
                    }
                }
            }
        } catch (FileNotFoundException | NoSuchFileException e) {
            // the first compilation into this output: nothing to merge
        }
        return names;
    }

    /** Whether the class output holds the class file of the top-level class {@code qualifiedName}. */
    static boolean classFileExists(Filer filer, String qualifiedName) throws IOException {
        int dot = qualifiedName.lastIndexOf('.');
        String packageName = dot < 0 ? "" : qualifiedName.substring(0, dot);
        try {
            FileObject file = filer.getResource(
                    StandardLocation.CLASS_OUTPUT, packageName, qualifiedName.substring(dot + 1) + ".class");
            file.openInputStream().close();
            return true;
        } catch (FileNotFoundException | NoSuchFileException e) {
            return false;
        }
    }

    /** Writes the file listing {@code names}, one a line, in their iteration order. */
    static void write(Filer filer, Collection<String> names) throws IOException {
        FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", PATH);
        try (Writer writer = new OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
            for (String name : names) {
                writer.write(name);
                writer.write('\n');
            }
        }
    }
}
