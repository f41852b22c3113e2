package io.rillflow.processor.document;

import com.palantir.javapoet.ClassName;
import io.rillflow.processor.AnnotationMirrors;
import io.rillflow.processor.AnnotationNames;
import io.rillflow.processor.Message;
import io.rillflow.processor.ValidationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Finds a document's one {@code @Id} property, checks its type (UUID, String, long or Long) and decides how the
 * generated repository reads it: the record accessor, a getter, or a field it can see.
 */
final class IdReader {
    private static final Set<String> ID_TYPES = Set.of("java.util.UUID", "java.lang.String", "java.lang.Long");

    private IdReader() {}

    /** The id's type and accessor. */
    record Id(ClassName type, DocumentDescriptor.IdAccess access) {}

    /** One member annotated {@code @Id}, with the property it belongs to. */
    private record IdMember(Property property, Element source, AnnotationMirror mirror) {}

    /**
     * The id of {@code type}, or empty after reporting why there is none.
     *
     * @param unstoredId whether an {@code @Id} on a member Jackson does not write was already reported
     */
    static Optional<Id> read(
            TypeElement type,
            List<Property> properties,
            ClassName repository,
            boolean unstoredId,
            ValidationReport.Builder report) {
        List<IdMember> ids = new ArrayList<>();
        for (Property property : properties) {
            for (Element source : property.sources()) {
                Optional<AnnotationMirror> mirror = AnnotationMirrors.find(source, AnnotationNames.ID);
                if (mirror.isPresent()) {
                    ids.add(new IdMember(property, source, mirror.get()));
                    break;
                }
            }
        }
        if (ids.isEmpty()) {
            if (!unstoredId) {
                report.add(Message.DOCUMENT_MISSING_ID, type, type.getQualifiedName());
            }
            return Optional.empty();
        }
        if (ids.size() > 1) {
            IdMember second = ids.get(1);
            report.add(
                    Message.DOCUMENT_DUPLICATE_ID,
                    second.source(),
                    second.mirror(),
                    null,
                    type.getQualifiedName(),
                    ids.get(0).property().implicitName(),
                    second.property().implicitName());
            return Optional.empty();
        }
        IdMember id = ids.get(0);
        String member = type.getSimpleName() + "." + id.property().implicitName();
        ClassName idType = idType(id.property().type());
        if (idType == null) {
            report.add(
                    Message.ID_UNSUPPORTED_TYPE,
                    id.source(),
                    id.mirror(),
                    null,
                    member,
                    id.property().type());
            return Optional.empty();
        }
        Property property = id.property();
        String packageName = DocumentNames.packageName(type);
        if (property.getter() != null && readable(property.getter(), packageName)) {
            return Optional.of(new Id(
                    idType,
                    new DocumentDescriptor.IdAccess(
                            property.getter().getSimpleName().toString(), true)));
        }
        if (property.field() != null
                && type.getKind() != ElementKind.RECORD
                && readable(property.field(), packageName)) {
            return Optional.of(new Id(
                    idType,
                    new DocumentDescriptor.IdAccess(
                            property.field().getSimpleName().toString(), false)));
        }
        report.add(Message.ID_NOT_READABLE, id.source(), id.mirror(), null, member, repository.simpleName());
        return Optional.empty();
    }

    private static ClassName idType(TypeMirror type) {
        if (type.getKind() == TypeKind.LONG) {
            return ClassName.get(Long.class);
        }
        if (type.getKind() == TypeKind.DECLARED) {
            TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
            if (ID_TYPES.contains(element.getQualifiedName().toString())) {
                return ClassName.get(element);
            }
        }
        return null;
    }

    private static boolean readable(Element member, String packageName) {
        Set<Modifier> modifiers = member.getModifiers();
        return modifiers.contains(Modifier.PUBLIC)
                || (!modifiers.contains(Modifier.PRIVATE)
                        && DocumentNames.packageName(member).equals(packageName));
    }
}
