package io.rillflow.processor.registry;

import com.palantir.javapoet.ClassName;
import java.util.Comparator;
import java.util.List;

/**
 * The registry of one compilation: its class and everything it declares, both what this compilation generated and
 * what it kept from the registries of earlier compilations into the same output.
 *
 * @param name the generated class
 * @param entries the entries, sorted by method and then by sort key, so that the same entries give the same source
 */
public record RegistryDescriptor(ClassName name, List<RegistryEntry> entries) {
    private static final Comparator<RegistryEntry> ORDER =
            Comparator.comparing(RegistryEntry::method).thenComparing(RegistryEntry::sortKey);

    public RegistryDescriptor {
        entries = entries.stream().sorted(ORDER).toList();
    }
}
