package io.rillflow.processor.aggregates;

import com.palantir.javapoet.ClassName;
import io.rillflow.processor.AnnotationMirrors;
import io.rillflow.processor.AnnotationNames;
import io.rillflow.processor.ElementText;
import io.rillflow.processor.Message;
import io.rillflow.processor.Reading;
import io.rillflow.processor.ValidationReport;
import io.rillflow.processor.events.EventTypeReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Validates one {@code @Aggregate} type, its {@code @Apply} and {@code @Handle} methods, and describes what to
 * generate. Never prints: the result carries the report.
 */
public final class AggregateValidator {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final int MAX_NAME = 63;

    /**
     * The outcome for one type.
     *
     * @param report what is wrong
     * @param aggregate what to generate, when the report is clean and nothing is unresolved
     * @param unresolved the method whose parameter or return type is not resolved yet ({@code Order.on}), or null
     */
    public record Result(ValidationReport report, AggregateDescriptor aggregate, String unresolved) {
        /** Whether the type must be looked at again in a later round. */
        public boolean deferred() {
            return unresolved != null;
        }
    }

    private final Types types;
    private final ApplyReader applyReader;
    private final HandleReader handleReader;

    public AggregateValidator(Elements elements, Types types) {
        this.types = types;
        this.applyReader = new ApplyReader(types);
        this.handleReader = new HandleReader(elements, types);
    }

