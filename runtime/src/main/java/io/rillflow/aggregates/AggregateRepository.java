package io.rillflow.aggregates;

import io.rillflow.ConcurrencyException;
import io.rillflow.Store;
import io.rillflow.aggregates.internal.AggregateEngine;
import io.rillflow.aggregates.internal.EngineAccess;
import io.rillflow.events.AppendResult;
import io.rillflow.events.Expected;
import io.rillflow.store.internal.StoreAccess;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The base of generated aggregate repositories ({@code OrderRepository}): loads an aggregate by folding its stream,
 * executes commands with optimistic concurrency and retries, and keeps snapshots.
 *
 * <p>{@link #load(Object)} returns {@code Optional.empty()} for an aggregate whose stream has no events;
 * {@link #state(Object)} returns the initial state at version 0 instead, as {@code execute} starts from it.
 *
 * <p>A repository is thread-safe once configured: set {@link #maxAttempts} and {@link #beforeCommit} before sharing
 * it.
 *
 * @param <S> the state type
 * @param <I> the id type, {@code String} or {@code UUID}
 */
public class AggregateRepository<S, I> {
    static {
        EngineAccess.install(repository -> repository.engine);
    }

    private final AggregateEngine<S, I> engine;

    /** Opens the aggregates of {@code definition} on {@code store}. */
    protected AggregateRepository(Store store, AggregateDefinition<S, I> definition) {
        this.engine = new AggregateEngine<>(StoreAccess.contextOf(store), definition);
    }

    /**
     * A copy of {@code unbound} working on {@code connection}: how {@link #within(Connection)} builds its bound copy,
     * and how generated repositories build theirs, of their own type.
     *
     * @throws NullPointerException if {@code connection} is null
     */
    protected AggregateRepository(AggregateRepository<S, I> unbound, Connection connection) {
        this.engine = unbound.engine.within(connection);
    }

    /**
     * This repository working on {@code connection} and inside its current transaction, so that a command's events
     * commit or roll back together with the caller's own SQL and documents. Loads read the transaction's own writes;
     * {@link #execute} loads, decides and appends on the connection, and inline projections of the append run there
     * too. Nothing the returned repository does commits, rolls back or closes the connection.
     *
     * <p>It tries a command once: a {@link ConcurrencyException} (another writer appended since the load) reaches the
     * caller, who rolls back and retries the whole transaction, since its other writes may rest on what it read. So
     * {@link #maxAttempts} above 1 is refused on it; the {@link #beforeCommit} check set on this repository before the
     * call applies. A snapshot that {@link #commitAndSnapshot} fails to write fails the command, as the failed
     * statement has aborted the caller's transaction. Generated repositories return their own type:
     * {@code orders.within(connection).execute(id, command, context)}.
     *
     * @param connection an open connection to the store's database; in auto-commit mode each call is its own
     *     transaction
     * @throws NullPointerException if {@code connection} is null
     */
    public AggregateRepository<S, I> within(Connection connection) {
        return new AggregateRepository<>(this, connection);
    }

    /** The aggregate's definition: name, types and generated dispatch. */
    public AggregateDefinition<S, I> definition() {
        return engine.definition();
    }

    /** The stream holding the aggregate with {@code id}; see {@link AggregateDefinition#streamId(Object)}. */
    public UUID streamId(I id) {
        return engine.streamId(id);
    }

    /**
     * How many times {@code execute} tries a command whose append meets a concurrent change (default 5), reloading
     * and deciding again each time, before it fails with the {@link ConcurrencyException}.
     *
     * @throws IllegalStateException above 1 on a repository {@link #within} a caller's transaction
     */
    public AggregateRepository<S, I> maxAttempts(int maxAttempts) {
        engine.maxAttempts(maxAttempts);
        return this;
    }

    /**
     * A check of the state a command would produce, run before its events are appended: throw to reject the command
     * (nothing is written and the exception reaches the caller, without a retry).
     */
    public AggregateRepository<S, I> beforeCommit(Consumer<? super S> validator) {
        engine.beforeCommit(validator);
        return this;
    }

    /** The aggregate's state, folded from all its events; empty if its stream has none. */
    public Optional<S> load(I id) {
        return engine.load(id);
    }

    /**
     * The state after the first {@code atVersion} events, for looking back in time.
     *
     * @throws IllegalArgumentException if {@code atVersion} is below 1 or beyond the stream's version
     */
    public Optional<S> load(I id, long atVersion) {
        return engine.load(id, atVersion);
    }

    /** The state and version, folded from all events: the initial state at version 0 for a new aggregate. */
    public AggregateState<S> state(I id) {
        return engine.state(id);
    }

    /** As {@link #load(Object)}, starting from the latest snapshot of the current shape and folding the tail. */
    public Optional<S> loadWithSnapshot(I id) {
        return engine.loadWithSnapshot(id);
    }

    /** Appends events to the aggregate's stream, recording its type on the first append. */
    public AppendResult append(I id, Expected expected, List<?> events) {
        return engine.append(id, expected, events);
    }

    /** As {@link #append(Object, Expected, List)}, storing the context with every event. */
    public AppendResult append(I id, Expected expected, List<?> events, CommandContext context) {
        return engine.append(id, expected, events, context);
    }

    /**
     * Executes a command: loads the aggregate, lets its {@code @Handle} method decide the events, folds them into
     * the state, runs the {@link #beforeCommit} check and appends them expecting the version it loaded. When another
     * writer appended first, it reloads and decides again, up to {@link #maxAttempts} times in all. A command with an
     * {@code @ExpectedVersion} component runs as {@link #execute(Object, Object, CommandContext, long)} with that
     * version.
     *
     * @throws IllegalArgumentException if the aggregate handles no command of that type
     * @throws ConcurrencyException if every attempt met a concurrent change
     * @throws io.rillflow.IdempotencyConflictException if the context's idempotency key was used on this aggregate
     *     before (nothing is written)
     */
    public CommandResult<S> execute(I id, Object command, CommandContext context) {
        return engine.execute(id, command, context);
    }

    /**
     * As {@link #execute(Object, Object, CommandContext)}, for a command decided against version
     * {@code expectedVersion} of the aggregate (the version a user saw, as Axon's {@code @TargetAggregateVersion}
     * states it; 0 for a new aggregate). When the aggregate is at another version, or another writer appends between
     * the load and the append, it throws a {@link ConcurrencyException} naming the expected and the actual version,
     * writes nothing, and does not retry: the sender decides again on what changed.
     *
     * @throws IllegalArgumentException if {@code expectedVersion} is negative, or the aggregate handles no command of
     *     that type
     * @throws ConcurrencyException if the aggregate is not at {@code expectedVersion}
     */
    public CommandResult<S> execute(I id, Object command, CommandContext context, long expectedVersion) {
        return engine.execute(id, command, context, expectedVersion);
    }

    /**
     * As {@link #execute}, loading from the latest snapshot, and writing a new snapshot when the append crosses a
     * multiple of {@code everyN} events. The snapshot is folded from what is stored (the previous snapshot and the
     * events read back), so it holds exactly what a load would, stored metadata included. A failed snapshot is logged,
     * not thrown: the command is committed.
     */
    public CommandResult<S> commitAndSnapshot(I id, Object command, CommandContext context, int everyN) {
        return engine.commitAndSnapshot(id, command, context, everyN);
    }

    /**
     * Writes a snapshot of the aggregate's current state now (folded from its latest snapshot and the tail).
     *
     * @return the version snapshotted; 0 (and nothing written) for an aggregate without events
     */
    public long snapshot(I id) {
        return engine.snapshot(id);
    }

    /** What this repository runs, for the command bus and the snapshotter. */
    AggregateEngine<S, I> engine() {
        return engine;
    }
}
