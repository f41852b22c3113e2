package io.rillflow.processor.projection;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.rillflow.processor.AnnotationNames;
import io.rillflow.processor.Message;
import io.rillflow.processor.MethodText;
import io.rillflow.processor.Reading;
import io.rillflow.processor.RuntimeTypes;
import io.rillflow.processor.ValidationReport;
import io.rillflow.processor.events.AnnotationMirrors;
import io.rillflow.processor.projection.ProjectionDescriptor.Argument;
import io.rillflow.processor.projection.ProjectionDescriptor.Handler;
import io.rillflow.processor.projection.ProjectionDescriptor.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/** Reads and checks one {@code @Projection} class and its {@code @On} and {@code @Rebuild} methods. */
final class ProjectionValidator {
    private static final String ENVELOPE = RuntimeTypes.EVENT_ENVELOPE.canonicalName();
    private static final String CONTEXT = RuntimeTypes.PROJECTION_CONTEXT.canonicalName();
    private static final String CONNECTION = "java.sql.Connection";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final int MAX_NAME = 63;

    /**
     * The outcome for one class: a report, and a descriptor if the report is clean; or deferred, when a parameter
     * type is not resolved yet (it may be generated in a later round).
     */
    record Result(ValidationReport report, ProjectionDescriptor descriptor, String unresolved) {
        boolean deferred() {
            return unresolved != null;
        }
    }

    private final Types types;

    ProjectionValidator(Types types) {
        this.types = types;
    }

    Reading<ProjectionDescriptor> validate(TypeElement type) {
        AnnotationMirror mirror =
                AnnotationMirrors.find(type, AnnotationNames.PROJECTION).orElseThrow();
        for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
            if (AnnotationMirrors.find(method, AnnotationNames.ON).isPresent()
                    || AnnotationMirrors.find(method, AnnotationNames.REBUILD).isPresent()) {
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
        String handlerName = String.join("_", className.simpleNames()) + "_Projection";
        problem(type).ifPresent(p -> report.add(Message.PROJECTION_INVALID_TYPE, type, qualified, p, handlerName));

        String name = string(mirror, "name").orElse("");
        if (name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
            report.add(
                    Message.PROJECTION_INVALID_NAME,
                    type,
                    mirror,
                    AnnotationMirrors.explicitValue(mirror, "name").orElse(null),
                    qualified,
                    name,
                    suggestedName(className.simpleName()));
        }
        String mode = enumConstant(mirror, "mode").orElse("ASYNC");

        List<Handler> handlers = new ArrayList<>();
        Map<String, ExecutableElement> byEvent = new HashMap<>();
        ExecutableElement rebuild = null;
        Method rebuildMethod = null;
        boolean anyOn = false;
        for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
            String described = MethodText.describe(type, method);
            if (AnnotationMirrors.find(method, AnnotationNames.ON).isPresent()) {
                anyOn = true;
                if (!callable(method, report, "On", described)) {
                    continue;
                }
                Handler handler = handler(method, described, report);
                if (handler == null) {
                    continue;
                }
                String key = handler.event().toString();
                ExecutableElement first = byEvent.putIfAbsent(key, method);
                if (first != null) {
                    report.add(
                            Message.PROJECTION_ON_DUPLICATE_EVENT,
                            method,
                            described,
                            key,
                            MethodText.describe(type, first));
                    continue;
                }
                handlers.add(handler);
            }
            if (AnnotationMirrors.find(method, AnnotationNames.REBUILD).isPresent()) {
                if (!callable(method, report, "Rebuild", described)) {
                    continue;
                }
                if (rebuild != null) {
                    report.add(
                            Message.PROJECTION_REBUILD_DUPLICATE,
                            method,
                            described,
                            MethodText.describe(type, rebuild));
                    continue;
                }
                rebuild = method;
                rebuildMethod = rebuildMethod(method, described, report);
            }
        }
        if (!anyOn) {
            report.add(Message.PROJECTION_NO_HANDLERS, type, qualified);
        }
        ValidationReport built = report.build();
        if (!built.isClean()) {
            return Reading.failed(built);
        }
        handlers.sort(Comparator.comparing((Handler h) -> h.method().name())
                .thenComparing(h -> h.event().toString()));
        return Reading.of(
                built,
                new ProjectionDescriptor(
                        type,
                        className,
                        name,
                        mode,
                        handlers,
                        Optional.ofNullable(rebuildMethod),
                        MethodText.instantiable(type)));
    }

