package io.rillflow.aggregates.internal;

import io.rillflow.ConcurrencyException;
import io.rillflow.aggregates.AggregateDefinition;
import io.rillflow.aggregates.AggregateState;
import io.rillflow.aggregates.CommandContext;
import io.rillflow.aggregates.CommandResult;
import io.rillflow.events.AppendBuilder;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.AppendResult;
import io.rillflow.events.Expected;
import io.rillflow.events.internal.EventStoreEngine;
import io.rillflow.store.internal.StoreContext;
import io.rillflow.tracing.Tracing;
import io.rillflow.tracing.internal.CommandTrace;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an aggregate repository and the command bus run: loads an aggregate by folding its stream (from its latest
 * snapshot if asked, both by its {@link AggregateLoader}), executes commands with optimistic concurrency and retries,
 * and keeps snapshots. Thread-safe once configured.
 *
 * @param <S> the state type
 * @param <I> the id type
 */
public final class AggregateEngine<S, I> {
    private static final Logger LOG = LoggerFactory.getLogger(AggregateEngine.class);
    /** No expected version: the command is decided on whatever version is loaded, and retried on a conflict. */
    static final long ANY_VERSION = -1;

    private final AggregateDefinition<S, I> definition;
    private final EventStoreEngine events;
    private final AggregateLoader<S> loader;
    private final Tracing tracing;
    /**
     * Whether this engine works inside a caller's transaction ({@link #within}): it then tries a command once, as a
     * retry cannot undo what the failed attempt did to the caller's transaction, and lets a failed snapshot through.
     */
    private final boolean joined;

    private volatile int maxAttempts = 5;
    private volatile Consumer<? super S> validator = state -> {};

    /** Runs the aggregates of {@code definition} on the store of {@code context}. */
    public AggregateEngine(StoreContext context, AggregateDefinition<S, I> definition) {
        this.definition = Objects.requireNonNull(definition, "definition");
        this.events = context.events();
        this.tracing = context.tracing();
        this.loader = new AggregateLoader<>(context, definition);
        this.joined = false;
    }

    private AggregateEngine(AggregateEngine<S, I> unbound, Connection connection) {
        this.definition = unbound.definition;
        this.events = unbound.events.within(connection);
        this.tracing = unbound.tracing;
        this.loader = unbound.loader.within(connection);
        this.joined = true;
        this.maxAttempts = 1;
        this.validator = unbound.validator;
    }

    /**
     * This engine working on {@code connection}, inside its transaction: loads, decisions, appends and snapshots, with
     * the {@link #beforeCommit} check configured now. A conflict is not retried: it reaches the caller, whose
     * transaction may hold other writes decided on what it read, and who retries the whole transaction.
     */
    public AggregateEngine<S, I> within(Connection connection) {
        // Without this check a null would quietly mean "the pool": events committed outside the caller's transaction.
        Objects.requireNonNull(connection, "connection: within(...) needs the caller's open connection");
        return new AggregateEngine<>(this, connection);
    }

    /** The aggregate's definition: name, types and generated dispatch. */
    public AggregateDefinition<S, I> definition() {
        return definition;
    }

    /** The stream holding the aggregate with {@code id}; see {@link AggregateDefinition#streamId(Object)}. */
    public UUID streamId(I id) {
        return definition.streamId(id);
    }

