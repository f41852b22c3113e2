package io.rillflow.processor.aggregates;

import io.rillflow.processor.ElementText;
import io.rillflow.processor.Message;
import io.rillflow.processor.RuntimeTypes;
import io.rillflow.processor.ValidationReport;
import io.rillflow.processor.events.EventTypeDescriptor;
import io.rillflow.processor.events.EventTypeReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Reads one {@code @Apply} method: its style (mutable, returning the state, static), its one event and whether it
 * takes the envelope.
 */
final class ApplyReader {
    private static final String ENVELOPE = RuntimeTypes.EVENT_ENVELOPE.canonicalName();

    /** JDK value types that cannot change after construction. */
    private static final Set<String> IMMUTABLE_JDK = Set.of(
            "java.lang.String",
            "java.lang.Boolean",
            "java.lang.Character",
            "java.lang.Byte",
            "java.lang.Short",
            "java.lang.Integer",
            "java.lang.Long",
            "java.lang.Float",
            "java.lang.Double",
            "java.math.BigDecimal",
            "java.math.BigInteger",
            "java.util.UUID");

    private final Types types;

    ApplyReader(Types types) {
        this.types = types;
    }

    /** Reads {@code method} of {@code type}, which carries {@code @Apply}; null (and a report item) if unusable. */
    AggregateDescriptor.Apply read(TypeElement type, ExecutableElement method, ValidationReport.Builder report) {
        String label = ElementText.method(method);
        String stateName = type.getSimpleName().toString();
        if (method.getModifiers().contains(Modifier.PRIVATE)) {
            report.add(Message.APPLY_SIGNATURE, method, label, "is private", stateName, stateName);
            return null;
        }
        List<VariableElement> parameters = new ArrayList<>(method.getParameters());
        boolean withEnvelope = !parameters.isEmpty() && isEnvelope(parameters.get(parameters.size() - 1));
        if (withEnvelope) {
            parameters.remove(parameters.size() - 1);
        }
        boolean returnsState = types.isSameType(method.getReturnType(), type.asType());
        AggregateDescriptor.Style style;
        if (method.getModifiers().contains(Modifier.STATIC)) {
            if (parameters.isEmpty() || !types.isSameType(parameters.get(0).asType(), type.asType())) {
                report.add(
                        Message.APPLY_SIGNATURE,
                        method,
                        label,
                        "is static but does not take the state first",
                        stateName,
                        stateName);
                return null;
            }
            if (!returnsState) {
                report.add(
                        Message.APPLY_SIGNATURE,
                        method,
                        label,
                        "is static and returns " + ElementText.type(method.getReturnType()),
                        stateName,
                        stateName);
                return null;
            }
            parameters.remove(0);
            style = AggregateDescriptor.Style.STATIC;
        } else if (method.getReturnType().getKind() == TypeKind.VOID) {
            if (immutableRecord(type)) {
                report.add(Message.APPLY_CANNOT_CHANGE_STATE, method, label, stateName, stateName);
                return null;
            }
            style = AggregateDescriptor.Style.MUTABLE;
        } else if (returnsState) {
            style = AggregateDescriptor.Style.RETURNS_STATE;
        } else {
            report.add(
                    Message.APPLY_SIGNATURE,
                    method,
                    label,
                    "returns " + ElementText.type(method.getReturnType()),
                    stateName,
                    stateName);
            return null;
        }
        if (parameters.size() != 1) {
            report.add(
                    Message.APPLY_EVENT_COUNT,
                    method,
                    label,
                    parameters.size(),
                    parameters.isEmpty()
                            ? "none"
                            : parameters.stream()
                                    .map(p -> ElementText.type(p.asType()))
                                    .collect(Collectors.joining(", ")));
            return null;
        }
        VariableElement event = parameters.get(0);
        if (!(event.asType() instanceof DeclaredType declared)
                || isEnvelope(event)
                || javaType((TypeElement) declared.asElement())) {
            report.add(
                    Message.APPLY_SIGNATURE,
                    method,
                    label,
                    "takes " + ElementText.type(event.asType()) + ", which is not an event class",
                    stateName,
                    stateName);
            return null;
        }
        TypeElement eventType = (TypeElement) declared.asElement();
        String abstractKind = EventTypeReader.abstractKind(eventType);
        if (abstractKind != null) {
            report.add(Message.EVENT_NOT_CONCRETE, event, eventType.getQualifiedName(), abstractKind);
            return null;
        }
        if (!EventTypeReader.publicAndStatic(eventType)) {
            report.add(Message.EVENT_NOT_PUBLIC, event, eventType.getQualifiedName());
            return null;
        }
        EventTypeDescriptor descriptor = EventTypeReader.describe(eventType);
        return new AggregateDescriptor.Apply(method, descriptor, style, withEnvelope);
    }

    /**
     * A record none of whose components can hold changeable state: a void method can change nothing. Components of
     * other types (a list, a class of the user's) may be mutated in place, so those records pass.
     */
    private static boolean immutableRecord(TypeElement type) {
        if (type.getKind() != ElementKind.RECORD) {
            return false;
        }
        for (RecordComponentElement component : type.getRecordComponents()) {
            TypeMirror componentType = component.asType();
            if (componentType.getKind().isPrimitive()) {
                continue;
            }
            if (!(componentType instanceof DeclaredType declared)) {
                return false; // an array, or a type variable
            }
            TypeElement element = (TypeElement) declared.asElement();
            boolean immutable = element.getKind() == ElementKind.ENUM
                    || element.getKind() == ElementKind.RECORD && immutableRecord(element)
                    || IMMUTABLE_JDK.contains(element.getQualifiedName().toString())
                    || element.getQualifiedName().toString().startsWith("java.time.");
            if (!immutable) {
                return false;
            }
        }
        return true;
    }

    private static boolean isEnvelope(VariableElement parameter) {
        return parameter.asType() instanceof DeclaredType d
                && ((TypeElement) d.asElement()).getQualifiedName().contentEquals(ENVELOPE);
    }

    /** Whether {@code type} belongs to the JDK's {@code java.*} packages: never an event. */
    static boolean javaType(TypeElement type) {
        Element e = type;
        while (!(e instanceof PackageElement)) {
            e = e.getEnclosingElement();
        }
        String pkg = ((PackageElement) e).getQualifiedName().toString();
        return pkg.equals("java") || pkg.startsWith("java.");
    }
}
