package io.rillflow.processor.handlers;

import com.palantir.javapoet.TypeName;
import io.rillflow.processor.ElementText;
import io.rillflow.processor.Message;
import io.rillflow.processor.RuntimeTypes;
import io.rillflow.processor.ValidationReport;
import io.rillflow.processor.handlers.HandlerClassDescriptor.Returns;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Types;

/**
 * Reads what a process manager's {@code @On} method returns: {@code Dispatch<C>} or {@code List<Dispatch<C>>}, where
 * a command class {@code C} declared in this compilation must be handled by one of its aggregates.
 */
final class DispatchReturns {
    private static final String DISPATCH = RuntimeTypes.DISPATCH.canonicalName();
    private static final String LIST = "java.util.List";

    /** The returned shape, and the declared command class if any. */
    private record Returned(Returns returns, TypeElement command) {}

    private final Types types;
    private final CommandCatalog commands;

    DispatchReturns(Types types, CommandCatalog commands) {
        this.types = types;
        this.commands = commands;
    }

    /**
     * How the dispatch uses what {@code method} returns, adding its command class to {@code commandTypes}; null (and
     * a report item) if it returns anything else or a command no aggregate handles.
     */
    Returns read(ExecutableElement method, ValidationReport.Builder report, Map<String, TypeName> commandTypes) {
        String described = ElementText.method(method);
        Returned returned = returned(method.getReturnType());
        if (returned == null) {
            report.add(Message.PROCESS_MANAGER_ON_RETURN, method, described, ElementText.type(method.getReturnType()));
            return null;
        }
        TypeElement command = returned.command();
        if (command != null) {
            Optional<TypeElement> missing =
                    commands.declaredHere(command) ? commands.unhandled(types, command) : Optional.empty();
            if (missing.filter(command::equals).isPresent()) {
                report.add(
                        Message.PROCESS_MANAGER_COMMAND_UNHANDLED,
                        method,
                        described,
                        command.getQualifiedName(),
                        command.getSimpleName());
                return null;
            }
            if (missing.isPresent()) {
                report.add(
                        Message.PROCESS_MANAGER_PERMITTED_COMMAND_UNHANDLED,
                        method,
                        described,
                        command.getQualifiedName(),
                        missing.get().getQualifiedName(),
                        missing.get().getSimpleName());
                return null;
            }
            commandTypes.put(command.getQualifiedName().toString(), TypeName.get(types.erasure(command.asType())));
        }
        return returned.returns();
    }

    /** {@code Dispatch<C>} or {@code List<Dispatch<C>>} (or {@code List<? extends Dispatch<C>>}); null otherwise. */
    private static Returned returned(TypeMirror type) {
        if (!(type instanceof DeclaredType declared)) {
            return null;
        }
        String raw = ((TypeElement) declared.asElement()).getQualifiedName().toString();
        if (raw.equals(DISPATCH)) {
            return new Returned(Returns.ONE_DISPATCH, command(declared));
        }
        if (!raw.equals(LIST) || declared.getTypeArguments().size() != 1) {
            return null;
        }
        TypeMirror element = declared.getTypeArguments().get(0);
        if (element instanceof WildcardType wildcard) {
            element = wildcard.getExtendsBound();
        }
        if (element instanceof DeclaredType dispatch
                && ((TypeElement) dispatch.asElement()).getQualifiedName().contentEquals(DISPATCH)) {
            return new Returned(Returns.DISPATCH_LIST, command(dispatch));
        }
        return null;
    }

    /** The declared command class of {@code Dispatch<C>}: null for a raw type, a wildcard or a type variable. */
    private static TypeElement command(DeclaredType dispatch) {
        if (dispatch.getTypeArguments().size() != 1) {
            return null;
        }
        TypeMirror command = dispatch.getTypeArguments().get(0);
        if (command instanceof WildcardType wildcard) {
            command = wildcard.getExtendsBound();
        }
        if (command instanceof DeclaredType declared
                && declared.asElement() instanceof TypeElement element
                && !element.getQualifiedName().contentEquals("java.lang.Object")) {
            return element;
        }
        return null;
    }
}
