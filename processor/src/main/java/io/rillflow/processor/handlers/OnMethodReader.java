package io.rillflow.processor.handlers;

import com.palantir.javapoet.TypeName;
import io.rillflow.processor.ElementText;
import io.rillflow.processor.Message;
import io.rillflow.processor.RuntimeTypes;
import io.rillflow.processor.ValidationReport;
import io.rillflow.processor.handlers.HandlerClassDescriptor.Argument;
import io.rillflow.processor.handlers.HandlerClassDescriptor.Handler;
import io.rillflow.processor.handlers.HandlerClassDescriptor.Method;
import io.rillflow.processor.handlers.HandlerClassDescriptor.Returns;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/** Reads the parameters of the {@code @On} and {@code @Rebuild} methods of one kind of event-handler class. */
final class OnMethodReader {
    /** What the dispatch can pass, by the parameter's type. */
    private static final Map<String, Argument> SUPPLIED = Map.of(
            RuntimeTypes.EVENT_ENVELOPE.canonicalName(),
            Argument.ENVELOPE,
            RuntimeTypes.PROJECTION_CONTEXT.canonicalName(),
            Argument.CONTEXT,
            "java.sql.Connection",
            Argument.CONNECTION);

    private static final Set<Argument> REBUILD_ARGUMENTS = EnumSet.of(Argument.CONTEXT, Argument.CONNECTION);

    private final HandlerKind kind;
    private final Types types;

    OnMethodReader(HandlerKind kind, Types types) {
        this.kind = kind;
        this.types = types;
    }

    /** Whether the generated dispatch can call {@code method}; reports why not. */
    boolean callable(ExecutableElement method, String annotation, ValidationReport.Builder report) {
        Set<Modifier> modifiers = method.getModifiers();
        if (modifiers.contains(Modifier.PRIVATE) || modifiers.contains(Modifier.STATIC)) {
            String what = modifiers.contains(Modifier.PRIVATE) ? "private" : "static";
            report.add(
                    Message.HANDLER_METHOD_NOT_CALLABLE,
                    method,
                    annotation,
                    ElementText.method(method),
                    what,
                    kind.noun());
            return false;
        }
        return true;
    }

    /** The event and arguments of an {@code @On} method, its return ignored; null (and report items) if unusable. */
    Handler on(ExecutableElement method, ValidationReport.Builder report) {
        String described = ElementText.method(method);
        List<? extends VariableElement> parameters = method.getParameters();
        if (parameters.isEmpty()
                || SUPPLIED.containsKey(parameters.get(0).asType().toString())
                || parameters.get(0).asType().getKind() != TypeKind.DECLARED) {
            report.add(Message.ON_NO_EVENT, method, described, kind.extraArgumentsText());
            return null;
        }
        TypeMirror eventType = parameters.get(0).asType();
        TypeElement eventClass = (TypeElement) types.asElement(eventType);
        if (eventClass.getQualifiedName().toString().startsWith("java.")) {
            report.add(Message.ON_JDK_EVENT, parameters.get(0), described, eventClass.getQualifiedName());
            return null;
        }
        if (eventClass.getKind().isInterface() || eventClass.getModifiers().contains(Modifier.ABSTRACT)) {
            String what = eventClass.getKind().isInterface() ? "an interface" : "abstract";
            report.add(Message.ON_ABSTRACT_EVENT, parameters.get(0), described, eventClass.getQualifiedName(), what);
            return null;
        }
        List<Argument> arguments = new ArrayList<>(List.of(Argument.EVENT));
        boolean clean = true;
        for (VariableElement parameter : parameters.subList(1, parameters.size())) {
            Argument argument = SUPPLIED.get(parameter.asType().toString());
            if (argument == null || !kind.extraArguments().contains(argument) || arguments.contains(argument)) {
                report.add(
                        Message.ON_UNSUPPORTED_PARAMETER,
                        parameter,
                        described,
                        parameter.getSimpleName(),
                        parameter.asType(),
                        kind.noun(),
                        kind.extraArgumentsText());
                clean = false;
            }
            arguments.add(argument);
        }
        if (!clean) {
            return null;
        }
        TypeName event = TypeName.get(types.erasure(eventType));
        return new Handler(event, new Method(method.getSimpleName().toString(), arguments), Returns.IGNORED);
    }

    /** The arguments of a {@code @Rebuild} method; reports parameters it cannot be given. */
    Method rebuild(ExecutableElement method, ValidationReport.Builder report) {
        List<Argument> arguments = new ArrayList<>();
        for (VariableElement parameter : method.getParameters()) {
            Argument argument = SUPPLIED.get(parameter.asType().toString());
            if (!REBUILD_ARGUMENTS.contains(argument)) {
                report.add(
                        Message.PROJECTION_REBUILD_UNSUPPORTED_PARAMETER,
                        parameter,
                        ElementText.method(method),
                        parameter.getSimpleName(),
                        parameter.asType());
            }
            arguments.add(argument);
        }
        return new Method(method.getSimpleName().toString(), arguments);
    }
}
