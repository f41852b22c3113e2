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
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
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

    /** A command whose {@code @ExpectedVersion} is reported as wrong. */
    private static final AggregateDescriptor.Version INVALID = new AggregateDescriptor.Version("", false, false);

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
        if (method.getModifiers().contains(Modifier.STATIC)) {
            report.add(Message.HANDLE_STATIC, method, label);
            return null;
        }
        if (method.getModifiers().contains(Modifier.PRIVATE)
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
        TypeElement commandType = (TypeElement) ((DeclaredType) command.asType()).asElement();
        if (ApplyReader.javaType(commandType)) {
            report.add(Message.HANDLE_JDK_COMMAND, command, label, ElementText.type(command.asType()));
            return null;
        }
        AggregateDescriptor.Version version = version(commandType, report);
        if (!usable || version == INVALID) {
            return null;
        }
        return new AggregateDescriptor.Handle(method, ClassName.get(commandType), arguments, version);
    }

    /** The command's {@code @ExpectedVersion} component: null if none, {@link #INVALID} (and a report item) if bad. */
    private static AggregateDescriptor.Version version(TypeElement command, ValidationReport.Builder report) {
        AggregateDescriptor.Version found = null;
        RecordComponentElement first = null;
        for (RecordComponentElement component : command.getRecordComponents()) {
            if (AnnotationMirrors.find(component, AnnotationNames.EXPECTED_VERSION)
                    .isEmpty()) {
                continue;
            }
            if (first != null) {
                report.add(
                        Message.EXPECTED_VERSION_TWICE,
                        CommandAnnotations.position(command, component),
                        component.getSimpleName(),
                        command.getSimpleName(),
                        first.getSimpleName());
                return INVALID;
            }
            first = component;
            TypeMirror type = component.asType();
            String boxed = type instanceof DeclaredType d
                    ? ((TypeElement) d.asElement()).getQualifiedName().toString()
                    : "";
            if (type.getKind() == TypeKind.LONG || boxed.equals("java.lang.Long")) {
                found = new AggregateDescriptor.Version(
                        component.getSimpleName().toString(), false, !boxed.isEmpty());
            } else if (type.getKind() == TypeKind.INT || boxed.equals("java.lang.Integer")) {
                found = new AggregateDescriptor.Version(
                        component.getSimpleName().toString(), true, !boxed.isEmpty());
            } else {
                report.add(
                        Message.EXPECTED_VERSION_TYPE,
                        CommandAnnotations.position(command, component),
                        component.getSimpleName(),
                        command.getSimpleName(),
                        ElementText.type(type));
                return INVALID;
            }
        }
        return found;
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
