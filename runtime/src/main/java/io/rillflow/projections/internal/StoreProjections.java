package io.rillflow.projections.internal;

import io.rillflow.InvalidIdentifierException;
import io.rillflow.UnknownEventTypeException;
import io.rillflow.annotations.ProjectionMode;
import io.rillflow.events.internal.EventTypes;
import io.rillflow.internal.LogContext;
import io.rillflow.projections.DeadLetter;
import io.rillflow.projections.ProjectionDaemon;
import io.rillflow.projections.ProjectionDefinition;
import io.rillflow.projections.ProjectionHandler;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.projections.ProjectionStatus;
import io.rillflow.projections.Projections;
import io.rillflow.projections.TickResult;
import io.rillflow.projections.UnknownProjectionException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The projections of one store: registrations, the daemons started here and the administration calls. */
public final class StoreProjections implements Projections {
    private static final Logger LOG = LoggerFactory.getLogger(StoreProjections.class);
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
    private final Set<DaemonThread> daemons = ConcurrentHashMap.newKeySet();
    private final NonStaleWait nonStale;

    /** Created by the store; use {@code store.projections()}. */
    public StoreProjections(
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
        this.nonStale = new NonStaleWait(engine);
    }

    @Override
    public List<ProjectionDefinition> declared() {
        return declared;
    }

    @Override
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

    @Override
    public ProjectionOptions options() {
        return options;
    }

    @Override
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
                            + " reads " + type.getName() + ", which has no registered event type name: annotate it"
                            + " with @Event (the processor registers @Event classes and the events an @Aggregate"
                            + " applies), or, for a class outside any compiled module, register it with"
                            + " StoreBuilder.eventType(\"" + type.getSimpleName() + "\", " + type.getSimpleName()
                            + ".class)")));
        }
        Registration registration = new Registration(handler, List.copyOf(types));
        if (!registration.inline()) {
            engine.refuseConjoined("Async projection " + name);
        }
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

    @Override
    public List<String> names() {
        return List.copyOf(registrations.keySet());
    }

    @Override
    public TickResult tickOnce(String name) {
        Registration r = requireAsync(name, "ticked");
        try (LogContext scope = logContext(engine, name)) {
            return engine.tick(r.handler(), r.types());
        }
    }

    @Override
    public List<String> daemonNames() {
        return registrations.values().stream()
                .filter(r -> !r.inline())
                .map(r -> r.handler().name())
                .toList();
    }

    @Override
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

    @Override
    public void waitForNonStale(Duration timeout) {
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException(
                    "A wait for projections needs a timeout of zero or more, was " + timeout);
        }
        nonStale.await(daemonNames(), timeout);
    }

    @Override
    public void runLoop(BooleanSupplier stop) {
        new ProjectionLoop(engine).run(stop, this::daemonNames, this::tickOnce);
    }

    @Override
    public ProjectionDaemon start() {
        AtomicBoolean stop = new AtomicBoolean();
        Thread thread = new Thread(() -> runLoop(stop::get), "rillflow-projection-daemon");
        thread.setDaemon(true);
        DaemonThread daemon = new DaemonThread(stop, thread);
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
        List<DaemonThread> running = List.copyOf(daemons);
        running.forEach(DaemonThread::requestStop);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (DaemonThread daemon : running) {
            daemon.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        daemons.removeAll(running);
    }

    /**
     * Gives up the leases this node still holds: {@link #tickOnce} and {@link #runUntilIdle()} keep theirs after they
     * return, and the next process on the same database (the application restarted, the next run of a batch job)
     * would otherwise find every projection leased by a node that is gone, and skip it until the lease expires. The
     * store calls it when it closes, after its daemons stopped; a lease it cannot release expires by itself.
     */
    public void releaseLeases() {
        for (String name : daemonNames()) {
            try (LogContext scope = logContext(engine, name)) {
                release(name);
            }
        }
    }

    private void release(String name) {
        try {
            engine.release(name);
        } catch (RuntimeException e) {
            LOG.warn("Could not release the lease of projection {}; it expires by itself: {}", name, e.toString());
        }
    }

    /** The MDC keys of this node's work on {@code projection}, until closed. */
    static LogContext logContext(ProjectionEngine engine, String projection) {
        return LogContext.projection(engine.schema(), engine.options().nodeId(), projection);
    }

    @Override
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

    @Override
    public List<ProjectionStatus> statuses() {
        List<ProjectionStatus> all = new ArrayList<>();
        for (String name : names()) {
            all.add(status(name));
        }
        return all;
    }

    @Override
    public void pause(String name) {
        requireAsync(name, "paused");
        admin.setPaused(name, true);
    }

    @Override
    public void resume(String name) {
        requireAsync(name, "resumed");
        admin.setPaused(name, false);
    }

    @Override
    public void resetCheckpoint(String name, long position) {
        requireAsync(name, "moved to another checkpoint");
        admin.resetCheckpoint(name, position);
    }

    @Override
    public void rebuild(String name) {
        Registration r = require(name);
        if (r.inline()) {
            admin.rebuildInline(r.handler(), r.types());
        } else {
            admin.rebuild(r.handler());
        }
    }

    @Override
    public List<DeadLetter> deadLetters(String name) {
        require(name);
        return admin.deadLetters(name);
    }

    @Override
    public void requeue(String name, long globalSeq) {
        admin.requeue(require(name).handler(), globalSeq);
    }

    @Override
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
