package io.rillflow.aggregates;

import java.util.List;

/**
 * What executing a command did.
 *
 * @param state the state after the command's events
 * @param version the stream version after the append (unchanged when the command produced no events)
 * @param events the events appended, in order; empty when the command decided nothing happens
 */
public record CommandResult<S>(S state, long version, List<Object> events) {
    /** Copies the events, so the result cannot change afterwards. */
    public CommandResult {
        events = List.copyOf(events);
    }
}
