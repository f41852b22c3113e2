package io.rillflow.aggregates.internal;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import io.rillflow.SerializationException;
import io.rillflow.aggregates.AggregateDefinition;
import io.rillflow.aggregates.AggregateState;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.internal.EventStoreEngine;
import io.rillflow.internal.JsonCodec;
import io.rillflow.store.internal.StoreContext;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds an aggregate's state from its stream: folds its events, from its latest snapshot of the current shape when
 * asked, and writes the snapshots that shorten the next fold.
 *
 * @param <S> the state type
 */
final class AggregateLoader<S> {
    private static final Logger LOG = LoggerFactory.getLogger(AggregateLoader.class);

    private final AggregateDefinition<S, ?> definition;
    private final EventStoreEngine events;
    private final SnapshotStore snapshots;
    private final SnapshotStore.Shape shape;
    private final JsonCodec snapshotJson;

    AggregateLoader(StoreContext context, AggregateDefinition<S, ?> definition) {
        this.definition = definition;
        this.events = context.events();
        this.snapshots = new SnapshotStore(context.database(), context.schema(), context.tenant());
        this.shape = new SnapshotStore.Shape(definition.name(), definition.snapshotVersion(), definition.shape());
        // Snapshots hold the state's fields, private ones included, whether or not the state has getters.
        this.snapshotJson = new JsonCodec(
                context.json()
                        .mapper()
                        .copy()
                        .setVisibility(PropertyAccessor.ALL, Visibility.NONE)
                        .setVisibility(PropertyAccessor.FIELD, Visibility.ANY)
                        .setVisibility(PropertyAccessor.CREATOR, Visibility.ANY),
                context.json().limits());
    }

    private AggregateLoader(AggregateLoader<S> unbound, Connection connection) {
        this.definition = unbound.definition;
        this.events = unbound.events.within(connection);
        this.snapshots = unbound.snapshots.within(connection);
        this.shape = unbound.shape;
        this.snapshotJson = unbound.snapshotJson;
    }

    /** This loader reading and writing on {@code connection}, inside its transaction. */
    AggregateLoader<S> within(Connection connection) {
        return new AggregateLoader<>(this, connection);
    }

    /** The state folded from all the stream's events: the initial state at version 0 for a new aggregate. */
    AggregateState<S> state(UUID streamId) {
        return fold(streamId, definition.initial().get(), 0, Long.MAX_VALUE);
    }

    /** The state after the first {@code upTo} events (fewer if the stream has fewer). */
    AggregateState<S> stateAt(UUID streamId, long upTo) {
        return fold(streamId, definition.initial().get(), 0, upTo);
    }

    /** As {@link #state}, starting from the latest snapshot of the current shape and folding the tail. */
    AggregateState<S> stateWithSnapshot(UUID streamId) {
        Optional<SnapshotStore.Snapshot> snapshot = snapshots.read(streamId, shape);
        if (snapshot.isEmpty()) {
            return state(streamId);
        }
        S state;
        try {
            state = snapshotJson.read(
                    snapshot.get().stateJson(),
                    definition.stateType(),
                    () -> "the snapshot of " + definition.name() + " stream " + streamId);
        } catch (SerializationException e) {
            // A snapshot the state class cannot read is of another shape: fold from the events instead.
            LOG.warn(
                    "Ignoring the unreadable snapshot of {} stream {}: {}",
                    definition.name(),
                    streamId,
                    e.getMessage());
            return state(streamId);
        }
        return fold(streamId, state, snapshot.get().version(), Long.MAX_VALUE);
    }

    /** Snapshots the stream now, folded from its latest snapshot and the tail; the version, 0 for no events. */
    long snapshotStream(UUID streamId) {
        AggregateState<S> state = stateWithSnapshot(streamId);
        if (state.version() > 0) {
            String json = snapshotJson.write(
                    state.state(), () -> "the state of " + definition.name() + " stream " + streamId);
            snapshots.write(streamId, shape, state.version(), json);
        }
        return state.version();
    }

    /** Up to {@code limit} streams of this aggregate type whose snapshot is {@code threshold} events behind or more. */
    List<UUID> streamsBehind(long threshold, int limit) {
        return snapshots.streamsBehind(shape, threshold, limit);
    }

    /** Folds the events after {@code version} up to {@code upTo} into {@code state}. */
    private AggregateState<S> fold(UUID streamId, S state, long version, long upTo) {
        if (upTo <= version) {
            return new AggregateState<>(state, version);
        }
        int limit = (int) Math.min(Integer.MAX_VALUE, upTo - version);
        for (EventEnvelope event : events.readStream(streamId, version + 1, limit)) {
            state = definition.evolve().apply(state, event);
            version = event.streamSeq();
        }
        return new AggregateState<>(state, version);
    }
}
