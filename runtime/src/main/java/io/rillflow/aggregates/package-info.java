/**
 * Event-sourced aggregates: the generated {@code <Aggregate>Repository} (an {@link io.rillflow.aggregates.AggregateRepository})
 * loads an aggregate by folding its stream, executes commands with optimistic concurrency and retries, and keeps
 * snapshots; {@code store.commandBus()} routes commands by type to the aggregate that handles them, with the
 * {@link io.rillflow.aggregates.CommandContext} (actor, correlation, idempotency key) stored on every event.
 */
package io.rillflow.aggregates;
