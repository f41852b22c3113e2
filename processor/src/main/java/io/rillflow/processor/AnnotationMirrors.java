package io.rillflow.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * Reads annotations as mirrors, by the qualified name of their type: the processor never loads annotation classes,
 * so it needs neither Jackson nor the user's class path at run time.
 */
public final class AnnotationMirrors {
    private AnnotationMirrors() {}

    /** The annotation of type {@code qualifiedName} on {@code element}, if present. */
    public static Optional<AnnotationMirror> find(Element element, String qualifiedName) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            if (is(mirror, qualifiedName)) {
                return Optional.of(mirror);
            }
        }
        return Optional.empty();
    }

    /** Every annotation of a repeatable type on {@code element}, written directly or gathered in its container. */
    public static List<AnnotationMirror> findRepeated(Element element, String qualifiedName, String containerName) {
        List<AnnotationMirror> found = new ArrayList<>();
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            if (is(mirror, qualifiedName)) {
                found.add(mirror);
            } else if (is(mirror, containerName)) {
                explicitValue(mirror, "value").ifPresent(value -> {
                    for (Object item : (List<?>) value.getValue()) {
                        found.add((AnnotationMirror) ((AnnotationValue) item).getValue());
                    }
                });
            }
        }
        return found;
    }

    /** Whether {@code mirror} is an annotation of type {@code qualifiedName}. */
    public static boolean is(AnnotationMirror mirror, String qualifiedName) {
        Element type = mirror.getAnnotationType().asElement();
        return type instanceof TypeElement t && t.getQualifiedName().contentEquals(qualifiedName);
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

    /** A boolean attribute, or {@code fallback} when not written. */
    public static boolean bool(AnnotationMirror mirror, String attribute, boolean fallback) {
        return explicitValue(mirror, attribute).map(v -> (Boolean) v.getValue()).orElse(fallback);
    }

    /** The constant name of an enum attribute, or {@code fallback} when not written. */
    public static String enumConstant(AnnotationMirror mirror, String attribute, String fallback) {
        return explicitValue(mirror, attribute)
                .map(v -> ((VariableElement) v.getValue()).getSimpleName().toString())
                .orElse(fallback);
    }
}
