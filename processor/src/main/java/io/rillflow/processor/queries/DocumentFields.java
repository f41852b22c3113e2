package io.rillflow.processor.queries;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.rillflow.processor.Message;
import io.rillflow.processor.document.MetamodelDescriptor;
import io.rillflow.processor.document.PathDescriptor;
import io.rillflow.processor.document.PathKind;
import io.rillflow.sql.NameSuggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fields of one document, as its metamodel describes them (the JSON Jackson writes), looked up by the names
 * queries use: capitalized Java property names concatenated in derived method names ({@code AddressCity}), dotted
 * JSON names in {@code @Query} expressions ({@code address.city}).
 */
final class DocumentFields {
    private final String documentName;
    private final MetamodelDescriptor metamodel;

    DocumentFields(String documentName, MetamodelDescriptor metamodel) {
        this.documentName = documentName;
        this.metamodel = metamodel;
    }

    /** The top-level fields, for projections. */
    List<Field> topLevel() {
        List<Field> fields = new ArrayList<>();
        for (PathDescriptor descriptor : metamodel.fields()) {
            fields.add(field(descriptor.javaName(), List.of(descriptor.jsonName()), descriptor));
        }
        return fields;
    }

    /** The field a derived name part such as {@code AddressCity} names. */
    Field byPropertyName(String capitalized) throws QueryProblem {
        Field found = byPropertyName(capitalized, metamodel.fields(), List.of(), "");
        if (found != null) {
            return found;
        }
        String wrong = uncapitalize(capitalized);
        List<String> known =
                metamodel.fields().stream().map(PathDescriptor::javaName).toList();
        throw new QueryProblem(Message.QUERY_UNKNOWN_FIELD, wrong, documentName, hint(wrong, known));
    }

    private Field byPropertyName(String rest, List<PathDescriptor> scope, List<String> segments, String prefix) {
        for (PathDescriptor descriptor : scope) {
            String capitalized = capitalize(descriptor.javaName());
            List<String> path = new ArrayList<>(segments);
            path.add(descriptor.jsonName());
            if (rest.equals(capitalized)) {
                return field(prefix + capitalized, path, descriptor);
            }
            if (descriptor.kind() == PathKind.NESTED && rest.startsWith(capitalized)) {
                List<PathDescriptor> inner =
                        metamodel.nestedClass(descriptor.nestedClass()).fields();
                Field found = byPropertyName(rest.substring(capitalized.length()), inner, path, prefix + capitalized);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The field a dotted JSON path such as {@code address.city} names. */
    Field byJsonPath(String dotted) throws QueryProblem {
        List<PathDescriptor> scope = metamodel.fields();
        List<String> segments = new ArrayList<>();
        String owner = documentName;
        PathDescriptor descriptor = null;
        for (String segment : dotted.split("\\.", -1)) {
            if (descriptor != null) {
                if (descriptor.kind() != PathKind.NESTED) {
                    throw new QueryProblem(
                            Message.QUERY_FIELD_NOT_NAVIGABLE,
                            String.join(".", segments),
                            descriptor.kind().description(),
                            dotted);
                }
                var nested = metamodel.nestedClass(descriptor.nestedClass());
                scope = nested.fields();
                owner = nested.typeName().substring(nested.typeName().lastIndexOf('.') + 1);
            }
            descriptor = MetamodelDescriptor.byJsonName(scope, segment).orElse(null);
            if (descriptor == null) {
                List<String> known =
                        scope.stream().map(PathDescriptor::jsonName).toList();
                throw new QueryProblem(Message.QUERY_UNKNOWN_FIELD, segment, owner, hint(segment, known));
            }
            segments.add(segment);
        }
        return field(dotted, segments, descriptor);
    }

    private Field field(String name, List<String> segments, PathDescriptor descriptor) {
        TypeName valueType =
                switch (descriptor.kind()) {
                    case STRING, FULL_TEXT -> ClassName.get(String.class);
                    case UUID -> ClassName.get("java.util", "UUID");
                    case BOOLEAN -> ClassName.get(Boolean.class);
                    case NUMBER, TEMPORAL, ENUM, COLLECTION -> descriptor.argument();
                    case NESTED, OBJECT -> null;
                };
        String nestedType = descriptor.kind() == PathKind.NESTED
                ? metamodel.nestedClass(descriptor.nestedClass()).typeName()
                : null;
        return new Field(name, segments, descriptor.kind(), valueType, nestedType);
    }

    private static String hint(String wrong, List<String> known) {
        return NameSuggestions.closest(wrong, known)
                .map(Message::didYouMean)
                .orElse(Message.knownNames("Its properties are", known));
    }

    static String capitalize(String name) {
        return name.isEmpty() ? name : name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }

    static String uncapitalize(String name) {
        return name.isEmpty() ? name : name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1);
    }
}
