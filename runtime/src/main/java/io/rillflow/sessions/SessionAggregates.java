package io.rillflow.sessions;

import io.rillflow.ConcurrencyException;
import io.rillflow.aggregates.CommandContext;
import io.rillflow.aggregates.CommandResult;
import java.util.Optional;

/**
 * The aggregates of one repository inside a {@link DocumentSession}: a command is decided at once, on the aggregate
 * as this session sees it (its stream, plus what the session decided before), and its events are appended by
 * {@code saveChanges()} expecting the version it was decided on. A concurrent writer makes the whole unit fail with a
 * {@link ConcurrencyException}; {@code Store.inSession} decides again on a fresh session.
 *
 * @param <S> the state type
 * @param <I> the id type
 */
public interface SessionAggregates<S, I> {
    /**
     * Decides {@code command} with the session's actor, headers and ids as its context, and stages the events.
     *
     * @return the state and version the aggregate will have once the session is saved, and the events
     * @throws IllegalArgumentException if the aggregate handles no command of that type
     * @throws ConcurrencyException if the command states an expected version the aggregate is not at
     * @throws IllegalStateException if the session is read-only or closed
     */
    CommandResult<S> execute(I id, Object command);

    /**
     * As {@link #execute(Object, Object)} with {@code context}: its actor, ids and idempotency key replace the
     * session's where it has them, its metadata is added to the session's headers.
     */
    CommandResult<S> execute(I id, Object command, CommandContext context);

    /** The aggregate's state as this session sees it, staged commands included; empty if it has no events. */
    Optional<S> load(I id);
}
