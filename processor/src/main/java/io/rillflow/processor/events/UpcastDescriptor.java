package io.rillflow.processor.events;

import com.palantir.javapoet.ClassName;
import io.rillflow.processor.ElementText;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * One valid {@code @Upcast} step.
 *
 * @param method the annotated method
 * @param holder the type declaring it
 * @param eventName the event upcast
 * @param from the version it reads; it returns {@code from + 1}
 * @param parameter how the old version is passed: a typed class, or JSON
 * @param result how the new version is returned
 */
public record UpcastDescriptor(
        ExecutableElement method, TypeElement holder, String eventName, int from, Side parameter, Side result) {
    /**
     * One side of the step.
     *
     * @param type the event class, or {@code JsonNode}/{@code ObjectNode} for a JSON side
     * @param json whether the side is JSON
     */
    public record Side(ClassName type, boolean json) {}

    /** The method as messages name it. */
    public String label() {
        return ElementText.method(method);
    }
}
