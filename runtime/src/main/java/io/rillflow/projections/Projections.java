package io.rillflow.projections;

import io.rillflow.InvalidIdentifierException;
import io.rillflow.UnknownEventTypeException;
import io.rillflow.annotations.ProjectionMode;
import io.rillflow.events.internal.EventTypes;
import io.rillflow.projections.internal.InlineProjections;
import io.rillflow.projections.internal.ProjectionAdmin;
import io.rillflow.projections.internal.ProjectionEngine;
import io.rillflow.projections.internal.ProjectionLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * The projections of one store: registration, the daemon that keeps them current, and their administration. Obtain
 * it with {@code store.projections()}.
 *
 * <p>Any number of application nodes may run the daemon on the same database: each projection is worked on by one
 * node at a time, the holder of its lease, and every event is applied exactly once, in global order, with the read
 * model's changes committed together with the checkpoint. Events committed out of order by concurrent writers are
 * never skipped (see {@link io.rillflow.events.internal.LogReader}).
 *
 * <p>Every method taking a projection name throws {@link UnknownProjectionException} for a name that is not
 * registered here, before changing anything.
 */
public final class Projections {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final int MAX_NAME = 63;

    private record Registration(ProjectionHandler handler, List<String> types) {
        boolean inline() {
            return handler.mode() == ProjectionMode.INLINE;
        }
    }

    private final ProjectionEngine engine;
    private final ProjectionAdmin admin;
    private final EventTypes eventTypes;
    private final ProjectionOptions options;
    private final Map<String, Registration> registrations = new ConcurrentSkipListMap<>();
    private final List<ProjectionDefinition> declared;
    private final InlineProjections inline;
    private final Set<ProjectionDaemon> daemons = ConcurrentHashMap.newKeySet();

    /** Created by the store; use {@code store.projections()}. */
    public Projections(
            ProjectionEngine engine,
            ProjectionAdmin admin,
            EventTypes eventTypes,
            ProjectionOptions options,
            List<ProjectionDefinition> declared,
            InlineProjections inline) {
        this.engine = engine;
        this.admin = admin;
        this.eventTypes = eventTypes;
        this.options = options;
        this.declared = List.copyOf(declared);
        this.inline = inline;
    }

    /** The {@code @Projection} classes the generated registries on the class path declare. */
    public List<ProjectionDefinition> declared() {
        return declared;
    }

