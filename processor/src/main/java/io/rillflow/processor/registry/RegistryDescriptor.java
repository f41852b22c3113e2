package io.rillflow.processor.registry;

import com.palantir.javapoet.ClassName;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The registry of what one round generated: {@code RillflowRegistry_<hash>} in the package of the alphabetically
 * first user type, named by a hash of the sorted entries, so that registries of two modules never clash.
 *
 * @param name the generated class
 * @param entries the entries, sorted by method and then by sort key
 */
public record RegistryDescriptor(ClassName name, List<RegistryEntry> entries) {
    public RegistryDescriptor {
        entries = List.copyOf(entries);
    }

    /** The registry of {@code entries} (at least one). */
    public static RegistryDescriptor of(List<RegistryEntry> entries) {
        List<RegistryEntry> sorted = entries.stream()
                .sorted(Comparator.comparing(RegistryEntry::method).thenComparing(RegistryEntry::sortKey))
                .toList();
        String keys = sorted.stream().map(e -> e.method() + " " + e.sortKey()).collect(Collectors.joining("\n"));
        String first = sorted.stream()
                .map(RegistryEntry::origin)
                .map(t ->
                        ClassName.get(t).packageName() + "." + ClassName.get(t).simpleName())
                .sorted()
                .findFirst()
                .orElseThrow();
        String packageName = first.substring(0, first.lastIndexOf('.'));
        return new RegistryDescriptor(ClassName.get(packageName, "RillflowRegistry_" + hash(keys)), sorted);
    }

    /** The first 8 hex digits of the SHA-256 of {@code text}. */
    static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
