package io.rillflow.projections;

import io.rillflow.annotations.ProjectionMode;
import io.rillflow.events.EventEnvelope;
import java.util.Set;

/**
 * A read model kept current from the event log. The daemon calls {@link #apply} for each event of the types the
 * handler declares, in global order, inside the batch's transaction: what the handler writes through its
 * {@link ProjectionContext} commits together with the projection's checkpoint, or not at all.
 *
 * <p>Write one by hand and register it with {@code store.projections().register(handler)}, or let the annotation
 * processor generate one from a {@code @Projection} class.
 */
public interface ProjectionHandler {
    /** The projection's name: lower-case letters, digits and underscores, starting with a letter, at most 63. */
    String name();

    /**
     * When it is applied: {@link ProjectionMode#ASYNC} (the default) by the daemon after appends commit, or
     * {@link ProjectionMode#INLINE} inside each append's transaction.
     */
    default ProjectionMode mode() {
        return ProjectionMode.ASYNC;
    }

    /**
     * The stored event type names this projection reads; the daemon reads only these, filtered in SQL. Empty (the
     * default) together with empty {@link #eventClasses()} means every event.
     */
    default Set<String> eventTypes() {
        return Set.of();
    }

    /** Event classes this projection reads, translated to their registered type names when it is registered. */
    default Set<Class<?>> eventClasses() {
        return Set.of();
    }

    /**
     * Applies one event. Throwing rolls back the batch; the event is retried with backoff and, after the configured
     * number of attempts, dead-lettered or the projection is stopped ({@link FailurePolicy}).
     */
    void apply(EventEnvelope event, ProjectionContext context) throws Exception;

    /** Clears the read model before a rebuild replays the log from the start; does nothing by default. */
    default void rebuild(ProjectionContext context) throws Exception {}
}
