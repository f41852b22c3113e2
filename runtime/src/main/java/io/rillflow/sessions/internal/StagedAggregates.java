package io.rillflow.sessions.internal;

import io.rillflow.aggregates.AggregateRepository;
import io.rillflow.aggregates.AggregateState;
import io.rillflow.aggregates.CommandContext;
import io.rillflow.aggregates.CommandResult;
import io.rillflow.aggregates.internal.AggregateEngine;
import io.rillflow.aggregates.internal.AggregateEngine.Decision;
import io.rillflow.aggregates.internal.EngineAccess;
import io.rillflow.events.Expected;
import io.rillflow.sessions.SessionAggregates;
import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One repository's aggregates in a session: each is loaded once, then kept as the session's decisions leave it, so a
 * second command on it is decided after the first and expects the version the first leads to.
 */
final class StagedAggregates<S, I> implements SessionAggregates<S, I> {
    private final StoreSession session;
    private final AggregateEngine<S, I> engine;
    /** Loads on the session's connection, when it has one; decisions use {@link #engine}'s configuration either way. */
    private final AggregateEngine<S, I> reader;

    private final Map<UUID, AggregateState<S>> states = new HashMap<>();

    StagedAggregates(StoreSession session, AggregateRepository<S, I> repository, Optional<Connection> connection) {
        this.session = session;
        this.engine = EngineAccess.engineOf(repository);
        this.reader = connection.map(engine::within).orElse(engine);
    }

    @Override
    public CommandResult<S> execute(I id, Object command) {
        return execute(id, command, CommandContext.empty());
    }

    @Override
    public CommandResult<S> execute(I id, Object command, CommandContext context) {
        session.requireWritable();
        CommandContext merged = session.contextFor(Objects.requireNonNull(context, "context"));
        UUID streamId = engine.streamId(id);
        AggregateState<S> loaded = state(id, streamId);
        Decision<S> decision = engine.decide(id, loaded, command, merged);
        if (!decision.events().isEmpty()) {
            session.stage(
                    streamId,
                    Expected.exact(decision.loadedVersion()),
                    decision.events(),
                    merged.appendOptions(),
                    engine.definition().name(),
                    merged.idempotencyKey());
            states.put(streamId, new AggregateState<>(decision.state(), decision.version()));
        }
        return new CommandResult<>(decision.state(), decision.version(), decision.events());
    }

    @Override
    public Optional<S> load(I id) {
        AggregateState<S> state = state(id, engine.streamId(id));
        return state.version() == 0 ? Optional.empty() : Optional.of(state.state());
    }

    private AggregateState<S> state(I id, UUID streamId) {
        AggregateState<S> known = states.get(streamId);
        if (known == null) {
            known = reader.state(id);
            states.put(streamId, known);
        }
        return known;
    }
}
