package io.rillflow.processes;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A {@code @ProcessManager} class as a generated registry declares it.
 *
 * @param name the process manager's name
 * @param type the user's class
 * @param handlerType the generated dispatch class
 * @param factory makes the handler with a new instance of {@code type}; null when {@code type} has no no-argument
 *     constructor, in which case the application registers {@code new <Type>_ProcessManager(instance)}
 */
public record ProcessManagerDefinition(
        String name,
        Class<?> type,
        Class<? extends ProcessManagerHandler> handlerType,
        Supplier<? extends ProcessManagerHandler> factory) {
    /** Checks that everything but the factory is given. */
    public ProcessManagerDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(handlerType, "handlerType");
    }
}
