package io.rillflow.sessions;

import io.rillflow.events.AppendOptions;
import io.rillflow.events.Expected;
import java.util.List;
import java.util.UUID;

/**
 * Appends staged in a {@link DocumentSession}: each is checked and written by {@code saveChanges()} together with
 * the session's documents, or not at all. Every event carries the session's headers, actor, correlation and causation
 * ids.
 */
public interface SessionEvents {
    /**
     * Stages an append of {@code events} (registered event objects or {@code Event}s) to the stream, expected at
     * {@code expected} when the session saves.
     *
     * @throws IllegalArgumentException if there is no event
     * @throws IllegalStateException if the session is read-only or closed
     */
    void append(UUID streamId, Expected expected, Object event, Object... more);

    /** As {@link #append(UUID, Expected, Object, Object...)}, for a list of events. */
    void append(UUID streamId, Expected expected, List<?> events);

    /**
     * As {@link #append(UUID, Expected, List)}, with {@code options} stored on every event: its headers are added to
     * the session's (winning on the same name), its ids replace the session's.
     */
    void append(UUID streamId, Expected expected, List<?> events, AppendOptions options);
}
