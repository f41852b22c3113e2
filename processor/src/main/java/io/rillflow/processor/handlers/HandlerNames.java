package io.rillflow.processor.handlers;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The names of the compilation's projections and process managers, shared by both kinds' features: a process manager
 * runs as a projection of its own, so the two kinds key the same checkpoint, lease and dead-letter rows and one name
 * must not be used by both.
 */
public final class HandlerNames {
    /** The class that took a name first, and its kind. */
    record Owner(HandlerKind kind, String type) {}

    private final Map<String, Owner> owners = new HashMap<>();

    /** Claims {@code name} for {@code type}; the other class that has it already, if any. */
    Optional<Owner> claim(String name, HandlerKind kind, String type) {
        Owner owner = owners.putIfAbsent(name, new Owner(kind, type));
        return owner == null || owner.type().equals(type) ? Optional.empty() : Optional.of(owner);
    }
}
