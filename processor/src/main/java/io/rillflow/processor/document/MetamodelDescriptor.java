package io.rillflow.processor.document;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Optional;

/**
 * The metamodel of a document ({@code Customer_}): its top-level path fields and its nested path classes.
 *
 * @param name the generated class
 * @param fields the top-level path fields, in property order
 * @param nestedClasses the nested path classes, sorted by name
 */
public record MetamodelDescriptor(ClassName name, List<PathDescriptor> fields, List<NestedPathClass> nestedClasses) {
    public MetamodelDescriptor {
        fields = List.copyOf(fields);
        nestedClasses = List.copyOf(nestedClasses);
    }

    /** The nested path class named {@code simpleName}. */
    public NestedPathClass nestedClass(String simpleName) {
        return nestedClasses.stream()
                .filter(c -> c.simpleName().equals(simpleName))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No nested path class " + simpleName));
    }

    /** The path field whose JSON name is {@code jsonName} among {@code scope}. */
    public static Optional<PathDescriptor> byJsonName(List<PathDescriptor> scope, String jsonName) {
        return scope.stream().filter(f -> f.jsonName().equals(jsonName)).findFirst();
    }
}
