package io.rillflow.processor.document;

import io.rillflow.processor.AnnotationMirrors;
import io.rillflow.processor.AnnotationNames;
import io.rillflow.processor.Message;
import io.rillflow.processor.ValidationReport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Finds {@code @Id}, {@code @Index} and {@code @FullText} on members that Jackson does not write (private without a
 * getter, {@code @JsonIgnore}d, static, transient), which would index or identify by something never stored.
 */
final class UnstoredMembers {
    private UnstoredMembers() {}

    /**
     * Reports {@code @Id}, {@code @Index} and {@code @FullText} on members that are not part of the stored JSON.
     *
     * @return whether an {@code @Id} was among them (so that "no @Id" is not reported as well)
     */
    static boolean report(TypeElement type, List<Property> properties, ValidationReport.Builder report) {
        Set<Element> stored = new HashSet<>();
        properties.forEach(p -> stored.addAll(p.sources()));
        boolean unstoredId = false;
        for (Element member : members(type)) {
            if (stored.contains(member)) {
                continue;
            }
            String name = type.getSimpleName() + "." + member.getSimpleName()
                    + (member.getKind() == ElementKind.METHOD ? "()" : "");
            Optional<AnnotationMirror> id = AnnotationMirrors.find(member, AnnotationNames.ID);
            if (id.isPresent()) {
                report.add(Message.ID_NOT_STORED, member, id.get(), null, name, reason(type, member));
                unstoredId = true;
            }
            for (AnnotationMirror index :
                    AnnotationMirrors.findRepeated(member, AnnotationNames.INDEX, AnnotationNames.INDEXES)) {
                report.add(
                        Message.ANNOTATION_ON_UNSTORED_MEMBER,
                        member,
                        index,
                        null,
                        "Index",
                        name,
                        reason(type, member),
                        "Index");
            }
            Optional<AnnotationMirror> text = AnnotationMirrors.find(member, AnnotationNames.FULL_TEXT);
            if (text.isPresent()) {
                report.add(
                        Message.ANNOTATION_ON_UNSTORED_MEMBER,
                        member,
                        text.get(),
                        null,
                        "FullText",
                        name,
                        reason(type, member),
                        "FullText");
            }
        }
        return unstoredId;
    }

    /** The fields and methods that could carry Rillflow annotations: the type's, and its superclasses' for a class. */
    private static List<Element> members(TypeElement type) {
        List<Element> members = new ArrayList<>();
        if (type.getKind() == ElementKind.RECORD) {
            // Record accessors carry copies of the component annotations; the component's field stands for them.
            Set<Element> accessors = new HashSet<>();
            for (RecordComponentElement component : type.getRecordComponents()) {
                accessors.add(component.getAccessor());
            }
            members.addAll(ElementFilter.fieldsIn(type.getEnclosedElements()));
            ElementFilter.methodsIn(type.getEnclosedElements()).stream()
                    .filter(m -> !accessors.contains(m))
                    .forEach(members::add);
            return members;
        }
        for (TypeElement t = type; t != null && !t.getQualifiedName().contentEquals("java.lang.Object"); ) {
            members.addAll(ElementFilter.fieldsIn(t.getEnclosedElements()));
            members.addAll(ElementFilter.methodsIn(t.getEnclosedElements()));
            TypeMirror superclass = t.getSuperclass();
            t = superclass.getKind() == TypeKind.DECLARED
                    ? (TypeElement) ((DeclaredType) superclass).asElement()
                    : null;
        }
        return members;
    }

    private static String reason(TypeElement type, Element member) {
        Set<Modifier> modifiers = member.getModifiers();
        if (modifiers.contains(Modifier.STATIC)) {
            return "it is static";
        }
        if (JacksonProperties.ignored(member)) {
            return "it is annotated @JsonIgnore";
        }
        if (type.getKind() == ElementKind.RECORD && member.getKind() == ElementKind.METHOD) {
            return "it is not a record component";
        }
        if (modifiers.contains(Modifier.TRANSIENT)) {
            return "it is transient";
        }
        if (member instanceof ExecutableElement method && JacksonProperties.getterName(method) == null) {
            return "it is not a getter";
        }
        return "it is not public and has neither a public getter nor @JsonProperty";
    }
}
