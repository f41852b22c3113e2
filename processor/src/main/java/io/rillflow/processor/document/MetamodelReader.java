package io.rillflow.processor.document;

import com.palantir.javapoet.ClassName;
import io.rillflow.processor.Message;
import io.rillflow.processor.ValidationReport;
import io.rillflow.processor.document.PathTypes.PathType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Builds the metamodel of one document from its Jackson properties. A property of one of the user's own records or
 * classes gets a nested path class, generated once per type; a type already being described further up (a cycle)
 * becomes a plain {@code ObjectPath}, which keeps the metamodel finite. Used once per document.
 */
final class MetamodelReader {
    /** The runtime's rule for one segment of a field path ({@code Identifiers.fieldPath}). */
    private static final Pattern JSON_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$\\-]*|[0-9]+");

    private final JacksonProperties jackson;
    private final PathTypes pathTypes;
    private final ClassName metamodel;
    private final ValidationReport.Builder report;
    private final Deque<String> describing = new ArrayDeque<>();
    private final Map<String, String> classByType = new HashMap<>();
    private final Set<String> classNames = new HashSet<>();
    private final List<NestedPathClass> nestedClasses = new ArrayList<>();
    private final List<TypeElement> describedTypes = new ArrayList<>();
    private Element unresolved;

    MetamodelReader(
            JacksonProperties jackson, PathTypes pathTypes, ClassName metamodel, ValidationReport.Builder report) {
        this.jackson = jackson;
        this.pathTypes = pathTypes;
        this.metamodel = metamodel;
        this.report = report;
        classNames.add(metamodel.simpleName());
    }

    /**
     * The metamodel of {@code document}.
     *
     * @param fullText the text search configuration of each {@code @FullText} property, by implicit name
     */
    MetamodelDescriptor read(TypeElement document, List<Property> properties, Map<String, String> fullText) {
        describing.push(document.getQualifiedName().toString());
        List<PathDescriptor> fields = paths(document, properties, fullText);
        describing.pop();
        List<NestedPathClass> sorted = new ArrayList<>(nestedClasses);
        sorted.sort(Comparator.comparing(NestedPathClass::simpleName));
        return new MetamodelDescriptor(metamodel, fields, sorted);
    }

    /** A property whose type could not be resolved, if any: the document must wait for a later round. */
    Element unresolved() {
        return unresolved;
    }

    /** The user types that nested path classes describe, in the order they were described. */
    List<TypeElement> describedTypes() {
        return List.copyOf(describedTypes);
    }

    private List<PathDescriptor> paths(TypeElement owner, List<Property> properties, Map<String, String> fullText) {
        List<PathDescriptor> fields = new ArrayList<>();
        Set<String> javaNames = new HashSet<>();
        for (Property property : properties) {
            if (PathTypes.unresolved(property.type())) {
                if (unresolved == null) {
                    unresolved = property.position();
                }
                continue;
            }
            if (!JSON_NAME.matcher(property.jsonName()).matches()) {
                report.add(
                        Message.PROPERTY_NAME_INVALID,
                        property.position(),
                        property.jsonName(),
                        owner.getQualifiedName());
                continue;
            }
            PathType type = pathTypes.classify(property.type(), metamodel.packageName());
            PathKind kind = type.kind();
            String nestedClass = null;
            String language = fullText.get(property.implicitName());
            if (kind == PathKind.STRING && language != null) {
                kind = PathKind.FULL_TEXT;
            } else {
                language = null;
            }
            if (kind == PathKind.NESTED) {
                nestedClass = nestedClassFor(type.nestedType());
                if (nestedClass == null) {
                    kind = PathKind.OBJECT;
                }
            }
            String javaName = unique(identifier(property.implicitName()), javaNames);
            fields.add(new PathDescriptor(javaName, property.jsonName(), kind, type.argument(), nestedClass, language));
        }
        return fields;
    }

    /** The nested path class of {@code type}, generating it on first use; null for a cycle or a type without fields. */
    private String nestedClassFor(TypeElement type) {
        String qualifiedName = type.getQualifiedName().toString();
        if (describing.contains(qualifiedName)) {
            return null;
        }
        String known = classByType.get(qualifiedName);
        if (known != null) {
            return known;
        }
        List<Property> properties = jackson.of(type);
        if (properties.isEmpty()) {
            return null;
        }
        describing.push(qualifiedName);
        List<PathDescriptor> fields = paths(type, properties, Map.of());
        describing.pop();
        String name = unique(type.getSimpleName() + "_", classNames);
        classByType.put(qualifiedName, name);
        nestedClasses.add(new NestedPathClass(name, qualifiedName, fields));
        describedTypes.add(type);
        return name;
    }

    /** {@code name} made a valid Java identifier: invalid characters become {@code _}, keywords get a {@code _}. */
    static String identifier(String name) {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean valid = i == 0 ? Character.isJavaIdentifierStart(c) : Character.isJavaIdentifierPart(c);
            if (i == 0 && !valid && Character.isJavaIdentifierPart(c)) {
                id.append('_').append(c);
            } else {
                id.append(valid ? c : '_');
            }
        }
        String result = id.length() == 0 ? "_" : id.toString();
        return SourceVersion.isKeyword(result) || result.equals("_") ? result + "_" : result;
    }

    /** {@code name}, or {@code name2}, {@code name3}... if taken; records the result as taken. */
    private static String unique(String name, Set<String> taken) {
        String candidate = name;
        for (int i = 2; !taken.add(candidate); i++) {
            candidate = name + i;
        }
        return candidate;
    }
}
