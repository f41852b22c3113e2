package io.rillflow.processor.events;

import com.palantir.javapoet.ClassName;
import io.rillflow.processor.AnnotationMirrors;
import io.rillflow.processor.AnnotationNames;
import io.rillflow.processor.ElementText;
import io.rillflow.processor.Message;
import io.rillflow.processor.RuntimeTypes;
import io.rillflow.processor.ValidationReport;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Validates one {@code @Upcast} method and works out which event and step it is. */
public final class UpcastReader {
    private static final String JSON_NODE = RuntimeTypes.JSON_NODE.canonicalName();
    private static final String OBJECT_NODE = RuntimeTypes.OBJECT_NODE.canonicalName();

    /**
     * The outcome for one method.
     *
     * @param report what is wrong
     * @param upcast the step, when the report is clean
     */
    public record Result(ValidationReport report, UpcastDescriptor upcast) {}

    private UpcastReader() {}

    /** Reads {@code method}, which carries {@code @Upcast}. */
    public static Result read(ExecutableElement method) {
        ValidationReport.Builder report = ValidationReport.builder();
        TypeElement holder = (TypeElement) method.getEnclosingElement();
        String label = ElementText.method(method);
        AnnotationMirror mirror =
                AnnotationMirrors.find(method, AnnotationNames.UPCAST).orElseThrow();
        String problem = signatureProblem(method, holder);
        if (problem != null) {
            report.add(Message.UPCAST_SIGNATURE, method, label, problem);
            return new Result(report.build(), null);
        }
        Optional<EventTypeDescriptor> oldEvent =
                typedEvent(method.getParameters().get(0).asType());
        Optional<EventTypeDescriptor> newEvent = typedEvent(method.getReturnType());
        UpcastDescriptor.Side parameter = side(method.getParameters().get(0).asType(), oldEvent);
        UpcastDescriptor.Side result = side(method.getReturnType(), newEvent);
        String explicitEvent = AnnotationMirrors.string(mirror, "event", "");
        int explicitFrom = AnnotationMirrors.integer(mirror, "from", 0);

        String name;
        int from;
        if (oldEvent.isPresent()) {
            name = oldEvent.get().name();
            from = oldEvent.get().version();
        } else if (newEvent.isPresent()) {
            name = newEvent.get().name();
            from = explicitFrom > 0 ? explicitFrom : newEvent.get().version() - 1;
        } else {
            if (explicitEvent.isEmpty() || explicitFrom < 1) {
                report.add(Message.UPCAST_NEEDS_EVENT, method, mirror, null, label);
                return new Result(report.build(), null);
            }
            name = explicitEvent;
            from = explicitFrom;
        }
        String toName = newEvent.map(EventTypeDescriptor::name).orElse(name);
        int to = newEvent.map(EventTypeDescriptor::version).orElse(from + 1);
        boolean namesAgree = toName.equals(name) && (explicitEvent.isEmpty() || explicitEvent.equals(name));
        boolean fromAgrees = explicitFrom == 0 || explicitFrom == from;
        if (!namesAgree || !fromAgrees || to != from + 1 || from < 1) {
            report.add(
                    Message.UPCAST_MISMATCH,
                    method,
                    label,
                    explicitEvent.isEmpty() ? name : explicitEvent,
                    explicitFrom == 0 ? from : explicitFrom,
                    toName,
                    to);
            return new Result(report.build(), null);
        }
        return new Result(report.build(), new UpcastDescriptor(method, holder, name, from, parameter, result));
    }

    private static String signatureProblem(ExecutableElement method, TypeElement holder) {
        if (!method.getModifiers().contains(Modifier.STATIC)) {
            return "it is not static";
        }
        if (!method.getModifiers().contains(Modifier.PUBLIC) || !EventTypeReader.publicAndStatic(holder)) {
            return "it or its type is not public";
        }
        if (method.getParameters().size() != 1) {
            return "it takes " + method.getParameters().size() + " parameters";
        }
        if (!declared(method.getParameters().get(0).asType())) {
            return "its parameter is not a class or JsonNode";
        }
        if (!declared(method.getReturnType())) {
            return "it does not return a class or JsonNode";
        }
        return null;
    }

    private static boolean declared(TypeMirror type) {
        return type.getKind() == TypeKind.DECLARED;
    }

    /** The event a typed side names; empty for a JSON side. */
    private static Optional<EventTypeDescriptor> typedEvent(TypeMirror type) {
        if (isJson(type)) {
            return Optional.empty();
        }
        return Optional.of(EventTypeReader.describe((TypeElement) ((DeclaredType) type).asElement()));
    }

    private static UpcastDescriptor.Side side(TypeMirror type, Optional<EventTypeDescriptor> event) {
        return event.map(e -> new UpcastDescriptor.Side(e.type(), false))
                .orElseGet(() -> new UpcastDescriptor.Side(
                        ClassName.get((TypeElement) ((DeclaredType) type).asElement()), true));
    }

    private static boolean isJson(TypeMirror type) {
        TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
        String name = element.getQualifiedName().toString();
        return name.equals(JSON_NODE) || name.equals(OBJECT_NODE);
    }
}
