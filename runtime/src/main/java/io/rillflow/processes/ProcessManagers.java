package io.rillflow.processes;

import io.rillflow.InvalidIdentifierException;
import io.rillflow.aggregates.CommandBus;
import io.rillflow.projections.DeadLetter;
import io.rillflow.projections.ProjectionStatus;
import io.rillflow.projections.Projections;
import io.rillflow.projections.TickResult;
import java.util.List;

/**
 * The process managers of one store: registration, running and administration. Obtain it with
 * {@code store.processManagers()}.
 *
 * <p>A process manager runs as a special kind of projection: the projection daemon ({@code store.projections().start()}
 * or {@code runUntilIdle()}) tails the log for it the same gap-safe way, under a lease with a fencing token, and its
 * checkpoint, retries and dead letters are the projection tables' rows under its name (so a process manager and a
 * projection cannot share a name). Each batch dispatches the commands of its events, each command in its own
 * transaction, and moves the checkpoint only after all of them were dispatched; an event whose command fails is
 * retried with backoff and then dead-lettered, with the error, and can be retried after a fix.
 *
 * <p>Every method taking a name throws {@link UnknownProcessManagerException} for a name that is not a process
 * manager registered here (a projection's name included), before changing anything.
 */
public interface ProcessManagers {
    /** The {@code @ProcessManager} classes the generated registries on the class path declare. */
    List<ProcessManagerDefinition> declared();

    /**
     * The command bus process managers dispatch through, the store's own ({@code store.commandBus()}): register a
     * configured repository on it to have its {@code beforeCommit} check and {@code maxAttempts} apply to their
     * commands.
     */
    CommandBus commandBus();

    /**
     * Registers the declared {@code @ProcessManager} class {@code type}, with a new instance of it.
     *
     * @throws IllegalArgumentException if {@code type} is not a declared process manager, or has no no-argument
     *     constructor (then register {@code new <Type>_ProcessManager(instance)})
     */
    ProcessManagers register(Class<?> type);

    /**
     * Registers a process manager with the daemon and creates its checkpoint (0: it reacts to the whole log) if it has
     * none.
     *
     * @throws InvalidIdentifierException if its name is not a valid name
     * @throws IllegalArgumentException if a process manager or projection is already registered under the name, or
     *     no aggregate of the store handles one of its {@link ProcessManagerHandler#commandTypes()}
     * @throws io.rillflow.UnknownEventTypeException if one of its event classes has no registered type name
     */
    ProcessManagers register(ProcessManagerHandler handler);

    /** The registered process manager names, sorted. */
    List<String> names();

    /** Runs one batch of the process manager (or records one failure); see {@link TickResult}. */
    TickResult tickOnce(String name);

    /**
     * Runs the daemon, projections and process managers alike, until none has anything left to do; see
     * {@link Projections#runUntilIdle()}.
     */
    void runUntilIdle();

    /** Where the process manager stands: checkpoint, lag, pause, lease, dead letters and last error. */
    ProjectionStatus status(String name);

    /** Stops the process manager on every node, after the running batch. */
    void pause(String name);

    /** Lets the process manager run again and ends any backoff. */
    void resume(String name);

    /** The events the process manager gave up on, in log order, each with the error of its failing command. */
    List<DeadLetter> deadLetters(String name);

    /**
     * Reacts to a dead-lettered event again (after a fix) and removes the dead letter. Its commands are sent with the
     * same idempotency keys as before, so those that were applied are skipped. If a command fails again, the dead
     * letter is kept and the error is thrown.
     *
     * @throws IllegalArgumentException if the process manager has no dead letter for {@code globalSeq}
     */
    void retry(String name, long globalSeq);

    /** Drops one dead letter without sending its commands; false if there was none. */
    boolean deleteDeadLetter(String name, long globalSeq);
}
