package io.rillflow.processor.queries;

import com.palantir.javapoet.ClassName;
import io.rillflow.processor.AnnotationNames;
import io.rillflow.processor.Message;
import io.rillflow.processor.Reading;
import io.rillflow.processor.ValidationReport;
import io.rillflow.processor.document.DocumentDescriptor;
import io.rillflow.processor.document.DocumentValidator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Validates one {@code @DocumentQueries} interface: it is an interface, it names a valid {@code @Document} (of this
 * compilation or of the class path), and every abstract method is a query the processor can implement. Each method
 * is checked on its own, so one bad method reports its own error and the others theirs.
 */
final class QueryInterfaceValidator {

    private final Elements elements;
    private final Types types;

    QueryInterfaceValidator(Elements elements, Types types) {
        this.elements = elements;
        this.types = types;
    }

    Reading<QueryInterfaceDescriptor> validate(TypeElement type) {
        ValidationReport.Builder report = ValidationReport.builder();
        String name = type.getQualifiedName().toString();
        AnnotationMirror mirror = type.getAnnotationMirrors().stream()
                .filter(m -> is(m, AnnotationNames.DOCUMENT_QUERIES))
                .findFirst()
                .orElseThrow();
        AnnotationValue value = mirror.getElementValues().entrySet().stream()
                .filter(e -> e.getKey().getSimpleName().contentEquals("value"))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow();
        if (type.getKind() != ElementKind.INTERFACE) {
            String kind =
                    switch (type.getKind()) {
                        case ENUM -> "an enum";
                        case RECORD -> "a record";
                        case ANNOTATION_TYPE -> "an annotation type";
                        default -> "a class";
                    };
            report.add(Message.QUERIES_NOT_INTERFACE, type, name, kind);
            return Reading.failed(report.build());
        }
        // javac hands an unresolved class literal over as the string "<error>", or as an error type.
        if (!(value.getValue() instanceof TypeMirror target) || target.getKind() == TypeKind.ERROR) {
            String unresolved =
                    value.getValue() instanceof TypeMirror t ? "its document type " + t : "its document type";
            return Reading.waitingFor(unresolved);
        }
        if (target.getKind() != TypeKind.DECLARED) {
            report.add(Message.QUERIES_NOT_DOCUMENT, type, mirror, value, target, name, target);
            return Reading.failed(report.build());
        }
        TypeElement documentType = (TypeElement) ((DeclaredType) target).asElement();
        if (documentType.getAnnotationMirrors().stream().noneMatch(m -> is(m, AnnotationNames.DOCUMENT))) {
            String simple = documentType.getSimpleName().toString();
            report.add(Message.QUERIES_NOT_DOCUMENT, type, mirror, value, simple, name, simple);
            return Reading.failed(report.build());
        }
        Reading<DocumentDescriptor> document = new DocumentValidator(elements, types).validate(documentType);
        if (document.deferred()) {
            return Reading.waitingFor(document.unresolved());
        }
        DocumentDescriptor descriptor = document.descriptor();
        if (descriptor == null) {
            String documentName = documentType.getQualifiedName().toString();
            report.add(Message.QUERIES_INVALID_DOCUMENT, type, mirror, value, name, documentName, documentName);
            return Reading.failed(report.build());
        }
        DocumentFields fields = new DocumentFields(documentType.getSimpleName().toString(), descriptor.metamodel());
        QueryMethodValidator methods = new QueryMethodValidator(
                elements,
                types,
                fields,
                documentType.asType(),
                type.getSimpleName().toString());
        List<ExecutableElement> abstractMethods = abstractMethods(type);
        for (ExecutableElement method : abstractMethods) {
            if (unresolved(method.getReturnType())
                    || method.getParameters().stream().anyMatch(p -> unresolved(p.asType()))) {
                return Reading.waitingFor("a type in " + type.getSimpleName() + "." + method.getSimpleName());
            }
        }
        List<QueryMethodDescriptor> described = new ArrayList<>();
        for (ExecutableElement method : abstractMethods) {
            QueryMethodValidator.Outcome outcome = methods.validate(method);
            report.addAll(outcome.report());
            if (outcome.descriptor() != null) {
                described.add(outcome.descriptor());
            }
        }
        if (report.hasErrors()) {
            return Reading.failed(report.build());
        }
        ClassName interfaceName = ClassName.get(type);
        ClassName implementation =
                ClassName.get(interfaceName.packageName(), String.join("_", interfaceName.simpleNames()) + "_Impl");
        return Reading.of(
                report.build(),
                new QueryInterfaceDescriptor(
                        List.of(type, documentType), interfaceName, implementation, descriptor.type(), described));
    }

    /** The interface's own abstract methods in declaration order, then inherited ones by name. */
    private List<ExecutableElement> abstractMethods(TypeElement type) {
        List<ExecutableElement> own = new ArrayList<>();
        List<ExecutableElement> inherited = new ArrayList<>();
        for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(type))) {
            if (!method.getModifiers().contains(Modifier.ABSTRACT)
                    || method.getEnclosingElement().getKind() != ElementKind.INTERFACE) {
                continue;
            }
            (method.getEnclosingElement().equals(type) ? own : inherited).add(method);
        }
        own.sort(Comparator.comparingInt(m -> type.getEnclosedElements().indexOf(m)));
        inherited.sort(Comparator.comparing(m -> m.getSimpleName().toString()));
        own.addAll(inherited);
        return own;
    }

    /** Whether {@code type} or a type argument of it is not resolved (yet): it may be generated in a later round. */
    private static boolean unresolved(TypeMirror type) {
        return type.getKind() == TypeKind.ERROR
                || (type.getKind() == TypeKind.DECLARED
                        && ((DeclaredType) type)
                                .getTypeArguments().stream().anyMatch(QueryInterfaceValidator::unresolved));
    }

    private static boolean is(AnnotationMirror mirror, String qualifiedName) {
        return ((TypeElement) mirror.getAnnotationType().asElement())
                .getQualifiedName()
                .contentEquals(qualifiedName);
    }
}
