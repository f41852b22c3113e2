package io.rillflow.projections;

import io.rillflow.InvalidIdentifierException;
import io.rillflow.UnknownEventTypeException;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The projections of one store: registration, the daemon that keeps them current, and their administration. Obtain
 * it with {@code store.projections()}.
 *
 * <p>Any number of application nodes may run the daemon on the same database: each projection is worked on by one
 * node at a time, the holder of its lease, and every event is applied exactly once, in global order, with the read
 * model's changes committed together with the checkpoint. Events committed out of order by concurrent writers are
 * never skipped (see the log reader in {@code io.rillflow.events.internal}).
 *
 * <p>Every method taking a projection name throws {@link UnknownProjectionException} for a name that is not
 * registered here, before changing anything.
 */
public interface Projections {
    /** The {@code @Projection} classes the generated registries on the class path declare. */
    List<ProjectionDefinition> declared();

    /**
     * Registers the declared {@code @Projection} class {@code type}, with a new instance of it.
     *
     * @throws IllegalArgumentException if {@code type} is not a declared projection, or has no no-argument
     *     constructor (then register {@code new <Type>_Projection(instance)})
     */
    Projections register(Class<?> type);

    /** The options this store's daemon runs with. */
    ProjectionOptions options();

    /**
     * Registers a projection with the daemon and creates its row (checkpoint 0) if it has none.
     *
     * @throws InvalidIdentifierException if its name is not a valid projection name
     * @throws IllegalArgumentException if another handler is registered under the name
     * @throws UnknownEventTypeException if one of its event classes has no registered type name
     */
    Projections register(ProjectionHandler handler);

    /** The registered projection names, sorted. */
    List<String> names();

    /**
     * Runs one batch of the projection (or records one failure); see {@link TickResult}.
     *
     * @throws IllegalStateException for an {@code INLINE} projection, which appends apply
     */
    TickResult tickOnce(String name);

    /** The registered projections the daemon runs (all but the {@code INLINE} ones), sorted. */
    List<String> daemonNames();

    /**
     * Ticks every projection until none has anything left to apply, then returns. Events whose writers are still in
     * flight are not waited for beyond the poll interval: they are applied by a later call once committed.
     */
    void runUntilIdle();

    /**
     * Blocks until every registered projection has processed the log up to its head as of this call (the highest
     * committed position), for tests and read-your-writes: after {@code append} then {@code waitForNonStale}, the read
     * models hold the appended events. It reads the checkpoints from the database, so it works whether the daemon runs
     * in this process or on another node; it does not run the projections itself. {@code INLINE} projections are
     * current as soon as an append commits, so they are never waited for; process managers registered with this store
     * are projections and are waited for; subscriptions are not (their consumers acknowledge at their own pace).
     *
     * @throws StaleProjectionsException if some are still behind when {@code timeout} runs out, naming each with its
     *     checkpoint, and whether it is paused or no node runs it
     * @throws IllegalArgumentException if {@code timeout} is null or negative
     */
    void waitForNonStale(Duration timeout);

    /**
     * Runs the daemon on the calling thread until {@code stop} returns true (or the thread is interrupted), then lets
     * the running batches finish and releases this node's leases. Wakes up on every append (LISTEN/NOTIFY) and polls as a fallback.
     */
    void runLoop(BooleanSupplier stop);

    /** Runs the daemon on a background thread until the returned handle is closed. */
    ProjectionDaemon start();

    /** Where the projection stands: checkpoint, head, lag, pause, lease, dead letters and last error. */
    ProjectionStatus status(String name);

    /** The status of every registered projection, by name. */
    List<ProjectionStatus> statuses();

    /** Stops applying events to the projection on every node, after the running batch. */
    void pause(String name);

    /** Lets the projection run again and ends any backoff; a failing event keeps its count of attempts. */
    void resume(String name);

    /**
     * Moves the projection's checkpoint: it next reads the events after {@code position}. The read model is not
     * touched; to start over, use {@link #rebuild}.
     *
     * @throws IllegalArgumentException if {@code position} is negative or beyond the end of the log
     */
    void resetCheckpoint(String name, long position);

    /**
     * Calls the projection's rebuild hook, moves its checkpoint to 0 and drops its dead letters in one transaction;
     * the daemon then replays the whole log into it.
     *
     * @throws ProjectionLeaseException if another node holds the projection's lease; nothing is changed
     */
    void rebuild(String name);

    /** The projection's dead letters, in log order. */
    List<DeadLetter> deadLetters(String name);

    /**
     * Applies a dead-lettered event again (after a fix) and removes the dead letter, in one transaction. If the
     * handler fails again, nothing changes and the error is thrown.
     *
     * @throws IllegalArgumentException if the projection has no dead letter for {@code globalSeq}
     */
    void requeue(String name, long globalSeq);

    /** Drops one dead letter without applying it; false if there was none. */
    boolean deleteDeadLetter(String name, long globalSeq);
}
