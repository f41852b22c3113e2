package io.rillflow.aggregates;

import io.rillflow.Store;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routes commands to the aggregate that handles them, by command type, from the table the generated registries
 * declare (each {@code @Aggregate}'s {@code @Handle} parameter types). Usually obtained from
 * {@code store.commandBus()}; thread-safe.
 */
public final class CommandBus {
    /**
     * The routing table and the routes already resolved for concrete command classes, replaced together by
     * {@link #register}, so a dispatch running at the same time sees either the old table or the new one, never a
     * mix.
     */
    private record Table(
            Map<Class<?>, AggregateRepository<?, ?>> routes, Map<Class<?>, AggregateRepository<?, ?>> resolved) {}

    private volatile Table table;

    /**
     * A bus over {@code definitions}, each executed through a default repository on {@code store}.
     *
     * @throws IllegalStateException if two definitions handle the same command type
     */
    public CommandBus(Store store, List<AggregateDefinition<?, ?>> definitions) {
        Map<Class<?>, AggregateRepository<?, ?>> routes = new LinkedHashMap<>();
        for (AggregateDefinition<?, ?> definition : definitions) {
            AggregateRepository<?, ?> repository = new AggregateRepository<>(store, definition);
            for (Class<?> command : definition.commandTypes()) {
                AggregateRepository<?, ?> other = routes.putIfAbsent(command, repository);
                if (other != null) {
                    throw new IllegalStateException("Command " + command.getName() + " is handled by aggregates "
                            + other.definition().name() + " and " + definition.name() + "; a command type must have"
                            + " one handler");
                }
            }
        }
        table = new Table(routes, new ConcurrentHashMap<>());
    }

    /**
     * Routes the commands of {@code repository}'s aggregate through it instead of a default repository, so its
     * {@code beforeCommit} check and {@code maxAttempts} apply.
     */
    public synchronized CommandBus register(AggregateRepository<?, ?> repository) {
        Map<Class<?>, AggregateRepository<?, ?>> routes = new LinkedHashMap<>(table.routes());
        for (Class<?> command : repository.definition().commandTypes()) {
            AggregateRepository<?, ?> existing = routes.get(command);
            if (existing != null
                    && !existing.definition()
                            .name()
                            .equals(repository.definition().name())) {
                throw new IllegalStateException("Command " + command.getName() + " is already routed to aggregate "
                        + existing.definition().name());
            }
            routes.put(command, repository);
        }
        table = new Table(routes, new ConcurrentHashMap<>());
        return this;
    }

    /**
     * Executes {@code command} on the aggregate with {@code aggregateId}; see {@link AggregateRepository#execute}.
     *
     * @throws IllegalArgumentException if no aggregate handles the command's type, or the id is of the wrong type
     */
    public CommandResult<?> dispatch(Object aggregateId, Object command, CommandContext context) {
        Objects.requireNonNull(command, "command");
        return execute(route(command), aggregateId, command, context);
    }

    private AggregateRepository<?, ?> route(Object command) {
        Table current = table;
        Map<Class<?>, AggregateRepository<?, ?>> routes = current.routes();
        return current.resolved().computeIfAbsent(command.getClass(), type -> {
            AggregateRepository<?, ?> exact = routes.get(type);
            if (exact != null) {
                return exact;
            }
            for (Map.Entry<Class<?>, AggregateRepository<?, ?>> route : routes.entrySet()) {
                if (route.getKey().isAssignableFrom(type)) {
                    return route.getValue();
                }
            }
            List<String> known = new ArrayList<>();
            routes.keySet().forEach(c -> known.add(c.getName()));
            throw new IllegalArgumentException(
                    "No aggregate handles commands of type " + type.getName() + "; the bus routes " + known);
        });
    }

    private static <S, I> CommandResult<S> execute(
            AggregateRepository<S, I> repository, Object id, Object command, CommandContext context) {
        I typedId = repository.definition().idType().cast(checkedId(repository, id));
        return repository.execute(typedId, command, context);
    }

    private static Object checkedId(AggregateRepository<?, ?> repository, Object id) {
        Class<?> idType = repository.definition().idType();
        if (!idType.isInstance(id)) {
            throw new IllegalArgumentException(
                    "Aggregate " + repository.definition().name() + " takes " + idType.getSimpleName() + " ids, got "
                            + (id == null ? "null" : id.getClass().getName()));
        }
        return id;
    }
}