    /** A reason the class cannot be a projection, or empty. */
    private static Optional<String> problem(TypeElement type) {
        if (type.getKind() != ElementKind.CLASS) {
            return Optional.of("a "
                    + type.getKind()
                            .toString()
                            .toLowerCase(java.util.Locale.ROOT)
                            .replace('_', ' '));
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

    private static boolean callable(
            ExecutableElement method, ValidationReport.Builder report, String annotation, String described) {
        if (method.getModifiers().contains(Modifier.PRIVATE)
                || method.getModifiers().contains(Modifier.STATIC)) {
            String what = method.getModifiers().contains(Modifier.PRIVATE) ? "private" : "static";
            report.add(Message.PROJECTION_METHOD_NOT_CALLABLE, method, annotation, described, what);
            return false;
        }
        return true;
    }

    private Handler handler(ExecutableElement method, String described, ValidationReport.Builder report) {
        List<? extends VariableElement> parameters = method.getParameters();
        if (parameters.isEmpty()
                || contextArgument(parameters.get(0).asType()) != null
                || !isEvent(parameters.get(0))) {
            report.add(Message.PROJECTION_ON_NO_EVENT, method, described);
            return null;
        }
        TypeElement eventType = (TypeElement) types.asElement(parameters.get(0).asType());
        if (eventType.getKind().isInterface() || eventType.getModifiers().contains(Modifier.ABSTRACT)) {
            String what = eventType.getKind().isInterface() ? "an interface" : "abstract";
            report.add(
                    Message.PROJECTION_ON_ABSTRACT_EVENT,
                    parameters.get(0),
                    described,
                    eventType.getQualifiedName(),
                    what);
            return null;
        }
        List<Argument> arguments = new ArrayList<>();
        arguments.add(Argument.EVENT);
        boolean clean = true;
        for (VariableElement parameter : parameters.subList(1, parameters.size())) {
            Argument argument = contextArgument(parameter.asType());
            if (argument == null) {
                report.add(
                        Message.PROJECTION_ON_UNSUPPORTED_PARAMETER,
                        parameter,
                        described,
                        parameter.getSimpleName(),
                        parameter.asType());
                clean = false;
            }
            arguments.add(argument);
        }
        if (!clean) {
            return null;
        }
        TypeName event = TypeName.get(types.erasure(parameters.get(0).asType()));
        return new Handler(event, new Method(method.getSimpleName().toString(), arguments));
    }

    private Method rebuildMethod(ExecutableElement method, String described, ValidationReport.Builder report) {
        List<Argument> arguments = new ArrayList<>();
        for (VariableElement parameter : method.getParameters()) {
            Argument argument = contextArgument(parameter.asType());
            if (argument != Argument.CONTEXT && argument != Argument.CONNECTION) {
                report.add(
                        Message.PROJECTION_REBUILD_UNSUPPORTED_PARAMETER,
                        parameter,
                        described,
                        parameter.getSimpleName(),
                        parameter.asType());
            }
            arguments.add(argument);
        }
        return new Method(method.getSimpleName().toString(), arguments);
    }

    private static boolean isEvent(VariableElement parameter) {
        return parameter.asType().getKind() == TypeKind.DECLARED;
    }

    /** What the dispatch can pass for a parameter of this type, or null for anything else. */
    private static Argument contextArgument(TypeMirror type) {
        String name = type.toString();
        if (name.equals(ENVELOPE)) {
            return Argument.ENVELOPE;
        }
        if (name.equals(CONTEXT)) {
            return Argument.CONTEXT;
        }
        return name.equals(CONNECTION) ? Argument.CONNECTION : null;
    }

    /** The name written, in snake case, as a suggestion for an invalid one. */
    static String suggestedName(String simpleName) {
        String snake = simpleName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
        String cleaned = snake.replaceAll("[^a-z0-9_]", "_").replaceAll("^[^a-z]+", "");
        cleaned = cleaned.isEmpty() ? "projection" : cleaned;
        return cleaned.length() > MAX_NAME ? cleaned.substring(0, MAX_NAME) : cleaned;
    }

    private static Optional<String> string(AnnotationMirror mirror, String attribute) {
        return AnnotationMirrors.explicitValue(mirror, attribute).map(v -> (String) v.getValue());
    }

    private static Optional<String> enumConstant(AnnotationMirror mirror, String attribute) {
        return AnnotationMirrors.explicitValue(mirror, attribute)
                .map(v -> ((VariableElement) v.getValue()).getSimpleName().toString());
    }
}
