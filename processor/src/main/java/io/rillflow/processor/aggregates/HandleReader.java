package io.rillflow.processor.aggregates;

import com.palantir.javapoet.ClassName;
import io.rillflow.processor.ElementText;
import io.rillflow.processor.Message;
import io.rillflow.processor.RuntimeTypes;
import io.rillflow.processor.ValidationReport;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Reads one {@code @Handle} method: its command type, whether it takes the context, and that it returns events. */
final class HandleReader {
    private static final String CONTEXT = RuntimeTypes.COMMAND_CONTEXT.canonicalName();

    private final Types types;
    private final TypeMirror list;

    HandleReader(Elements elements, Types types) {
        this.types = types;
        this.list = types.erasure(elements.getTypeElement("java.util.List").asType());
    }

    /** Reads {@code method}, which carries {@code @Handle}; null (and a report item) if unusable. */
    AggregateDescriptor.Handle read(ExecutableElement method, ValidationReport.Builder report) {
        String label = ElementText.method(method);
        int parameters = method.getParameters().size();
        boolean withContext =
                parameters == 2 && isContext(method.getParameters().get(1));
        if (method.getModifiers().contains(Modifier.STATIC)) {
            report.add(Message.HANDLE_STATIC, method, label);
            return null;
        }
        if (method.getModifiers().contains(Modifier.PRIVATE)
                || (parameters != 1 && !withContext)
                || !(method.getParameters().get(0).asType() instanceof DeclaredType)) {
            report.add(Message.HANDLE_SIGNATURE, method, label);
            return null;
        }
        if (!returnsEvents(method.getReturnType())) {
            report.add(Message.HANDLE_NOT_EVENTS, method, label, ElementText.type(method.getReturnType()));
            return null;
        }
        DeclaredType command = (DeclaredType) method.getParameters().get(0).asType();
        if (ApplyReader.javaType((TypeElement) command.asElement())) {
            report.add(Message.HANDLE_JDK_COMMAND, method.getParameters().get(0), label, ElementText.type(command));
            return null;
        }
        return new AggregateDescriptor.Handle(method, ClassName.get((TypeElement) command.asElement()), withContext);
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

    private static boolean isContext(VariableElement parameter) {
        return parameter.asType() instanceof DeclaredType d
                && ((TypeElement) d.asElement()).getQualifiedName().contentEquals(CONTEXT);
    }
}
