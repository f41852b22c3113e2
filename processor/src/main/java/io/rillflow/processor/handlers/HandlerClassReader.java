package io.rillflow.processor.handlers;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.rillflow.processor.AnnotationMirrors;
import io.rillflow.processor.AnnotationNames;
import io.rillflow.processor.ElementText;
import io.rillflow.processor.Message;
import io.rillflow.processor.Reading;
import io.rillflow.processor.ValidationReport;
import io.rillflow.processor.handlers.HandlerClassDescriptor.Handler;
import io.rillflow.processor.handlers.HandlerClassDescriptor.Method;
import io.rillflow.processor.handlers.HandlerClassDescriptor.Returns;
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
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/**
 * Reads and checks one event-handler class, a {@code @Projection} or a {@code @ProcessManager}, with its {@code @On}
 * (and a projection's {@code @Rebuild}) methods. The two kinds share every rule but what {@link HandlerKind} sets
 * apart: the parameters an {@code @On} method may take after the event, and whether it returns commands to send.
 */
final class HandlerClassReader {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final int MAX_NAME = 63;

    private final HandlerKind kind;
    private final OnMethodReader methods;
    private final DispatchReturns dispatches;

    HandlerClassReader(HandlerKind kind, Types types, CommandCatalog commands) {
        this.kind = kind;
        this.methods = new OnMethodReader(kind, types);
        this.dispatches = new DispatchReturns(types, commands);
    }

    Reading<HandlerClassDescriptor> read(TypeElement type) {
        String unresolved = unresolved(type);
        if (unresolved != null) {
            return Reading.waitingFor("the type of " + unresolved);
        }
        AnnotationMirror mirror =
                AnnotationMirrors.find(type, kind.annotation()).orElseThrow();
        ValidationReport.Builder report = ValidationReport.builder();
        String qualified = type.getQualifiedName().toString();
        ClassName className = ClassName.get(type);
        String annotation = kind.simpleName();
        problem(type)
                .ifPresent(p -> report.add(
                        Message.HANDLER_CLASS_INVALID_TYPE,
                        type,
                        annotation,
                        qualified,
                        p,
                        kind.handlerClass(className).simpleName()));
        String name = AnnotationMirrors.string(mirror, "name", "");
        if (name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
            report.add(
                    Message.HANDLER_CLASS_INVALID_NAME,
                    type,
                    mirror,
                    AnnotationMirrors.explicitValue(mirror, "name").orElse(null),
                    annotation,
                    qualified,
                    name,
                    kind.noun(),
                    suggestedName(className.simpleName()));
        }
        List<Handler> handlers = new ArrayList<>();
        Map<String, ExecutableElement> byEvent = new HashMap<>();
        Map<String, TypeName> commandTypes = new TreeMap<>();
        ExecutableElement rebuild = null;
        Method rebuildMethod = null;
        boolean anyOn = false;
        for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
            if (AnnotationMirrors.find(method, AnnotationNames.ON).isPresent()) {
                anyOn = true;
                Handler handler = onMethod(method, report, commandTypes);
                if (handler != null) {
                    ExecutableElement first =
                            byEvent.putIfAbsent(handler.event().toString(), method);
                    if (first == null) {
                        handlers.add(handler);
                    } else {
                        report.add(
                                Message.ON_DUPLICATE_EVENT,
                                method,
                                ElementText.method(method),
                                handler.event(),
                                ElementText.method(first));
                    }
                }
            }
            if (kind.rebuilds()
                    && AnnotationMirrors.find(method, AnnotationNames.REBUILD).isPresent()) {
                if (!methods.callable(method, "Rebuild", report)) {
                    continue;
                }
                if (rebuild != null) {
                    report.add(
                            Message.PROJECTION_REBUILD_DUPLICATE,
                            method,
                            ElementText.method(method),
                            ElementText.method(rebuild));
                    continue;
                }
                rebuild = method;
                rebuildMethod = methods.rebuild(method, report);
            }
        }
        if (!anyOn) {
            report.add(Message.HANDLER_CLASS_NO_HANDLERS, type, annotation, qualified, kind.onHint());
        }
        ValidationReport built = report.build();
        if (!built.isClean()) {
            return Reading.failed(built);
        }
        handlers.sort(Comparator.comparing((Handler h) -> h.method().name())
                .thenComparing(h -> h.event().toString()));
        String mode = kind.rebuilds() ? AnnotationMirrors.enumConstant(mirror, "mode", "ASYNC") : null;
        return Reading.of(
                built,
                new HandlerClassDescriptor(
                        kind,
                        type,
                        className,
                        name,
                        mode,
                        handlers,
                        Optional.ofNullable(rebuildMethod),
                        List.copyOf(commandTypes.values()),
                        instantiable(type)));
    }

    /** An {@code @On} method with what it returns; null (and report items) if unusable. */
    private Handler onMethod(
            ExecutableElement method, ValidationReport.Builder report, Map<String, TypeName> commandTypes) {
        if (!methods.callable(method, "On", report)) {
            return null;
        }
        Handler handler = methods.on(method, report);
        if (handler == null || !kind.dispatches()) {
            return handler;
        }
        Returns returns = dispatches.read(method, report, commandTypes);
        return returns == null ? null : new Handler(handler.event(), handler.method(), returns);
    }

    /** The first {@code @On} or {@code @Rebuild} parameter or return type not resolved yet, or null. */
    private String unresolved(TypeElement type) {
        for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
            if (AnnotationMirrors.find(method, AnnotationNames.ON).isEmpty()
                    && AnnotationMirrors.find(method, AnnotationNames.REBUILD).isEmpty()) {
                continue;
            }
            if (kind.dispatches() && method.getReturnType().getKind() == TypeKind.ERROR) {
                return method.getSimpleName() + "(): its return type";
            }
            for (VariableElement parameter : method.getParameters()) {
                if (parameter.asType().getKind() == TypeKind.ERROR) {
                    return method.getSimpleName() + "(" + parameter.getSimpleName() + ")";
                }
            }
        }
        return null;
    }

    /** A reason the class cannot be a handler class, or empty. */
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

    /** Whether generated code can create {@code type} with {@code new}: a non-private constructor without parameters. */
    private static boolean instantiable(TypeElement type) {
        return ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
                .anyMatch(c -> c.getParameters().isEmpty() && !c.getModifiers().contains(Modifier.PRIVATE));
    }

    /** The class name in snake case, as a suggestion for an invalid name. */
    private String suggestedName(String simpleName) {
        String snake = simpleName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        String cleaned = snake.replaceAll("[^a-z0-9_]", "_").replaceAll("^[^a-z]+", "");
        cleaned = cleaned.isEmpty() ? kind.noun().replace(' ', '_') : cleaned;
        return cleaned.length() > MAX_NAME ? cleaned.substring(0, MAX_NAME) : cleaned;
    }
}
