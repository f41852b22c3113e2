package io.rillflow.processor.events;

import com.palantir.javapoet.ClassName;
import javax.lang.model.element.TypeElement;

/**
 * An event class with its stored name and version.
 *
 * @param element the event type
 * @param type its class name
 * @param name the stored type name
 * @param version the schema version
 */
public record EventTypeDescriptor(TypeElement element, ClassName type, String name, int version) {
    /** {@code "OrderPlaced" v2}, for messages. */
    public String label() {
        return "\"" + name + "\" v" + version;
    }
}