    /** Validates {@code type}, which carries {@code @Aggregate}. */
    public Reading<AggregateDescriptor> validate(TypeElement type) {
        ValidationReport.Builder report = ValidationReport.builder();
        String problem = kindProblem(type);
        if (problem != null) {
            report.add(Message.AGGREGATE_KIND, type, type.getQualifiedName(), problem);
            return Reading.failed(report.build());
        }
        for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
            boolean annotated = AnnotationMirrors.find(method, AnnotationNames.APPLY)
                            .isPresent()
                    || AnnotationMirrors.find(method, AnnotationNames.HANDLE).isPresent();
            boolean unresolved = method.getReturnType().getKind() == TypeKind.ERROR
                    || method.getParameters().stream().anyMatch(p -> p.asType().getKind() == TypeKind.ERROR);
            if (annotated && unresolved) {
                return Reading.waitingFor("a type used by " + type.getSimpleName() + "." + method.getSimpleName());
            }
        }
        AnnotationMirror mirror =
                AnnotationMirrors.find(type, AnnotationNames.AGGREGATE).orElseThrow();
        String name = name(type, mirror, report);
        ClassName idType = idType(type, mirror, report);
        String initial = initialFactory(type);
        if (initial == null && !hasConstructor(type)) {
            report.add(Message.AGGREGATE_NO_INITIAL_STATE, type, type.getQualifiedName(), type.getSimpleName());
        }
        List<AggregateDescriptor.Apply> applies = new ArrayList<>();
        List<AggregateDescriptor.Handle> handles = new ArrayList<>();
        Map<String, ExecutableElement> applied = new HashMap<>();
        Map<ClassName, ExecutableElement> handled = new HashMap<>();
        for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
            if (AnnotationMirrors.find(method, AnnotationNames.APPLY).isPresent()) {
                AggregateDescriptor.Apply apply = applyReader.read(type, method, report);
                if (apply != null) {
                    // Keyed by version too: an @Apply of an older version of the same event gets the message that
                    // says old versions are upcast (AggregateFeature), not "merge the two methods".
                    ExecutableElement other = applied.putIfAbsent(apply.event().label(), method);
                    if (other != null) {
                        report.add(
                                Message.APPLY_DUPLICATE_EVENT,
                                method,
                                ElementText.method(method),
                                apply.event().name(),
                                ElementText.method(other));
                    } else {
                        applies.add(apply);
                    }
                }
            }
            if (AnnotationMirrors.find(method, AnnotationNames.HANDLE).isPresent()) {
                AggregateDescriptor.Handle handle = handleReader.read(method, name, idType, report);
                if (handle != null) {
                    ExecutableElement other = handled.putIfAbsent(handle.command(), method);
                    if (other != null) {
                        report.add(
                                Message.COMMAND_HANDLED_TWICE,
                                method,
                                handle.command().canonicalName(),
                                ElementText.method(other),
                                ElementText.method(method));
                    } else {
                        handles.add(handle);
                    }
                }
            }
        }
        if (report.hasErrors()) {
            return Reading.failed(report.build());
        }
        int snapshotVersion = AnnotationMirrors.integer(mirror, "snapshotVersion", 1);
        return Reading.of(
                report.build(),
                new AggregateDescriptor(
                        type,
                        ClassName.get(type),
                        name,
                        idType,
                        snapshotVersion,
                        shape(type),
                        initial,
                        applies,
                        handles,
                        repositoryName(type)));
    }

    private static String kindProblem(TypeElement type) {
        switch (type.getKind()) {
            case INTERFACE:
                return "an interface";
            case ENUM:
                return "an enum";
            case ANNOTATION_TYPE:
                return "an annotation type";
            default:
                break;
        }
        if (type.getModifiers().contains(Modifier.ABSTRACT)) {
            return "abstract";
        }
        if (!type.getTypeParameters().isEmpty()) {
            return "generic";
        }
        if (!EventTypeReader.publicAndStatic(type)) {
            return "not public, or an inner class";
        }
        return null;
    }

    private static String name(TypeElement type, AnnotationMirror mirror, ValidationReport.Builder report) {
        String explicit = AnnotationMirrors.string(mirror, "value", "");
        String name = explicit.isEmpty() ? snakeCase(type.getSimpleName().toString()) : explicit;
        if (name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
            String suggestion = snakeCase(name).replaceAll("[^a-z0-9_]+", "_").replaceAll("^[^a-z]+", "");
            report.add(
                    Message.AGGREGATE_INVALID_NAME,
                    type,
                    mirror,
                    AnnotationMirrors.explicitValue(mirror, "value").orElse(null),
                    type.getQualifiedName(),
                    name,
                    suggestion.isEmpty() ? "aggregate" : suggestion);
        }
        return name;
    }

    private static ClassName idType(TypeElement type, AnnotationMirror mirror, ValidationReport.Builder report) {
        AnnotationValue value = AnnotationMirrors.explicitValue(mirror, "id").orElse(null);
        if (value == null) {
            return ClassName.get(String.class);
        }
        TypeMirror id = (TypeMirror) value.getValue();
        String name = id instanceof DeclaredType d
                ? ((TypeElement) d.asElement()).getQualifiedName().toString()
                : id.toString();
        if (!name.equals("java.lang.String") && !name.equals("java.util.UUID")) {
            report.add(Message.AGGREGATE_ID_TYPE, type, mirror, value, type.getQualifiedName(), name);
            return null;
        }
        return ClassName.bestGuess(name);
    }

    /** The name of a usable static {@code initial()} method, or null. */
    private String initialFactory(TypeElement type) {
        for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
            if (method.getSimpleName().contentEquals("initial")
                    && method.getModifiers().contains(Modifier.STATIC)
                    && !method.getModifiers().contains(Modifier.PRIVATE)
                    && method.getParameters().isEmpty()
                    && types.isSameType(method.getReturnType(), type.asType())) {
                return "initial";
            }
        }
        return null;
    }

    private static boolean hasConstructor(TypeElement type) {
        return ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
                .anyMatch(c -> c.getParameters().isEmpty() && !c.getModifiers().contains(Modifier.PRIVATE));
    }

    /**
     * A hash of the state's shape: its instance fields (names and types) and, recursively, those of the non-JDK types
     * they use (type arguments included), so that a changed shape, nested records included, ignores old snapshots.
     */
    static String shape(TypeElement type) {
        StringBuilder shape = new StringBuilder();
        describeShape(type, shape, new HashSet<>());
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(shape.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    private static void describeShape(TypeElement type, StringBuilder shape, Set<String> seen) {
        if (!seen.add(type.getQualifiedName().toString()) || ApplyReader.javaType(type)) {
            return;
        }
        List<VariableElement> fields = ElementFilter.fieldsIn(type.getEnclosedElements()).stream()
                .filter(f -> !f.getModifiers().contains(Modifier.STATIC))
                .sorted(Comparator.comparing(f -> f.getSimpleName().toString()))
                .toList();
        shape.append(type.getQualifiedName()).append('{');
        for (VariableElement field : fields) {
            shape.append(field.getSimpleName())
                    .append(':')
                    .append(field.asType())
                    .append(';');
        }
        shape.append('}');
        for (VariableElement field : fields) {
            describeUsedTypes(field.asType(), shape, seen);
        }
    }

    private static void describeUsedTypes(TypeMirror type, StringBuilder shape, Set<String> seen) {
        if (type instanceof ArrayType array) {
            describeUsedTypes(array.getComponentType(), shape, seen);
        } else if (type instanceof DeclaredType declared) {
            describeShape((TypeElement) declared.asElement(), shape, seen);
            declared.getTypeArguments().forEach(argument -> describeUsedTypes(argument, shape, seen));
        }
    }

    private static String snakeCase(String simpleName) {
        return simpleName
                .replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                .replaceAll("([A-Z])([A-Z][a-z])", "$1_$2")
                .toLowerCase(Locale.ROOT);
    }

    /** {@code OrderRepository}; a nested {@code Outer.Order} gives {@code Outer_OrderRepository}. */
    private static ClassName repositoryName(TypeElement type) {
        StringBuilder name = new StringBuilder(type.getSimpleName());
        Element enclosing = type.getEnclosingElement();
        while (enclosing instanceof TypeElement outer) {
            name.insert(0, outer.getSimpleName() + "_");
            enclosing = outer.getEnclosingElement();
        }
        return ClassName.get(ClassName.get(type).packageName(), name + "Repository");
    }
}
