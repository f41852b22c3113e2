package io.rillflow.processor.aggregates;

import com.palantir.javapoet.ClassName;
import io.rillflow.processor.AnnotationMirrors;
import io.rillflow.processor.AnnotationNames;
import io.rillflow.processor.ElementText;
import io.rillflow.processor.Message;
import io.rillflow.processor.RuntimeTypes;
import io.rillflow.processor.ValidationReport;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads one {@code @Handle} method: its command type, which of the context and the aggregate id it takes after the
 * command, and that it returns events.
 */
final class HandleReader {
    private static final String CONTEXT = RuntimeTypes.COMMAND_CONTEXT.canonicalName();

    private final Types types;
    private final TypeMirror list;

    HandleReader(Elements elements, Types types) {
        this.types = types;
        this.list = types.erasure(elements.getTypeElement("java.util.List").asType());
    }

    /**
     * Reads {@code method}, which carries {@code @Handle}, of the aggregate {@code aggregate} with ids of
     * {@code idType} (null if the id type is invalid, already reported); null (and a report item) if unusable.
     */
    AggregateDescriptor.Handle read(
            ExecutableElement method, String aggregate, ClassName idType, ValidationReport.Builder report) {
        String label = ElementText.method(method);
        List<? extends VariableElement> parameters = method.getParameters();
        if (method.getModifiers().contains(Modifier.PRIVATE)
                || method.getModifiers().contains(Modifier.STATIC)
                || parameters.isEmpty()
                || !(parameters.get(0).asType() instanceof DeclaredType)) {
            report.add(Message.HANDLE_SIGNATURE, method, label);
            return null;
        }
        VariableElement command = parameters.get(0);
        if (AnnotationMirrors.find(command, AnnotationNames.AGGREGATE_ID).isPresent()) {
            report.add(
                    Message.AGGREGATE_ID_ON_COMMAND,
                    command,
                    command.getSimpleName(),
                    label,
                    method.getSimpleName(),
                    ElementText.type(command.asType()),
                    idType == null ? "String" : idType.simpleName());
            return null;
        }
        List<AggregateDescriptor.Argument> arguments = new ArrayList<>();
        VariableElement id = null;
        boolean usable = true;
        for (VariableElement parameter : parameters.subList(1, parameters.size())) {
            boolean ofIdType = idType != null && isType(parameter, idType.canonicalName());
            if (AnnotationMirrors.find(parameter, AnnotationNames.AGGREGATE_ID).isPresent()) {
                if (id != null) {
                    report.add(
                            Message.AGGREGATE_ID_TWICE,
                            parameter,
                            parameter.getSimpleName(),
                            label,
                            id.getSimpleName());
                    usable = false;
                } else if (idType != null && !ofIdType) {
                    report.add(
                            Message.AGGREGATE_ID_TYPE_MISMATCH,
                            parameter,
                            parameter.getSimpleName(),
                            label,
                            ElementText.type(parameter.asType()),
                            aggregate,
                            idType.simpleName(),
                            idType.simpleName(),
                            parameter.getSimpleName());
                    usable = false;
                }
                id = id == null ? parameter : id;
                arguments.add(AggregateDescriptor.Argument.ID);
            } else if (isType(parameter, CONTEXT) && !arguments.contains(AggregateDescriptor.Argument.CONTEXT)) {
                arguments.add(AggregateDescriptor.Argument.CONTEXT);
            } else if (ofIdType) {
                report.add(
                        Message.HANDLE_ID_NOT_ANNOTATED,
                        parameter,
                        label,
                        ElementText.type(parameter.asType()),
                        parameter.getSimpleName(),
                        ElementText.type(parameter.asType()),
                        parameter.getSimpleName());
                usable = false;
            } else {
                report.add(Message.HANDLE_SIGNATURE, method, label);
                return null;
            }
        }
        if (!returnsEvents(method.getReturnType())) {
            report.add(Message.HANDLE_NOT_EVENTS, method, label, ElementText.type(method.getReturnType()));
            return null;
        }
        if (!usable) {
            return null;
        }
        DeclaredType commandType = (DeclaredType) command.asType();
        return new AggregateDescriptor.Handle(method, ClassName.get((TypeElement) commandType.asElement()), arguments);
    }

    /** A {@code List} (or subtype) of {@code Object}, of a wildcard, or of a type outside {@code java.*}. */
    private boolean returnsEvents(TypeMirror type) {
        if (!(type instanceof DeclaredType declared) || !types.isAssignable(types.erasure(type), list)) {
            return false;
        }
        if (declared.getTypeArguments().size() != 1) {
            return declared.getTypeArguments().isEmpty();
        }
        TypeMirror element = declared.getTypeArguments().get(0);
        if (element instanceof WildcardType wildcard) {
            element = wildcard.getExtendsBound();
            if (element == null) {
                return true;
            }
        }
        if (!(element instanceof DeclaredType elementType)) {
            return false;
        }
        TypeElement elementClass = (TypeElement) elementType.asElement();
        return elementClass.getQualifiedName().contentEquals("java.lang.Object") || !ApplyReader.javaType(elementClass);
    }

    private static boolean isType(VariableElement parameter, String qualifiedName) {
        return parameter.asType() instanceof DeclaredType d
                && ((TypeElement) d.asElement()).getQualifiedName().contentEquals(qualifiedName);
    }
}
