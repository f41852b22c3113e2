package io.rillflow.projections;

import io.rillflow.annotations.ProjectionMode;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A {@code @Projection} class as a generated registry declares it.
 *
 * @param name the projection's name
 * @param mode when it sees events
 * @param type the user's projection class
 * @param handlerType the generated dispatch class
 * @param factory makes the handler with a new instance of {@code type}; null when {@code type} has no
 *     no-argument constructor, in which case the application registers {@code new <Type>_Projection(instance)}
 */
public record ProjectionDefinition(
        String name,
        ProjectionMode mode,
        Class<?> type,
        Class<? extends ProjectionHandler> handlerType,
        Supplier<? extends ProjectionHandler> factory) {
    /** Checks that everything but the factory is given. */
    public ProjectionDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(handlerType, "handlerType");
    }
}
