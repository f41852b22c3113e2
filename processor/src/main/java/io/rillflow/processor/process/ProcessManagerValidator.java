package io.rillflow.processor.process;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.rillflow.processor.AnnotationNames;
import io.rillflow.processor.Message;
import io.rillflow.processor.MethodText;
import io.rillflow.processor.Reading;
import io.rillflow.processor.RuntimeTypes;
import io.rillflow.processor.ValidationReport;
import io.rillflow.processor.events.AnnotationMirrors;
import io.rillflow.processor.process.ProcessManagerDescriptor.Handler;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/** Reads and checks one {@code @ProcessManager} class and its {@code @On} methods. */
final class ProcessManagerValidator {
    private static final String ENVELOPE = RuntimeTypes.EVENT_ENVELOPE.canonicalName();
    private static final String DISPATCH = RuntimeTypes.DISPATCH.canonicalName();
    private static final String LIST = "java.util.List";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final int MAX_NAME = 63;

    /**
     * The outcome for one class: a report, and a descriptor if the report is clean; or deferred, when a parameter or
     * return type is not resolved yet (it may be generated in a later round).
     */
    record Result(ValidationReport report, ProcessManagerDescriptor descriptor, String unresolved) {
        boolean deferred() {
            return unresolved != null;
        }
    }

    /** What an {@code @On} method returns: one dispatch or a list, and the declared command class if any. */
    private record Returned(boolean list, TypeElement command) {}

    private final Types types;
    private final CommandCatalog commands;

    ProcessManagerValidator(Types types, CommandCatalog commands) {
        this.types = types;
        this.commands = commands;
    }

