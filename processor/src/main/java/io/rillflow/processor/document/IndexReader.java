package io.rillflow.processor.document;

import io.rillflow.processor.AnnotationMirrors;
import io.rillflow.processor.AnnotationNames;
import io.rillflow.processor.Message;
import io.rillflow.processor.ValidationReport;
import io.rillflow.sql.NameSuggestions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Reads a document's {@code @Index} annotations (on its properties, and on the type with a dotted path) and its
 * {@code @FullText} properties into index descriptors, resolving every path through the metamodel, so an index is
 * always on a field that is stored and of a kind that suits it.
 */
final class IndexReader {
    private static final Pattern INDEX_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** PostgreSQL silently truncates longer identifiers, which could merge two index names into one. */
    private static final int MAX_IDENTIFIER = 63;

    private final TypeElement document;
    private final String documentName;
    private final MetamodelDescriptor metamodel;
    private final ValidationReport.Builder report;
    private final List<IndexDescriptor> indexes = new ArrayList<>();
    private final Map<String, String> declaredAt = new HashMap<>();

    IndexReader(
            TypeElement document, String documentName, MetamodelDescriptor metamodel, ValidationReport.Builder report) {
        this.document = document;
        this.documentName = documentName;
        this.metamodel = metamodel;
        this.report = report;
    }

    /** The indexes of the properties, then of the type, then the full-text ones, in declaration order. */
    List<IndexDescriptor> read(List<Property> properties) {
        for (Property property : properties) {
            Optional<PathDescriptor> field = MetamodelDescriptor.byJsonName(metamodel.fields(), property.jsonName());
            for (Element source : property.sources()) {
                for (AnnotationMirror mirror :
                        AnnotationMirrors.findRepeated(source, AnnotationNames.INDEX, AnnotationNames.INDEXES)) {
                    field.ifPresent(f -> memberIndex(source, mirror, property, f));
                }
            }
        }
        for (AnnotationMirror mirror :
                AnnotationMirrors.findRepeated(document, AnnotationNames.INDEX, AnnotationNames.INDEXES)) {
            typeIndex(mirror);
        }
        for (PathDescriptor field : metamodel.fields()) {
            if (field.kind() == PathKind.FULL_TEXT) {
                Property property = properties.stream()
                        .filter(p -> p.jsonName().equals(field.jsonName()))
                        .findFirst()
                        .orElseThrow();
                Element source = property.sources().stream()
                        .filter(s -> AnnotationMirrors.find(s, AnnotationNames.FULL_TEXT)
                                .isPresent())
                        .findFirst()
                        .orElseThrow();
                AnnotationMirror mirror = AnnotationMirrors.find(source, AnnotationNames.FULL_TEXT)
                        .orElseThrow();
                String name = field.jsonName() + "_fts";
                String where = simpleName() + "." + property.implicitName();
                if (validName(name, where, source, mirror, null)) {
                    add(
                            new IndexDescriptor(name, IndexDescriptor.Kind.FULL_TEXT, false, List.of(field.javaName())),
                            where,
                            source,
                            mirror,
                            null);
                }
            }
        }
        return List.copyOf(indexes);
    }

    private void memberIndex(Element source, AnnotationMirror mirror, Property property, PathDescriptor field) {
        String where = simpleName() + "." + property.implicitName();
        Optional<AnnotationValue> path = AnnotationMirrors.explicitValue(mirror, "path");
        String pathText = AnnotationMirrors.string(mirror, "path", "");
        if (!pathText.isEmpty()) {
            report.add(
                    Message.INDEX_PATH_ON_MEMBER,
                    source,
                    mirror,
                    path.orElse(null),
                    where,
                    pathText,
                    property.jsonName() + "." + pathText,
                    simpleName());
            return;
        }
        checked(source, mirror, where, field.jsonName(), field, List.of(field.javaName()));
    }

