package io.rillflow.processor.events;

import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/** Reads the event-sourcing annotations as mirrors, by qualified name, never as loaded classes. */
public final class AnnotationMirrors {
    private AnnotationMirrors() {}

    /** The annotation of type {@code qualifiedName} on {@code element}, if present. */
    public static Optional<AnnotationMirror> find(Element element, String qualifiedName) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            Element type = mirror.getAnnotationType().asElement();
            if (type instanceof TypeElement t && t.getQualifiedName().contentEquals(qualifiedName)) {
                return Optional.of(mirror);
            }
        }
        return Optional.empty();
    }

    /** The value written for {@code attribute}, or empty when it is left at its default. */
    public static Optional<AnnotationValue> explicitValue(AnnotationMirror mirror, String attribute) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
                mirror.getElementValues().entrySet()) {
            if (entry.getKey().getSimpleName().contentEquals(attribute)) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }

    /** A string attribute, or {@code fallback} when not written. */
    public static String string(AnnotationMirror mirror, String attribute, String fallback) {
        return explicitValue(mirror, attribute).map(v -> (String) v.getValue()).orElse(fallback);
    }

    /** An int attribute, or {@code fallback} when not written. */
    public static int integer(AnnotationMirror mirror, String attribute, int fallback) {
        return explicitValue(mirror, attribute).map(v -> (Integer) v.getValue()).orElse(fallback);
    }
}