    Reading<ProcessManagerDescriptor> validate(TypeElement type) {
        AnnotationMirror mirror =
                AnnotationMirrors.find(type, AnnotationNames.PROCESS_MANAGER).orElseThrow();
        for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
            if (AnnotationMirrors.find(method, AnnotationNames.ON).isPresent()) {
                if (method.getReturnType().getKind() == TypeKind.ERROR) {
                    return Reading.waitingFor(method.getSimpleName() + "(): its return type");
                }
                for (VariableElement parameter : method.getParameters()) {
                    if (parameter.asType().getKind() == TypeKind.ERROR) {
                        return Reading.waitingFor(method.getSimpleName() + "(" + parameter.getSimpleName() + ")");
                    }
                }
            }
        }
        ValidationReport.Builder report = ValidationReport.builder();
        String qualified = type.getQualifiedName().toString();
        ClassName className = ClassName.get(type);
        String handlerName = ProcessManagerDescriptor.handlerClass(className).simpleName();
        problem(type).ifPresent(p -> report.add(Message.PROCESS_MANAGER_INVALID_TYPE, type, qualified, p, handlerName));
        String name = AnnotationMirrors.string(mirror, "name", "");
        if (name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
            report.add(
                    Message.PROCESS_MANAGER_INVALID_NAME,
                    type,
                    mirror,
                    AnnotationMirrors.explicitValue(mirror, "name").orElse(null),
                    qualified,
                    name,
                    suggestedName(className.simpleName()));
        }
        List<Handler> handlers = new ArrayList<>();
        Map<String, ExecutableElement> byEvent = new HashMap<>();
        Map<String, TypeName> commandTypes = new TreeMap<>();
        boolean anyOn = false;
        for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
            if (AnnotationMirrors.find(method, AnnotationNames.ON).isEmpty()) {
                continue;
            }
            anyOn = true;
            String described = MethodText.describe(type, method);
            Handler handler = handler(method, described, report);
            if (handler == null) {
                continue;
            }
            Returned returned = returned(method.getReturnType());
            if (returned == null) {
                report.add(
                        Message.PROCESS_MANAGER_ON_RETURN,
                        method,
                        described,
                        MethodText.simpleName(method.getReturnType()));
                continue;
            }
            if (returned.command() != null) {
                TypeElement command = returned.command();
                if (commands.declaredHere(command) && !commands.handles(types, command)) {
                    report.add(
                            Message.PROCESS_MANAGER_COMMAND_UNHANDLED,
                            method,
                            described,
                            command.getQualifiedName(),
                            command.getSimpleName());
                    continue;
                }
                commandTypes.put(command.getQualifiedName().toString(), TypeName.get(types.erasure(command.asType())));
            }
            String key = handler.event().toString();
            ExecutableElement first = byEvent.putIfAbsent(key, method);
            if (first != null) {
                report.add(
                        Message.PROCESS_MANAGER_ON_DUPLICATE_EVENT,
                        method,
                        described,
                        key,
                        MethodText.describe(type, first));
                continue;
            }
            handlers.add(new Handler(handler.event(), handler.method(), handler.envelope(), returned.list()));
        }
        if (!anyOn) {
            report.add(Message.PROCESS_MANAGER_NO_HANDLERS, type, qualified);
        }
        ValidationReport built = report.build();
        if (!built.isClean()) {
            return Reading.failed(built);
        }
        handlers.sort(Comparator.comparing(Handler::method)
                .thenComparing(h -> h.event().toString()));
        return Reading.of(
                built,
                new ProcessManagerDescriptor(
                        type,
                        className,
                        name,
                        handlers,
                        List.copyOf(commandTypes.values()),
                        MethodText.instantiable(type)));
    }

    /** The method's event and parameters; null (and a report item) if unusable. */
    private Handler handler(ExecutableElement method, String described, ValidationReport.Builder report) {
        if (method.getModifiers().contains(Modifier.PRIVATE)
                || method.getModifiers().contains(Modifier.STATIC)) {
            String what = method.getModifiers().contains(Modifier.PRIVATE) ? "private" : "static";
            report.add(Message.PROCESS_MANAGER_ON_NOT_CALLABLE, method, described, what);
            return null;
        }
        List<? extends VariableElement> parameters = method.getParameters();
        if (parameters.isEmpty()
                || isEnvelope(parameters.get(0).asType())
                || parameters.get(0).asType().getKind() != TypeKind.DECLARED) {
            report.add(Message.PROCESS_MANAGER_ON_NO_EVENT, method, described);
            return null;
        }
        TypeElement eventType = (TypeElement) types.asElement(parameters.get(0).asType());
        if (eventType.getKind().isInterface() || eventType.getModifiers().contains(Modifier.ABSTRACT)) {
            String what = eventType.getKind().isInterface() ? "an interface" : "abstract";
            report.add(
                    Message.PROCESS_MANAGER_ON_ABSTRACT_EVENT,
                    parameters.get(0),
                    described,
                    eventType.getQualifiedName(),
                    what);
            return null;
        }
        boolean envelope = false;
        for (int i = 1; i < parameters.size(); i++) {
            VariableElement parameter = parameters.get(i);
            if (i > 1 || !isEnvelope(parameter.asType())) {
                report.add(
                        Message.PROCESS_MANAGER_ON_UNSUPPORTED_PARAMETER,
                        parameter,
                        described,
                        parameter.getSimpleName(),
                        parameter.asType());
                return null;
            }
            envelope = true;
        }
        TypeName event = TypeName.get(types.erasure(parameters.get(0).asType()));
        return new Handler(event, method.getSimpleName().toString(), envelope, false);
    }

    /** {@code Dispatch<C>} or {@code List<Dispatch<C>>} (or {@code List<? extends Dispatch<C>>}); null otherwise. */
    private static Returned returned(TypeMirror type) {
        if (!(type instanceof DeclaredType declared)) {
            return null;
        }
        String raw = ((TypeElement) declared.asElement()).getQualifiedName().toString();
        if (raw.equals(DISPATCH)) {
            return new Returned(false, command(declared));
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
            return new Returned(true, command(dispatch));
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

    private static boolean isEnvelope(TypeMirror type) {
        return type.toString().equals(ENVELOPE);
    }

    /** A reason the class cannot be a process manager, or empty. */
    private static Optional<String> problem(TypeElement type) {
        if (type.getKind() != ElementKind.CLASS) {
            return Optional.of(
                    "a " + type.getKind().toString().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
        if (type.getModifiers().contains(Modifier.ABSTRACT)) {
            return Optional.of("abstract");
        }
        if (!type.getTypeParameters().isEmpty()) {
            return Optional.of("generic");
        }
        for (Element e = type; e instanceof TypeElement t; e = e.getEnclosingElement()) {
            if (t.getModifiers().contains(Modifier.PRIVATE)) {
                return Optional.of("private");
            }
            if (t.getNestingKind() == NestingKind.MEMBER && !t.getModifiers().contains(Modifier.STATIC)) {
                return Optional.of("an inner class");
            }
            if (t.getNestingKind() == NestingKind.LOCAL || t.getNestingKind() == NestingKind.ANONYMOUS) {
                return Optional.of("a local class");
            }
        }
        return Optional.empty();
    }

    /** The class name in snake case, as a suggestion for an invalid name. */
    static String suggestedName(String simpleName) {
        String snake = simpleName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        String cleaned = snake.replaceAll("[^a-z0-9_]", "_").replaceAll("^[^a-z]+", "");
        cleaned = cleaned.isEmpty() ? "process_manager" : cleaned;
        return cleaned.length() > MAX_NAME ? cleaned.substring(0, MAX_NAME) : cleaned;
    }
}