    private void typeIndex(AnnotationMirror mirror) {
        String path = AnnotationMirrors.string(mirror, "path", "");
        AnnotationValue pathValue =
                AnnotationMirrors.explicitValue(mirror, "path").orElse(null);
        if (path.isEmpty()) {
            report.add(Message.INDEX_WITHOUT_PATH, document, mirror, pathValue, simpleName());
            return;
        }
        String[] segments = path.split("\\.", -1);
        List<PathDescriptor> scope = metamodel.fields();
        String owner = simpleName();
        List<String> javaPath = new ArrayList<>();
        PathDescriptor field = null;
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            Optional<PathDescriptor> found = MetamodelDescriptor.byJsonName(scope, segment);
            if (found.isEmpty()) {
                List<String> known =
                        scope.stream().map(PathDescriptor::jsonName).toList();
                String hint = NameSuggestions.closest(segment, known)
                        .map(Message::didYouMean)
                        .orElse(Message.knownNames("Its properties are", known));
                report.add(
                        Message.INDEX_UNKNOWN_FIELD,
                        document,
                        mirror,
                        pathValue,
                        path,
                        simpleName(),
                        owner,
                        segment,
                        hint);
                return;
            }
            field = found.get();
            javaPath.add(field.javaName());
            if (i < segments.length - 1) {
                if (field.kind() != PathKind.NESTED) {
                    String prefix = String.join(".", List.of(segments).subList(0, i + 1));
                    report.add(
                            Message.INDEX_PATH_NOT_NAVIGABLE,
                            document,
                            mirror,
                            pathValue,
                            path,
                            simpleName(),
                            prefix,
                            field.kind().description());
                    return;
                }
                NestedPathClass nested = metamodel.nestedClass(field.nestedClass());
                scope = nested.fields();
                owner = nested.typeName().substring(nested.typeName().lastIndexOf('.') + 1);
            }
        }
        checked(document, mirror, simpleName() + " (path \"" + path + "\")", path, field, javaPath);
    }

    /** Checks kind, uniqueness and name of an index on a resolved field, and records it if all is well. */
    private void checked(
            Element element,
            AnnotationMirror mirror,
            String where,
            String jsonPath,
            PathDescriptor field,
            List<String> javaPath) {
        String kind = AnnotationMirrors.enumConstant(mirror, "kind", "BTREE");
        boolean unique = AnnotationMirrors.bool(mirror, "unique", false);
        AnnotationValue kindValue =
                AnnotationMirrors.explicitValue(mirror, "kind").orElse(null);
        if (kind.equals("GIN") && unique) {
            AnnotationValue uniqueValue =
                    AnnotationMirrors.explicitValue(mirror, "unique").orElse(null);
            report.add(Message.INDEX_UNIQUE_GIN, element, mirror, uniqueValue, where);
            return;
        }
        if (kind.equals("BTREE") && !field.kind().scalar()) {
            report.add(
                    Message.INDEX_BTREE_NOT_SCALAR,
                    element,
                    mirror,
                    kindValue,
                    where,
                    jsonPath,
                    field.kind().description());
            return;
        }
        if (kind.equals("GIN") && field.kind().scalar()) {
            report.add(
                    Message.INDEX_GIN_ON_SCALAR,
                    element,
                    mirror,
                    kindValue,
                    where,
                    jsonPath,
                    field.kind().description());
            return;
        }
        AnnotationValue nameValue =
                AnnotationMirrors.explicitValue(mirror, "name").orElse(null);
        String name = AnnotationMirrors.string(mirror, "name", "");
        if (name.isEmpty()) {
            name = jsonPath.replace('.', '_');
        }
        if (!validName(name, where, element, mirror, nameValue)) {
            return;
        }
        IndexDescriptor.Kind descriptorKind =
                kind.equals("GIN") ? IndexDescriptor.Kind.GIN : IndexDescriptor.Kind.BTREE;
        add(new IndexDescriptor(name, descriptorKind, unique, javaPath), where, element, mirror, nameValue);
    }

    private boolean validName(
            String name, String where, Element element, AnnotationMirror mirror, AnnotationValue nameValue) {
        int maxLength = MAX_IDENTIFIER - ("rf_doc_" + documentName + "_").length();
        if (INDEX_NAME.matcher(name).matches() && name.length() <= maxLength) {
            return true;
        }
        report.add(Message.INDEX_INVALID_NAME, element, mirror, nameValue, name, where, maxLength, documentName);
        return false;
    }

    private void add(
            IndexDescriptor index, String where, Element element, AnnotationMirror mirror, AnnotationValue nameValue) {
        String previous = declaredAt.putIfAbsent(index.name(), where);
        if (previous != null) {
            report.add(Message.INDEX_DUPLICATE_NAME, element, mirror, nameValue, index.name(), where, previous);
            return;
        }
        indexes.add(index);
    }

    private String simpleName() {
        return document.getSimpleName().toString();
    }
}
