package io.rillflow.processor.events;

import com.palantir.javapoet.ClassName;
import io.rillflow.processor.AnnotationMirrors;
import io.rillflow.processor.AnnotationNames;
import io.rillflow.processor.Message;
import io.rillflow.processor.ValidationReport;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * Reads the stored name and version of an event class: from {@code @Event} when present, otherwise the default name
 * at version 1. The default name is the simple name, with the simple names of enclosing types before it joined by
 * dots ({@code OrderPlaced}, {@code Order.Placed}): stable when a class moves to another package.
 */
public final class EventTypeReader {
    private EventTypeReader() {}

    /** The default stored name of {@code type}. */
    public static String defaultName(TypeElement type) {
        StringBuilder name = new StringBuilder(type.getSimpleName());
        for (Element e = type.getEnclosingElement(); e instanceof TypeElement outer; e = outer.getEnclosingElement()) {
            name.insert(0, outer.getSimpleName() + ".");
        }
        return name.toString();
    }

    /** The name and version of {@code type}, without validating them: for types declared elsewhere. */
    public static EventTypeDescriptor describe(TypeElement type) {
        Optional<AnnotationMirror> event = AnnotationMirrors.find(type, AnnotationNames.EVENT);
        String name = event.map(m -> AnnotationMirrors.string(m, "name", "")).orElse("");
        int version = event.map(m -> AnnotationMirrors.integer(m, "version", 1)).orElse(1);
        return new EventTypeDescriptor(type, ClassName.get(type), name.isEmpty() ? defaultName(type) : name, version);
    }

    /** The name and version of an event class of this compilation, reporting what makes it unusable. */
    public static EventTypeDescriptor read(TypeElement type, ValidationReport.Builder report) {
        EventTypeDescriptor event = describe(type);
        String abstractKind = abstractKind(type);
        if (abstractKind != null) {
            report.add(Message.EVENT_NOT_CONCRETE, type, type.getQualifiedName(), abstractKind);
        }
        if (!publicAndStatic(type)) {
            report.add(Message.EVENT_NOT_PUBLIC, type, type.getQualifiedName());
        }
        AnnotationMirrors.find(type, AnnotationNames.EVENT).ifPresent(mirror -> {
            if (event.version() < 1) {
                report.add(
                        Message.EVENT_INVALID_VERSION,
                        type,
                        mirror,
                        AnnotationMirrors.explicitValue(mirror, "version").orElse(null),
                        type.getQualifiedName(),
                        event.version());
            }
            if (event.name().isBlank() || !event.name().strip().equals(event.name())) {
                report.add(
                        Message.EVENT_INVALID_NAME,
                        type,
                        mirror,
                        AnnotationMirrors.explicitValue(mirror, "name").orElse(null),
                        type.getQualifiedName(),
                        event.name(),
                        defaultName(type));
            }
        });
        return event;
    }

    /** Why events cannot be read back into {@code type} ("an interface", "abstract"), or null if they can. */
    public static String abstractKind(TypeElement type) {
        return switch (type.getKind()) {
            case INTERFACE -> "an interface";
            case ANNOTATION_TYPE -> "an annotation type";
            case CLASS -> type.getModifiers().contains(Modifier.ABSTRACT) ? "abstract" : null;
            default -> null;
        };
    }

    /** Whether {@code type} and every type enclosing it are public, and nested types static. */
    public static boolean publicAndStatic(TypeElement type) {
        for (Element e = type; e instanceof TypeElement t; e = t.getEnclosingElement()) {
            if (!t.getModifiers().contains(Modifier.PUBLIC)) {
                return false;
            }
            boolean nested = t.getEnclosingElement() instanceof TypeElement;
            if (nested && t.getKind() == ElementKind.CLASS && !t.getModifiers().contains(Modifier.STATIC)) {
                return false;
            }
        }
        return true;
    }
}
