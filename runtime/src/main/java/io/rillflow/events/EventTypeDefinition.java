package io.rillflow.events;

import io.rillflow.internal.NulCharacters;
import java.util.Objects;

/**
 * An event class under its stored name and schema version, as a generated registry declares it (or
 * {@code StoreBuilder.eventType} registers it by hand).
 *
 * @param name the stored type name
 * @param version the schema version of this class's shape, 1 or more
 * @param type the class events of this name and version are read into
 */
public record EventTypeDefinition(String name, int version, Class<?> type) {
    /** Checks the name is not blank, the version is 1 or more and there is a class. */
    public EventTypeDefinition {
        if (name == null || name.isBlank() || version < 1) {
            throw new IllegalArgumentException("An event type needs a non-blank name and a version of 1 or more; got"
                    + " name=" + name + ", version=" + version + " for " + type);
        }
        Objects.requireNonNull(type, () -> "The class of event type " + name + " must not be null");
        NulCharacters.requireNone("the event type name", name);
    }
}
