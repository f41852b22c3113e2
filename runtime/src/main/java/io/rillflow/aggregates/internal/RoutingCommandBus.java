package io.rillflow.aggregates.internal;

import io.rillflow.aggregates.AggregateDefinition;
import io.rillflow.aggregates.AggregateRepository;
import io.rillflow.aggregates.CommandBus;
import io.rillflow.aggregates.CommandContext;
import io.rillflow.aggregates.CommandResult;
import io.rillflow.store.internal.StoreContext;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** The command bus of a store: a routing table from command type to the aggregate executing it. */
public final class RoutingCommandBus implements CommandBus {
    /** Executes commands of one aggregate type: a default engine or a registered repository. */
    private interface Target {
        AggregateDefinition<?, ?> definition();

        /** Executes the command; {@code expectedVersion} is {@code ANY_VERSION} when the sender stated none. */
        CommandResult<?> execute(Object id, Object command, CommandContext context, long expectedVersion);

        /** This target executing on {@code connection}, inside the caller's transaction. */
        Target bind(Connection connection);
    }

    private static final long ANY_VERSION = AggregateEngine.ANY_VERSION;

    /**
     * The routing table and the routes already resolved for concrete command classes, replaced together by
     * {@link #register}, so a dispatch running at the same time sees either the old table or the new one, never a
     * mix.
     */
    private record Table(Map<Class<?>, Target> routes, Map<Class<?>, Target> resolved) {}

    private volatile Table table;

    /**
     * A bus over {@code definitions}, each executed by a default engine on {@code context}.
     *
     * @throws IllegalStateException if two definitions handle the same command type, or share a name (their streams
     *     would mix)
     */
    public RoutingCommandBus(StoreContext context, List<AggregateDefinition<?, ?>> definitions) {
        Map<Class<?>, Target> routes = new LinkedHashMap<>();
        Map<String, Class<?>> names = new HashMap<>();
        for (AggregateDefinition<?, ?> definition : definitions) {
            // The processor checks this within one compilation; registries of several compilations meet only here.
            Class<?> named = names.putIfAbsent(definition.name(), definition.stateType());
            if (named != null && named != definition.stateType()) {
                throw new IllegalStateException("Aggregates " + named.getName() + " and "
                        + definition.stateType().getName() + " are both named \"" + definition.name() + "\": the name"
                        + " is the stream type of their streams, so their events would mix. Rename one of them with"
                        + " @Aggregate(\"...\")");
            }
            Target target = engineTarget(new AggregateEngine<>(context, definition));
            for (Class<?> command : definition.commandTypes()) {
                Target other = routes.putIfAbsent(command, target);
                if (other != null) {
                    throw new IllegalStateException("Command " + command.getName() + " is handled by aggregates "
                            + other.definition().name() + " and " + definition.name() + "; a command type must have"
                            + " one handler");
                }
            }
        }
        table = new Table(routes, new ConcurrentHashMap<>());
    }

    @Override
    public synchronized CommandBus register(AggregateRepository<?, ?> repository) {
        Target target = repositoryTarget(repository);
        Map<Class<?>, Target> routes = new LinkedHashMap<>(table.routes());
        for (Class<?> command : repository.definition().commandTypes()) {
            Target existing = routes.get(command);
            if (existing != null
                    && !existing.definition()
                            .name()
                            .equals(repository.definition().name())) {
                throw new IllegalStateException("Command " + command.getName() + " is already routed to aggregate "
                        + existing.definition().name());
            }
            routes.put(command, target);
        }
        table = new Table(routes, new ConcurrentHashMap<>());
        return this;
    }

    @Override
    public CommandResult<?> dispatch(Object aggregateId, Object command, CommandContext context) {
        Objects.requireNonNull(command, "command");
        return route(command).execute(aggregateId, command, context, ANY_VERSION);
    }

    @Override
    public CommandResult<?> dispatch(Object aggregateId, Object command, CommandContext context, long expectedVersion) {
        Objects.requireNonNull(command, "command");
        return route(command).execute(aggregateId, command, context, checked(expectedVersion));
    }

    @Override
    public CommandBus within(Connection connection) {
        Objects.requireNonNull(connection, "connection: within(...) needs the caller's open connection");
        return new Bound(connection);
    }

    private static long checked(long expectedVersion) {
        if (expectedVersion < 0) {
            throw new IllegalArgumentException(
                    "An expected aggregate version is 0 (a new aggregate) or more, was " + expectedVersion);
        }
        return expectedVersion;
    }

    /** The store's routes, each target bound to the caller's connection when a command is dispatched. */
    private final class Bound implements CommandBus {
        private final Connection connection;

        Bound(Connection connection) {
            this.connection = connection;
        }

        @Override
        public CommandBus register(AggregateRepository<?, ?> repository) {
            throw new IllegalStateException("Register aggregate repositories on the store's bus (store.commandBus());"
                    + " a bus within a connection follows its routes and only dispatches");
        }

        @Override
        public CommandResult<?> dispatch(Object aggregateId, Object command, CommandContext context) {
            Objects.requireNonNull(command, "command");
            return route(command).bind(connection).execute(aggregateId, command, context, ANY_VERSION);
        }

        @Override
        public CommandResult<?> dispatch(
                Object aggregateId, Object command, CommandContext context, long expectedVersion) {
            Objects.requireNonNull(command, "command");
            return route(command).bind(connection).execute(aggregateId, command, context, checked(expectedVersion));
        }

        @Override
        public CommandBus within(Connection other) {
            return RoutingCommandBus.this.within(other);
        }
    }

    private Target route(Object command) {
        Table current = table;
        Map<Class<?>, Target> routes = current.routes();
        return current.resolved().computeIfAbsent(command.getClass(), type -> {
            Target exact = routes.get(type);
            if (exact != null) {
                return exact;
            }
            for (Map.Entry<Class<?>, Target> route : routes.entrySet()) {
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

    private static <S, I> Target engineTarget(AggregateEngine<S, I> engine) {
        return new Target() {
            @Override
            public AggregateDefinition<?, ?> definition() {
                return engine.definition();
            }

            @Override
            public CommandResult<?> execute(Object id, Object command, CommandContext context, long expectedVersion) {
                I typed = typedId(engine.definition(), id);
                return expectedVersion == ANY_VERSION
                        ? engine.execute(typed, command, context)
                        : engine.execute(typed, command, context, expectedVersion);
            }

            @Override
            public Target bind(Connection connection) {
                return engineTarget(engine.within(connection));
            }
        };
    }

    private static <S, I> Target repositoryTarget(AggregateRepository<S, I> repository) {
        return new Target() {
            @Override
            public AggregateDefinition<?, ?> definition() {
                return repository.definition();
            }

            @Override
            public CommandResult<?> execute(Object id, Object command, CommandContext context, long expectedVersion) {
                I typed = typedId(repository.definition(), id);
                return expectedVersion == ANY_VERSION
                        ? repository.execute(typed, command, context)
                        : repository.execute(typed, command, context, expectedVersion);
            }

            @Override
            public Target bind(Connection connection) {
                return repositoryTarget(repository.within(connection));
            }
        };
    }

    private static <I> I typedId(AggregateDefinition<?, I> definition, Object id) {
        Class<I> idType = definition.idType();
        if (!idType.isInstance(id)) {
            throw new IllegalArgumentException("Aggregate " + definition.name() + " takes " + idType.getSimpleName()
                    + " ids, got " + (id == null ? "null" : id.getClass().getName()));
        }
        return idType.cast(id);
    }
}
