package io.rillflow.aggregates;

/**
 * An aggregate's state with the stream version it was folded up to: the version to expect at the next append.
 *
 * @param state the folded state (the initial state at version 0)
 * @param version the number of events folded into it
 */
public record AggregateState<S>(S state, long version) {}