    /**
     * Registers the declared {@code @Projection} class {@code type}, with a new instance of it.
     *
     * @throws IllegalArgumentException if {@code type} is not a declared projection, or has no no-argument
     *     constructor (then register {@code new <Type>_Projection(instance)})
     */
    public Projections register(Class<?> type) {
        ProjectionDefinition definition = declared.stream()
                .filter(d -> d.type().equals(type))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(type.getName() + " is not a declared @Projection:"
                        + " annotate it and build with the Rillflow annotation processor"));
        if (definition.factory() == null) {
            throw new IllegalArgumentException(type.getName() + " has no no-argument constructor: register new "
                    + definition.handlerType().getSimpleName() + "(instance) instead");
        }
        return register(definition.factory().get());
    }

    /** The options this store's daemon runs with. */
    public ProjectionOptions options() {
        return options;
    }

    /**
     * Registers a projection with the daemon and creates its row (checkpoint 0) if it has none.
     *
     * @throws InvalidIdentifierException if its name is not a valid projection name
     * @throws IllegalArgumentException if another handler is registered under the name
     * @throws UnknownEventTypeException if one of its event classes has no registered type name
     */
    public Projections register(ProjectionHandler handler) {
        String name = handler.name();
        if (name == null || name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
            throw new InvalidIdentifierException("Invalid projection name " + quoted(name) + ": use lower-case"
                    + " letters, digits and underscores, starting with a letter, at most " + MAX_NAME + " characters");
        }
        TreeSet<String> types = new TreeSet<>(handler.eventTypes());
        for (Class<?> type : handler.eventClasses()) {
            types.add(eventTypes
                    .nameOf(type)
                    .orElseThrow(() -> new UnknownEventTypeException("Projection " + name
                            + " reads " + type.getName() + ", which has no registered event type name: register it with"
                            + " StoreBuilder.eventType(name, " + type.getSimpleName() + ".class)")));
        }
        Registration registration = new Registration(handler, List.copyOf(types));
        Registration existing = registrations.putIfAbsent(name, registration);
        if (existing != null && existing.handler() != handler) {
            throw new IllegalArgumentException("Projection " + name + " is already registered with "
                    + existing.handler().getClass().getName() + "; projection names must be unique");
        }
        engine.ensure(name);
        if (registration.inline() && existing == null) {
            inline.add(handler, registration.types());
        }
        return this;
    }

    /** The registered projection names, sorted. */
    public List<String> names() {
        return List.copyOf(registrations.keySet());
    }

    /**
     * Runs one batch of the projection (or records one failure); see {@link TickResult}.
     *
     * @throws IllegalStateException for an {@code INLINE} projection, which appends apply
     */
    public TickResult tickOnce(String name) {
        Registration r = requireAsync(name, "ticked");
        return engine.tick(r.handler(), r.types());
    }

    /** The registered projections the daemon runs (all but the {@code INLINE} ones), sorted. */
    public List<String> daemonNames() {
        return registrations.values().stream()
                .filter(r -> !r.inline())
                .map(r -> r.handler().name())
                .toList();
    }

    /**
     * Ticks every projection until none has anything left to apply, then returns. Events whose writers are still in
     * flight are not waited for beyond the poll interval: they are applied by a later call once committed.
     */
    public void runUntilIdle() {
        long pendingSince = 0;
        while (true) {
            boolean worked = false;
            for (String name : daemonNames()) {
                TickResult result = tickOnce(name);
                worked |= result.applied() > 0 || result.more() || result.outcome() == TickResult.Outcome.DEAD_LETTERED;
            }
            if (worked) {
                pendingSince = 0;
                continue;
            }
            if (!engine.reader().hasPending()) {
                return;
            }
            // Some positions wait for writers still in flight (or any older transaction): give them a moment.
            long now = System.nanoTime();
            if (pendingSince == 0) {
                pendingSince = now;
            } else if (now - pendingSince > options.pollInterval().toNanos()) {
                return;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Runs the daemon on the calling thread until {@code stop} returns true (or the thread is interrupted), then lets
     * the running batches finish and releases this node's leases. Wakes up on every append (LISTEN/NOTIFY) and polls as a fallback.
     */
    public void runLoop(BooleanSupplier stop) {
        new ProjectionLoop(engine).run(stop, this::daemonNames, this::tickOnce);
    }

    /** Runs the daemon on a background thread until the returned handle is closed. */
    public ProjectionDaemon start() {
        AtomicBoolean stop = new AtomicBoolean();
        Thread thread = new Thread(() -> runLoop(stop::get), "rillflow-projection-daemon");
        thread.setDaemon(true);
        ProjectionDaemon daemon = new ProjectionDaemon(stop, thread);
        daemons.removeIf(d -> !d.isRunning());
        daemons.add(daemon);
        thread.start();
        return daemon;
    }

    /**
     * Stops every daemon {@link #start()} started that is still running, all within {@code timeout}: each is asked to
     * stop first, so their running batches finish side by side; see {@link ProjectionDaemon#close(Duration)}. The
     * store calls it when it closes.
     */
    public void stopDaemons(Duration timeout) {
        List<ProjectionDaemon> running = List.copyOf(daemons);
        running.forEach(ProjectionDaemon::requestStop);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProjectionDaemon daemon : running) {
            daemon.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        daemons.removeAll(running);
    }

    /** Where the projection stands: checkpoint, head, lag, pause, lease, dead letters and last error. */
    public ProjectionStatus status(String name) {
        Registration r = require(name);
        ProjectionStatus status = admin.status(name, r.types());
        if (!r.inline()) {
            return status;
        }
        // Every committed append applied it in its own transaction: it is at the head, with no lag.
        return new ProjectionStatus(
                name,
                status.head(),
                status.head(),
                0,
                Duration.ZERO,
                false,
                null,
                null,
                status.deadLetters(),
                0,
                null,
                status.lastError(),
                status.lastErrorAt());
    }

    /** The status of every registered projection, by name. */
    public List<ProjectionStatus> statuses() {
        List<ProjectionStatus> all = new ArrayList<>();
        for (String name : names()) {
            all.add(status(name));
        }
        return all;
    }

    /** Stops applying events to the projection on every node, after the running batch. */
    public void pause(String name) {
        requireAsync(name, "paused");
        admin.setPaused(name, true);
    }

    /** Lets the projection run again and ends any backoff; a failing event keeps its count of attempts. */
    public void resume(String name) {
        requireAsync(name, "resumed");
        admin.setPaused(name, false);
    }

    /**
     * Moves the projection's checkpoint: it next reads the events after {@code position}. The read model is not
     * touched; to start over, use {@link #rebuild}.
     *
     * @throws IllegalArgumentException if {@code position} is negative or beyond the end of the log
     */
    public void resetCheckpoint(String name, long position) {
        requireAsync(name, "moved to another checkpoint");
        admin.resetCheckpoint(name, position);
    }

    /**
     * Calls the projection's rebuild hook, moves its checkpoint to 0 and drops its dead letters in one transaction;
     * the daemon then replays the whole log into it.
     *
     * @throws ProjectionLeaseException if another node holds the projection's lease; nothing is changed
     */
    public void rebuild(String name) {
        Registration r = require(name);
        if (r.inline()) {
            admin.rebuildInline(r.handler(), r.types());
        } else {
            admin.rebuild(r.handler());
        }
    }

    /** The projection's dead letters, in log order. */
    public List<DeadLetter> deadLetters(String name) {
        require(name);
        return admin.deadLetters(name);
    }

    /**
     * Applies a dead-lettered event again (after a fix) and removes the dead letter, in one transaction. If the
     * handler fails again, nothing changes and the error is thrown.
     *
     * @throws IllegalArgumentException if the projection has no dead letter for {@code globalSeq}
     */
    public void requeue(String name, long globalSeq) {
        admin.requeue(require(name).handler(), globalSeq);
    }

    /** Drops one dead letter without applying it; false if there was none. */
    public boolean deleteDeadLetter(String name, long globalSeq) {
        require(name);
        return admin.deleteDeadLetter(name, globalSeq);
    }

    private Registration require(String name) {
        Registration r = name == null ? null : registrations.get(name);
        if (r == null) {
            throw new UnknownProjectionException("Unknown projection " + quoted(name) + "; registered: "
                    + (registrations.isEmpty() ? "none" : String.join(", ", registrations.keySet())));
        }
        return r;
    }

    private Registration requireAsync(String name, String action) {
        Registration r = require(name);
        if (r.inline()) {
            throw new IllegalStateException("Projection " + name + " is INLINE: every append applies it in its own"
                    + " transaction, so it cannot be " + action + "; only rebuild and status apply to it");
        }
        return r;
    }

    /** The name for a message: quoted, and cut short if long, so a hostile name cannot flood the logs. */
    private static String quoted(String name) {
        if (name == null) {
            return "null";
        }
        return name.length() <= 80
                ? "\"" + name + "\""
                : "\"" + name.substring(0, 80) + "...\" (" + name.length() + " characters)";
    }
}
