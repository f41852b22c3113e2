package io.rillflow.processor.document;

import com.palantir.javapoet.ClassName;
import io.rillflow.processor.AnnotationMirrors;
import io.rillflow.processor.AnnotationNames;
import io.rillflow.processor.Message;
import io.rillflow.processor.Reading;
import io.rillflow.processor.ValidationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Validates one {@code @Document} type and, if it is clean, describes what to generate for it. Never prints: the
 * result carries a report, or says the type must wait for a later round because a type it uses is not there yet.
 */
public final class DocumentValidator {
    private final JacksonProperties jackson;
    private final PathTypes pathTypes;
    private final FullTextReader fullText;

    public DocumentValidator(Elements elements, Types types) {
        this.jackson = new JacksonProperties(types);
        this.pathTypes = new PathTypes(elements, types);
        this.fullText = new FullTextReader(pathTypes);
    }

    /** Validates {@code type}, which carries {@code @Document}. */
    public Reading<DocumentDescriptor> validate(TypeElement type) {
        ValidationReport.Builder report = ValidationReport.builder();
        String qualifiedName = type.getQualifiedName().toString();
        String kindProblem = kindProblem(type);
        if (kindProblem != null) {
            report.add(Message.DOCUMENT_NOT_CONCRETE, type, qualifiedName, kindProblem);
            return Reading.failed(report.build());
        }
        boolean isPublic = publicChain(type);
        if (!isPublic) {
            report.add(Message.DOCUMENT_NOT_PUBLIC, type, qualifiedName);
        }
        boolean inner = type.getEnclosingElement() instanceof TypeElement
                && !type.getModifiers().contains(Modifier.STATIC);
        if (inner) {
            report.add(
                    Message.DOCUMENT_INNER_CLASS,
                    type,
                    qualifiedName,
                    type.getEnclosingElement().getSimpleName());
        }
        if (!type.getTypeParameters().isEmpty()) {
            String parameters = type.getTypeParameters().stream()
                    .map(TypeParameterElement::getSimpleName)
                    .collect(Collectors.joining(", ", "<", ">"));
            report.add(Message.DOCUMENT_GENERIC, type, qualifiedName, parameters);
        }
        if (isPublic && !inner && type.getKind() == ElementKind.CLASS && !constructible(type)) {
            report.add(Message.DOCUMENT_NOT_CONSTRUCTIBLE, type, qualifiedName);
        }
        String name = documentName(type, report);

        String packageName = DocumentNames.packageName(type);
        ClassName metamodelName = DocumentNames.generated(type, "_");
        ClassName repositoryName = DocumentNames.generated(type, "Repository");
        List<Property> properties = jackson.of(type);
        Map<String, String> languages = fullText.read(type.getSimpleName().toString(), packageName, properties, report);
        MetamodelReader reader = new MetamodelReader(jackson, pathTypes, metamodelName, report);
        MetamodelDescriptor metamodel = reader.read(type, properties, languages);
        if (reader.unresolved() != null) {
            Element member = reader.unresolved();
            return Reading.waitingFor(
                    "the type of " + member.getEnclosingElement().getSimpleName() + "." + member);
        }
        boolean unstoredId = UnstoredMembers.report(type, properties, report);
        Optional<IdReader.Id> id = IdReader.read(type, properties, repositoryName, unstoredId, report);
        List<IndexDescriptor> indexes = new IndexReader(type, name, metamodel, report).read(properties);
        if (report.hasErrors() || id.isEmpty()) {
            return Reading.failed(report.build());
        }
        List<TypeElement> originating = new ArrayList<>();
        originating.add(type);
        originating.addAll(reader.describedTypes());
        DocumentDescriptor descriptor = new DocumentDescriptor(
                originating,
                ClassName.get(type),
                name,
                id.get().type(),
                id.get().access(),
                metamodel,
                repositoryName,
                indexes,
                AnnotationMirrors.bool(
                        AnnotationMirrors.find(type, AnnotationNames.DOCUMENT).orElseThrow(), "history", false));
        return Reading.of(report.build(), descriptor);
    }

    /** The report for a valid document whose table name an earlier document ({@code owner}) already took. */
    public static ValidationReport duplicateTable(TypeElement type, String documentName, String owner) {
        AnnotationMirror mirror =
                AnnotationMirrors.find(type, AnnotationNames.DOCUMENT).orElseThrow();
        return ValidationReport.builder()
                .add(
                        Message.DOCUMENT_DUPLICATE_NAME,
                        type,
                        mirror,
                        AnnotationMirrors.explicitValue(mirror, "name").orElse(null),
                        type.getQualifiedName(),
                        documentName,
                        owner)
                .build();
    }

    /**
     * The report for a valid document with history whose history table {@code rf_doc_<name>_history} is the table of
     * another document ({@code owner}), or for a document whose table is the history table of another.
     */
    public static ValidationReport historyTableClash(TypeElement type, String documentName, String owner) {
        AnnotationMirror mirror =
                AnnotationMirrors.find(type, AnnotationNames.DOCUMENT).orElseThrow();
        return ValidationReport.builder()
                .add(
                        Message.DOCUMENT_HISTORY_TABLE_CLASH,
                        type,
                        mirror,
                        AnnotationMirrors.explicitValue(mirror, "history").orElse(null),
                        type.getQualifiedName(),
                        documentName,
                        owner)
                .build();
    }

    private static String kindProblem(TypeElement type) {
        return switch (type.getKind()) {
            case INTERFACE -> "an interface";
            case ANNOTATION_TYPE -> "an annotation type";
            case ENUM -> "an enum";
            case CLASS -> type.getModifiers().contains(Modifier.ABSTRACT) ? "abstract" : null;
            default -> null;
        };
    }

    private static boolean publicChain(TypeElement type) {
        for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
            if (!e.getModifiers().contains(Modifier.PUBLIC)) {
                return false;
            }
        }
        return true;
    }

    /** A public no-argument constructor, or a constructor or static factory annotated {@code @JsonCreator}. */
    private static boolean constructible(TypeElement type) {
        for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
            if (constructor.getParameters().isEmpty()
                    && constructor.getModifiers().contains(Modifier.PUBLIC)) {
                return true;
            }
            if (creator(constructor)) {
                return true;
            }
        }
        return ElementFilter.methodsIn(type.getEnclosedElements()).stream()
                .anyMatch(m -> m.getModifiers().contains(Modifier.STATIC) && creator(m));
    }

    private static boolean creator(Element member) {
        return AnnotationMirrors.find(member, AnnotationNames.JSON_CREATOR)
                .map(m -> !AnnotationMirrors.enumConstant(m, "mode", "DEFAULT").equals("DISABLED"))
                .orElse(false);
    }

    private static String documentName(TypeElement type, ValidationReport.Builder report) {
        AnnotationMirror mirror =
                AnnotationMirrors.find(type, AnnotationNames.DOCUMENT).orElseThrow();
        String explicit = AnnotationMirrors.string(mirror, "name", "");
        String name = explicit.isEmpty()
                ? DocumentNames.defaultName(type.getSimpleName().toString())
                : explicit;
        if (!DocumentNames.valid(name)) {
            AnnotationValue value =
                    AnnotationMirrors.explicitValue(mirror, "name").orElse(null);
            report.add(
                    Message.DOCUMENT_INVALID_NAME,
                    type,
                    mirror,
                    value,
                    type.getQualifiedName(),
                    name,
                    DocumentNames.suggestion(name));
        }
        return name;
    }
}
