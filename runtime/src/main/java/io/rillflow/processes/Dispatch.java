package io.rillflow.processes;

import java.util.Objects;
import java.util.UUID;

/**
 * One command a process manager sends, with the aggregate it goes to. An {@code @On} method of a
 * {@code @ProcessManager} returns {@code Dispatch.to(orderId, new ShipOrder(...))}, or a list of such values; the
 * command bus routes the command to the aggregate that handles its type, and the id says which instance.
 *
 * @param <C> the command type; declare it (rather than {@code ?}) so the processor can check that an aggregate handles
 *     it
 */
public final class Dispatch<C> {
    private final Object aggregateId;
    private final C command;

    private Dispatch(Object aggregateId, C command) {
        this.aggregateId = aggregateId;
        this.command = Objects.requireNonNull(command, "command");
    }

    /**
     * {@code command} for the aggregate with the {@code String} id {@code aggregateId}.
     *
     * @throws IllegalArgumentException if the id is null or empty
     */
    public static <C> Dispatch<C> to(String aggregateId, C command) {
        if (aggregateId == null || aggregateId.isEmpty()) {
            throw new IllegalArgumentException("A dispatch needs a non-empty aggregate id, was "
                    + (aggregateId == null ? "null" : "\"\"") + " for " + describe(command));
        }
        return new Dispatch<>(aggregateId, command);
    }

    /**
     * {@code command} for the aggregate with the {@code UUID} id {@code aggregateId}.
     *
     * @throws IllegalArgumentException if the id is null
     */
    public static <C> Dispatch<C> to(UUID aggregateId, C command) {
        if (aggregateId == null) {
            throw new IllegalArgumentException("A dispatch needs an aggregate id, was null for " + describe(command));
        }
        return new Dispatch<>(aggregateId, command);
    }

    /** The target aggregate's id: a {@code String} or a {@code UUID}. */
    public Object aggregateId() {
        return aggregateId;
    }

    /** The command. */
    public C command() {
        return command;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Dispatch<?> that
                && aggregateId.equals(that.aggregateId)
                && command.equals(that.command);
    }

    @Override
    public int hashCode() {
        return Objects.hash(aggregateId, command);
    }

    @Override
    public String toString() {
        return command + " to " + aggregateId;
    }

    private static String describe(Object command) {
        return command == null ? "a null command" : command.getClass().getName();
    }
}
