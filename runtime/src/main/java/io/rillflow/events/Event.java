package io.rillflow.events;

import java.util.Objects;

/**
 * An event given by type name rather than by a registered class, for untyped use: the body is any value Jackson can
 * write (a map, a {@code JsonNode}, a record).
 *
 * @param type the stored type name
 * @param version the event schema version (1 unless the event's shape has changed)
 * @param body the payload
 */
public record Event(String type, int version, Object body) {
    /** Checks the type name is not blank, the version is 1 or more and there is a body. */
    public Event {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("An event type name must not be blank");
        }
        if (version < 1) {
            throw new IllegalArgumentException("An event version must be 1 or more, was " + version + " for " + type);
        }
        Objects.requireNonNull(body, () -> "The body of event " + type + " must not be null");
    }

    /** An event of {@code type}, version 1. */
    public static Event of(String type, Object body) {
        return new Event(type, 1, body);
    }
}
