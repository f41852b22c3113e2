package io.rillflow.aggregates;

import java.sql.Connection;

/**
 * Routes commands to the aggregate that handles them, by command type, from the table the generated registries
 * declare (each {@code @Aggregate}'s {@code @Handle} parameter types) and the aggregates registered by hand with
 * {@code StoreBuilder.aggregate}. A store has one bus, {@code store.commandBus()}, which its process managers dispatch
 * through too; thread-safe.
 */
public interface CommandBus {
    /**
     * Routes the commands of {@code repository}'s aggregate through it instead of the default repository, so its
     * {@code beforeCommit} check and {@code maxAttempts} apply, from the next dispatch on, for every user of the bus.
     *
     * @throws IllegalStateException if one of its command types is routed to another aggregate
     */
    CommandBus register(AggregateRepository<?, ?> repository);

    /**
     * Executes {@code command} on the aggregate with {@code aggregateId}; see {@link AggregateRepository#execute}.
     *
     * @throws IllegalArgumentException if no aggregate handles the command's type, or the id is of the wrong type
     */
    CommandResult<?> dispatch(Object aggregateId, Object command, CommandContext context);

    /**
     * Executes {@code command} on the aggregate with {@code aggregateId} if it is at {@code expectedVersion}; see
     * {@link AggregateRepository#execute(Object, Object, CommandContext, long)}.
     *
     * @throws io.rillflow.ConcurrencyException if the aggregate is at another version (nothing is written)
     * @throws IllegalArgumentException if no aggregate handles the command's type, the id is of the wrong type, or
     *     {@code expectedVersion} is negative
     */
    CommandResult<?> dispatch(Object aggregateId, Object command, CommandContext context, long expectedVersion);

    /**
     * This bus working on {@code connection}, inside its current transaction, for commands that must commit or roll
     * back with the caller's own SQL, documents and events: each dispatch loads, decides and appends there, and nothing
     * commits, rolls back or closes the connection. A command is tried once, as by {@link AggregateRepository#within}:
     * a {@link io.rillflow.ConcurrencyException} goes to the caller, who rolls back and retries the whole transaction.
     * Routes follow the store's bus, including repositories registered on it later; register them there, not here.
     *
     * @throws NullPointerException if {@code connection} is null
     */
    CommandBus within(Connection connection);
}