    /**
     * How many times {@code execute} tries a command whose append meets a concurrent change (default 5), reloading
     * and deciding again each time, before it fails with the {@link ConcurrencyException}.
     */
    public void maxAttempts(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be 1 or more, was " + maxAttempts);
        }
        if (joined && maxAttempts > 1) {
            throw new IllegalStateException("An aggregate repository inside the caller's transaction (within) tries a"
                    + " command once: retry the whole transaction on a ConcurrencyException instead");
        }
        this.maxAttempts = maxAttempts;
    }

    /**
     * A check of the state a command would produce, run before its events are appended: throw to reject the command
     * (nothing is written and the exception reaches the caller, without a retry).
     */
    public void beforeCommit(Consumer<? super S> validator) {
        this.validator = Objects.requireNonNull(validator, "validator");
    }

    /** The aggregate's state, folded from all its events; empty if its stream has none. */
    public Optional<S> load(I id) {
        AggregateState<S> state = loader.state(streamId(id));
        return state.version() == 0 ? Optional.empty() : Optional.of(state.state());
    }

    /**
     * The state after the first {@code atVersion} events, for looking back in time.
     *
     * @throws IllegalArgumentException if {@code atVersion} is below 1 or beyond the stream's version
     */
    public Optional<S> load(I id, long atVersion) {
        if (atVersion < 1) {
            throw new IllegalArgumentException("A version to load at is 1 or more, was " + atVersion);
        }
        AggregateState<S> state = loader.stateAt(streamId(id), atVersion);
        if (state.version() == 0) {
            return Optional.empty();
        }
        if (state.version() < atVersion) {
            throw new IllegalArgumentException("Aggregate " + definition.name() + " " + id + " has " + state.version()
                    + " events, so it cannot be loaded at version " + atVersion);
        }
        return Optional.of(state.state());
    }

    /** The state and version, folded from all events: the initial state at version 0 for a new aggregate. */
    public AggregateState<S> state(I id) {
        return loader.state(streamId(id));
    }

    /** As {@link #load(Object)}, starting from the latest snapshot of the current shape and folding the tail. */
    public Optional<S> loadWithSnapshot(I id) {
        AggregateState<S> state = loader.stateWithSnapshot(streamId(id));
        return state.version() == 0 ? Optional.empty() : Optional.of(state.state());
    }

    /** Appends events to the aggregate's stream, recording its type on the first append. */
    public AppendResult append(I id, Expected expected, List<?> events) {
        return append(id, expected, events, CommandContext.empty());
    }

    /** As {@link #append(Object, Expected, List)}, storing the context with every event. */
    public AppendResult append(I id, Expected expected, List<?> events, CommandContext context) {
        return appendTo(streamId(id), expected, events, context.appendOptions(), context.idempotencyKey());
    }

    /**
     * Executes a command: loads the aggregate, lets its {@code @Handle} method decide the events, folds them into
     * the state, runs the {@link #beforeCommit} check and appends them expecting the version it loaded. When another
     * writer appended first, it reloads and decides again, up to {@link #maxAttempts} times in all.
     *
     * @throws IllegalArgumentException if the aggregate handles no command of that type
     * @throws ConcurrencyException if every attempt met a concurrent change
     * @throws io.rillflow.IdempotencyConflictException if the context's idempotency key was used on this aggregate
     *     before (nothing is written)
     */
    public CommandResult<S> execute(I id, Object command, CommandContext context) {
        return execute(id, command, context, false, ANY_VERSION);
    }

    /**
     * As {@link #execute(Object, Object, CommandContext)}, for a command decided against version
     * {@code expectedVersion} of the aggregate: when the aggregate is at another version, or another writer appends
     * first, it fails with a {@link ConcurrencyException} naming both versions, writes nothing and does not retry.
     *
     * @throws IllegalArgumentException if {@code expectedVersion} is negative
     */
    public CommandResult<S> execute(I id, Object command, CommandContext context, long expectedVersion) {
        return execute(id, command, context, false, checked(expectedVersion));
    }

    /**
     * As {@link #execute}, loading from the latest snapshot, and writing a new snapshot when the append crosses a
     * multiple of {@code everyN} events. The snapshot is folded from what is stored (the previous snapshot and the
     * events read back), so it holds exactly what a load would, stored metadata included. A failed snapshot is logged,
     * not thrown: the command is committed.
     */
    public CommandResult<S> commitAndSnapshot(I id, Object command, CommandContext context, int everyN) {
        if (everyN < 1) {
            throw new IllegalArgumentException("everyN must be 1 or more, was " + everyN);
        }
        UUID streamId = streamId(id);
        CommandResult<S> result = execute(id, command, context, true, ANY_VERSION);
        long before = result.version() - result.events().size();
        if (!result.events().isEmpty() && result.version() / everyN > before / everyN) {
            try {
                snapshotStream(streamId);
            } catch (RuntimeException e) {
                if (joined) {
                    // The failed statement aborted the caller's transaction: its commit would silently roll back.
                    throw e;
                }
                LOG.warn("Snapshot of {} {} at version {} failed", definition.name(), id, result.version(), e);
            }
        }
        return result;
    }

    /**
     * Writes a snapshot of the aggregate's current state now (folded from its latest snapshot and the tail).
     *
     * @return the version snapshotted; 0 (and nothing written) for an aggregate without events
     */
    public long snapshot(I id) {
        return snapshotStream(streamId(id));
    }

    /** Snapshots the stream now; see {@link #snapshot}. */
    public long snapshotStream(UUID streamId) {
        return loader.snapshotStream(streamId);
    }

    /** Up to {@code limit} streams of this aggregate type whose snapshot is {@code threshold} events behind or more. */
    public List<UUID> streamsBehind(long threshold, int limit) {
        return loader.streamsBehind(threshold, limit);
    }

    /**
     * A command decided on a loaded state and not yet appended.
     *
     * @param state the state after the events
     * @param loadedVersion the version the command was decided on, which the append must expect
     * @param events the events decided, none if the command changes nothing
     */
    public record Decision<S>(S state, long loadedVersion, List<Object> events) {
        /** The aggregate's version once the events are appended. */
        public long version() {
            return loadedVersion + events.size();
        }
    }

    /**
     * Decides {@code command} on {@code loaded} as {@link #execute} would, appending nothing: for a unit of work,
     * which appends the events with the rest of its writes, expecting {@link Decision#loadedVersion()}. Checks that
     * the aggregate handles the command and is at the version the command states, lets its {@code @Handle} method
     * decide, folds the events and runs the {@link #beforeCommit} check.
     *
     * @throws IllegalArgumentException if the aggregate handles no command of that type
     * @throws ConcurrencyException if the command states a version the aggregate is not at
     */
    public Decision<S> decide(I id, AggregateState<S> loaded, Object command, CommandContext context) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(context, "context");
        requireHandled(command);
        Long stated = definition.targetVersion().of(command);
        if (stated != null && loaded.version() != checked(stated)) {
            throw stale(id, streamId(id), stated, loaded.version());
        }
        return decideOn(loaded, id, command, context, context.appendOptions());
    }

    private Decision<S> decideOn(
            AggregateState<S> loaded, I id, Object command, CommandContext context, AppendOptions options) {
        List<Object> decided = new ArrayList<>(definition.decide().handle(loaded.state(), id, command, context));
        if (decided.isEmpty()) {
            return new Decision<>(loaded.state(), loaded.version(), List.of());
        }
        UUID streamId = streamId(id);
        S state = loaded.state();
        long version = loaded.version();
        for (Object event : decided) {
            state = definition.evolve().apply(state, events.pending(streamId, ++version, event, options));
        }
        validator.accept(state);
        return new Decision<>(state, loaded.version(), List.copyOf(decided));
    }

    private void requireHandled(Object command) {
        if (!definition.handles(command)) {
            throw new IllegalArgumentException("Aggregate " + definition.name() + " handles no command of type "
                    + command.getClass().getName() + "; it handles " + definition.commandTypes());
        }
    }

    private static long checked(long expectedVersion) {
        if (expectedVersion < 0) {
            throw new IllegalArgumentException(
                    "An expected aggregate version is 0 (a new aggregate) or more, was " + expectedVersion);
        }
        return expectedVersion;
    }

    private CommandResult<S> execute(
            I id, Object command, CommandContext context, boolean fromSnapshot, long expectedVersion) {
        UUID streamId = streamId(id);
        Objects.requireNonNull(command, "command");
        if (expectedVersion == ANY_VERSION) {
            Long stated = definition.targetVersion().of(command);
            expectedVersion = stated == null ? ANY_VERSION : checked(stated);
        }
        Objects.requireNonNull(context, "context");
        requireHandled(command);
        CommandTrace trace = CommandTrace.start(tracing, definition.name(), streamId, command, context.correlationId());
        CommandResult<S> result;
        try {
            result = decideAndAppend(id, streamId, command, context, fromSnapshot, expectedVersion, trace);
        } catch (RuntimeException e) {
            trace.failed(e);
            throw e;
        }
        trace.finished(result.version(), result.events().size());
        return result;
    }

    /**
     * Loads, decides, folds, checks and appends, again after each conflict up to {@link #maxAttempts} times; with an
     * expected version, only while the aggregate is at that version, and once.
     */
    private CommandResult<S> decideAndAppend(
            I id,
            UUID streamId,
            Object command,
            CommandContext context,
            boolean fromSnapshot,
            long expectedVersion,
            CommandTrace trace) {
        AppendOptions options = context.appendOptions();
        for (int attempt = 1; ; attempt++) {
            AggregateState<S> loaded = fromSnapshot ? loader.stateWithSnapshot(streamId) : loader.state(streamId);
            if (expectedVersion != ANY_VERSION && loaded.version() != expectedVersion) {
                throw stale(id, streamId, expectedVersion, loaded.version());
            }
            Decision<S> decision = decideOn(loaded, id, command, context, options);
            if (decision.events().isEmpty()) {
                return new CommandResult<>(loaded.state(), loaded.version(), List.of());
            }
            try {
                AppendResult appended = appendTo(
                        streamId,
                        Expected.exact(loaded.version()),
                        decision.events(),
                        options,
                        context.idempotencyKey());
                return new CommandResult<>(decision.state(), appended.streamVersion(), decision.events());
            } catch (ConcurrencyException e) {
                if (expectedVersion != ANY_VERSION) {
                    // Another writer appended after the load: retrying would only find the version moved on.
                    throw stale(id, streamId, expectedVersion, e.actual());
                }
                if (attempt >= maxAttempts) {
                    throw e;
                }
                trace.retrying();
            }
        }
    }

    private ConcurrencyException stale(I id, UUID streamId, long expectedVersion, long actual) {
        return new ConcurrencyException(
                "aggregate " + definition.name() + " " + id + " (stream " + streamId + ")",
                Long.toString(expectedVersion),
                actual);
    }

    private AppendResult appendTo(
            UUID streamId, Expected expected, List<?> events, AppendOptions options, String idempotencyKey) {
        AppendBuilder append = this.events.builder(streamId);
        if (idempotencyKey != null) {
            append.idempotencyKey(idempotencyKey);
        }
        return append.expected(expected)
                .streamType(definition.name())
                .headers(options.headers())
                .causationId(options.causationId())
                .correlationId(options.correlationId())
                .pushAll(events)
                .send();
    }
}
