package io.rillflow.processes;

import io.rillflow.InvalidIdentifierException;
import io.rillflow.aggregates.AggregateDefinition;
import io.rillflow.aggregates.CommandBus;
import io.rillflow.processes.internal.ProcessManagerProjection;
import io.rillflow.projections.DeadLetter;
import io.rillflow.projections.ProjectionStatus;
import io.rillflow.projections.Projections;
import io.rillflow.projections.TickResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

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
public final class ProcessManagers {
    private final Projections projections;
    private final CommandBus bus;
    private final List<AggregateDefinition<?, ?>> aggregates;
    private final String schema;
    private final List<ProcessManagerDefinition> declared;
    private final Map<String, ProcessManagerHandler> registered = new ConcurrentSkipListMap<>();

    /** Created by the store; use {@code store.processManagers()}. */
    public ProcessManagers(
            Projections projections,
            CommandBus bus,
            List<AggregateDefinition<?, ?>> aggregates,
            String schema,
            List<ProcessManagerDefinition> declared) {
        this.projections = projections;
        this.bus = bus;
        this.aggregates = List.copyOf(aggregates);
        this.schema = schema;
        this.declared = List.copyOf(declared);
    }

    /** The {@code @ProcessManager} classes the generated registries on the class path declare. */
    public List<ProcessManagerDefinition> declared() {
        return declared;
    }

    /**
     * The command bus process managers dispatch through, the store's own ({@code store.commandBus()}): register a
     * configured repository on it to have its {@code beforeCommit} check and {@code maxAttempts} apply to their
     * commands.
     */
    public CommandBus commandBus() {
        return bus;
    }

    /**
     * Registers the declared {@code @ProcessManager} class {@code type}, with a new instance of it.
     *
     * @throws IllegalArgumentException if {@code type} is not a declared process manager, or has no no-argument
     *     constructor (then register {@code new <Type>_ProcessManager(instance)})
     */
    public ProcessManagers register(Class<?> type) {
        ProcessManagerDefinition definition = declared.stream()
                .filter(d -> d.type().equals(type))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(type.getName() + " is not a declared"
                        + " @ProcessManager: annotate it and build with the Rillflow annotation processor"));
        if (definition.factory() == null) {
            throw new IllegalArgumentException(type.getName() + " has no no-argument constructor: register new "
                    + definition.handlerType().getSimpleName() + "(instance) instead");
        }
        return register(definition.factory().get());
    }

    /**
     * Registers a process manager with the daemon and creates its checkpoint (0: it reacts to the whole log) if it has
     * none.
     *
     * @throws InvalidIdentifierException if its name is not a valid name
     * @throws IllegalArgumentException if a process manager or projection is already registered under the name, or
     *     no aggregate of the store handles one of its {@link ProcessManagerHandler#commandTypes()}
     * @throws io.rillflow.UnknownEventTypeException if one of its event classes has no registered type name
     */
    public synchronized ProcessManagers register(ProcessManagerHandler handler) {
        String name = handler.name();
        for (Class<?> command : handler.commandTypes()) {
            if (!handled(command)) {
                List<String> known = new ArrayList<>();
                aggregates.forEach(a -> a.commandTypes().forEach(t -> known.add(t.getName())));
                throw new IllegalArgumentException("Process manager " + name + " sends " + command.getName()
                        + ", which no aggregate of this store handles; the command bus routes " + known);
            }
        }
        ProcessManagerHandler existing = registered.get(name);
        if (existing == handler) {
            return this;
        }
        if (existing != null) {
            throw new IllegalArgumentException("Process manager " + name + " is already registered with "
                    + existing.getClass().getName() + "; names must be unique");
        }
        projections.register(new ProcessManagerProjection(handler, bus, aggregates, schema));
        registered.put(name, handler);
        return this;
    }

    /** Whether an aggregate handles {@code command}: it is, or extends, a handled type, or all its permitted ones are. */
    private boolean handled(Class<?> command) {
        boolean direct =
                aggregates.stream().anyMatch(a -> a.commandTypes().stream().anyMatch(t -> t.isAssignableFrom(command)));
        if (direct || !command.isSealed()) {
            return direct;
        }
        for (Class<?> permitted : command.getPermittedSubclasses()) {
            if (!handled(permitted)) {
                return false;
            }
        }
        return true;
    }

    /** The registered process manager names, sorted. */
    public List<String> names() {
        return List.copyOf(registered.keySet());
    }

    /** Runs one batch of the process manager (or records one failure); see {@link TickResult}. */
    public TickResult tickOnce(String name) {
        return projections.tickOnce(require(name));
    }

    /**
     * Runs the daemon, projections and process managers alike, until none has anything left to do; see
     * {@link Projections#runUntilIdle()}.
     */
    public void runUntilIdle() {
        projections.runUntilIdle();
    }

    /** Where the process manager stands: checkpoint, lag, pause, lease, dead letters and last error. */
    public ProjectionStatus status(String name) {
        return projections.status(require(name));
    }

    /** Stops the process manager on every node, after the running batch. */
    public void pause(String name) {
        projections.pause(require(name));
    }

    /** Lets the process manager run again and ends any backoff. */
    public void resume(String name) {
        projections.resume(require(name));
    }

    /** The events the process manager gave up on, in log order, each with the error of its failing command. */
    public List<DeadLetter> deadLetters(String name) {
        return projections.deadLetters(require(name));
    }

    /**
     * Reacts to a dead-lettered event again (after a fix) and removes the dead letter. Its commands are sent with the
     * same idempotency keys as before, so those that were applied are skipped. If a command fails again, the dead
     * letter is kept and the error is thrown.
     *
     * @throws IllegalArgumentException if the process manager has no dead letter for {@code globalSeq}
     */
    public void retry(String name, long globalSeq) {
        projections.requeue(require(name), globalSeq);
    }

    /** Drops one dead letter without sending its commands; false if there was none. */
    public boolean deleteDeadLetter(String name, long globalSeq) {
        return projections.deleteDeadLetter(require(name), globalSeq);
    }

    private String require(String name) {
        if (name == null || !registered.containsKey(name)) {
            String shown =
                    name == null ? "null" : "\"" + (name.length() <= 80 ? name : name.substring(0, 80) + "...") + "\"";
            throw new UnknownProcessManagerException("Unknown process manager " + shown + "; registered: "
                    + (registered.isEmpty() ? "none" : String.join(", ", registered.keySet())));
        }
        return name;
    }
}
