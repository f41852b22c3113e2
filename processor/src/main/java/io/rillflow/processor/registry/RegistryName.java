package io.rillflow.processor.registry;

import com.palantir.javapoet.ClassName;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Predicate;
import javax.lang.model.SourceVersion;

/**
 * The name of a compilation's registry: the class {@code -Arillflow.registry} names, or {@code Rillflow_Registry} in
 * the alphabetically first package of the registered types. The default depends only on what is registered (never on
 * a hash or on which sources this compilation happens to see), so a clean build and a partial one name it alike; a
 * numbered name is taken only when the default belongs to another output, such as the main classes seen from a test
 * compilation of the same package.
 */
public final class RegistryName {
    /** The processor option that names the registry class. */
    public static final String OPTION = "rillflow.registry";

    static final String DEFAULT_SIMPLE_NAME = "Rillflow_Registry";

    private RegistryName() {}

    /**
     * The registry the option names, if it is set.
     *
     * @throws IllegalArgumentException if the value is not a qualified class name with a package
     */
    static Optional<ClassName> fromOption(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String name = value.trim();
        if (!SourceVersion.isName(name) || name.indexOf('.') < 0) {
            throw new IllegalArgumentException(value);
        }
        int dot = name.lastIndexOf('.');
        return Optional.of(ClassName.get(name.substring(0, dot), name.substring(dot + 1)));
    }

    /**
     * {@code Rillflow_Registry} (or the first free {@code Rillflow_Registry2}, {@code 3}...) in the alphabetically
     * first of {@code packages} (at least one).
     */
    static ClassName byDefault(Collection<String> packages, Predicate<ClassName> taken) {
        String first = packages.stream().sorted().findFirst().orElseThrow();
        ClassName name = ClassName.get(first, DEFAULT_SIMPLE_NAME);
        for (int n = 2; taken.test(name); n++) {
            name = ClassName.get(first, DEFAULT_SIMPLE_NAME + n);
        }
        return name;
    }
}
