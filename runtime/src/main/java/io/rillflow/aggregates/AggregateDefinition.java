package io.rillflow.aggregates;

import io.rillflow.events.EventEnvelope;
import io.rillflow.events.StreamIds;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * An aggregate as its generated repository declares it: its name, id and state types, initial state, and the
 * generated dispatch that folds events ({@link Evolve}) and handles commands ({@link Decide}).
 *
 * @param name the aggregate type name, recorded as the type of its streams
 * @param stateType the state class
 * @param idType {@code String} or {@code UUID}
 * @param snapshotVersion the declared version of the state's snapshot shape
 * @param shape a hash of the state's fields, so snapshots of another shape are ignored even if the version was not
 *     raised
 * @param initial the state of an aggregate with no events
 * @param evolve folds one event into the state
 * @param decide handles one command
 * @param commandTypes the command classes {@code decide} handles
 * @param targetVersion the version a command states it was decided against (its {@code @ExpectedVersion}), if any
 */
public record AggregateDefinition<S, I>(
        String name,
        Class<S> stateType,
        Class<I> idType,
        int snapshotVersion,
        String shape,
        Supplier<S> initial,
        Evolve<S> evolve,
        Decide<S, I> decide,
        List<Class<?>> commandTypes,
        TargetVersion targetVersion) {
    /** Folds one stored (or about to be stored) event into the state: the generated switch on the event type. */
    @FunctionalInterface
    public interface Evolve<S> {
        /** The state after {@code event}; mutable aggregates return {@code state} itself. */
        S apply(S state, EventEnvelope event);
    }

    /** Handles a command: the generated type test per command, calling the {@code @Handle} method. */
    @FunctionalInterface
    public interface Decide<S, I> {
        /** The events {@code command}, sent to the aggregate {@code id} with {@code context}, produces on {@code state}. */
        List<?> handle(S state, I id, Object command, CommandContext context);
    }

    /** Reads the aggregate version a command states, from its {@code @ExpectedVersion} component. */
    @FunctionalInterface
    public interface TargetVersion {
        /** The version {@code command} was decided against, or null if it states none. */
        Long of(Object command);
    }

    /** A definition whose commands state no version. */
    public AggregateDefinition(
            String name,
            Class<S> stateType,
            Class<I> idType,
            int snapshotVersion,
            String shape,
            Supplier<S> initial,
            Evolve<S> evolve,
            Decide<S, I> decide,
            List<Class<?>> commandTypes) {
        this(name, stateType, idType, snapshotVersion, shape, initial, evolve, decide, commandTypes, command -> null);
    }

    /** Checks the name (non-blank, free of {@code :}), the id type (String or UUID) and that no function is missing. */
    public AggregateDefinition {
        if (name == null || name.isBlank() || name.contains(":")) {
            throw new IllegalArgumentException("An aggregate name must be non-blank and free of ':', was " + name);
        }
        if (idType != String.class && idType != UUID.class) {
            throw new IllegalArgumentException(
                    "Aggregate " + name + " has id type " + idType + "; ids must be String or UUID");
        }
        Objects.requireNonNull(stateType, "stateType");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(evolve, "evolve");
        Objects.requireNonNull(decide, "decide");
        Objects.requireNonNull(targetVersion, "targetVersion");
        commandTypes = List.copyOf(commandTypes);
    }

    /**
     * The stream of the aggregate with {@code id}: a {@code UUID} id is the stream id itself; a {@code String} id maps
     * to {@code StreamIds.forName(name + ":" + id)}, the id {@code EventStore.resolveStreamAlias("<name>:<id>")}
     * gives, computed without a round trip.
     *
     * @throws IllegalArgumentException if {@code id} is null, empty or not of the id type
     */
    public UUID streamId(Object id) {
        if (id == null || !idType.isInstance(id)) {
            throw new IllegalArgumentException("Aggregate " + name + " takes " + idType.getSimpleName() + " ids, got "
                    + (id == null ? "null" : id.getClass().getName() + " " + id));
        }
        if (id instanceof UUID uuid) {
            return uuid;
        }
        String text = (String) id;
        if (text.isEmpty()) {
            throw new IllegalArgumentException("Aggregate " + name + " ids must not be empty");
        }
        return StreamIds.forName(name + ":" + text);
    }

    /** Whether {@code command} is of a type this aggregate handles. */
    public boolean handles(Object command) {
        for (Class<?> type : commandTypes) {
            if (type.isInstance(command)) {
                return true;
            }
        }
        return false;
    }
}
