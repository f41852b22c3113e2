package io.rillflow.processes.internal;

import io.rillflow.IdempotencyConflictException;
import io.rillflow.aggregates.AggregateDefinition;
import io.rillflow.aggregates.CommandBus;
import io.rillflow.aggregates.CommandContext;
import io.rillflow.events.EventEnvelope;
import io.rillflow.internal.Identifiers;
import io.rillflow.internal.TenantColumn;
import io.rillflow.processes.CommandDispatchException;
import io.rillflow.processes.Dispatch;
import io.rillflow.processes.ProcessManagerHandler;
import io.rillflow.projections.ProjectionContext;
import io.rillflow.projections.ProjectionHandler;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A process manager run as a projection: the projection engine tails the log for it (gap-safe, under its lease, with
 * its checkpoint, retries and dead letters), and each event's commands are dispatched here, each in its own
 * transaction, before the batch's checkpoint commits. A crash between a dispatch and the checkpoint means the event is
 * seen again; its commands then carry the same idempotency keys, so a command whose append committed is skipped (its
 * key is looked up first, and an append that meets the key anyway writes nothing).
 */
public final class ProcessManagerProjection implements ProjectionHandler {
    /** The metadata header naming the process manager that sent a command. */
    public static final String SENDER_HEADER = "process_manager";
    /** The metadata header holding the position of the event a command reacted to. */
    public static final String SOURCE_HEADER = "source_seq";

    private final ProcessManagerHandler handler;
    private final CommandBus bus;
    private final List<AggregateDefinition<?, ?>> aggregates;
    private final String keyLookup;

    /** Runs {@code handler}, sending its commands through {@code bus} to the {@code aggregates}. */
    public ProcessManagerProjection(
            ProcessManagerHandler handler, CommandBus bus, List<AggregateDefinition<?, ?>> aggregates, String schema) {
        this(handler, bus, aggregates, schema, TenantColumn.NONE);
    }

    /**
     * As {@link #ProcessManagerProjection(ProcessManagerHandler, CommandBus, List, String)}, for the bus of
     * {@code tenant} in a conjoined schema, whose idempotency keys it looks up.
     */
    ProcessManagerProjection(
            ProcessManagerHandler handler,
            CommandBus bus,
            List<AggregateDefinition<?, ?>> aggregates,
            String schema,
            TenantColumn tenant) {
        this.handler = handler;
        this.bus = bus;
        this.aggregates = List.copyOf(aggregates);
        this.keyLookup = "select 1 from " + Identifiers.quote(schema) + ".rf_idempotency_keys where "
                + tenant.andPrefix() + "stream_id = ? and key = ?";
    }

    /** The aggregates its commands go to. */
    List<AggregateDefinition<?, ?>> aggregates() {
        return aggregates;
    }

    /** The process manager this runs. */
    public ProcessManagerHandler handler() {
        return handler;
    }

    @Override
    public String name() {
        return handler.name();
    }

    @Override
    public Set<Class<?>> eventClasses() {
        return handler.eventClasses();
    }

    /** The idempotency key of the {@code index}th command sent in reaction to the event at {@code globalSeq}. */
    public static String idempotencyKey(String processManager, long globalSeq, int index) {
        return "pm:" + processManager + ":" + globalSeq + ":" + index;
    }

    @Override
    public void apply(EventEnvelope event, ProjectionContext context) throws Exception {
        List<? extends Dispatch<?>> dispatches = handler.on(event);
        if (dispatches == null) {
            return;
        }
        for (int i = 0; i < dispatches.size(); i++) {
            Dispatch<?> dispatch = dispatches.get(i);
            if (dispatch == null) {
                throw new CommandDispatchException(
                        name(),
                        event.globalSeq(),
                        i,
                        "Process manager " + name() + " returned a null dispatch at index " + i + " for " + event,
                        null);
            }
            send(event, i, dispatch, context.connection());
        }
    }

    private void send(EventEnvelope event, int index, Dispatch<?> dispatch, Connection connection) throws SQLException {
        String key = idempotencyKey(name(), event.globalSeq(), index);
        String what = "Process manager " + name() + " sending command " + index + " ("
                + dispatch.command().getClass().getName() + ") to aggregate " + dispatch.aggregateId() + " for "
                + event;
        UUID stream;
        try {
            stream = target(dispatch).streamId(dispatch.aggregateId());
        } catch (IllegalArgumentException e) {
            throw new CommandDispatchException(name(), event.globalSeq(), index, what + ": " + e.getMessage(), e);
        }
        if (used(connection, stream, key)) {
            return; // applied before a crash or a lost lease: never twice
        }
        CommandContext context = CommandContext.empty()
                .withActor("process-manager:" + name())
                .withCorrelationId(event.correlationId())
                .withMetadata(SENDER_HEADER, name())
                .withMetadata(SOURCE_HEADER, event.globalSeq())
                .withIdempotencyKey(key);
        try {
            bus.dispatch(dispatch.aggregateId(), dispatch.command(), context);
        } catch (IdempotencyConflictException e) {
            // Another run sent it between the lookup and the append: it is applied once.
        } catch (RuntimeException e) {
            throw new CommandDispatchException(name(), event.globalSeq(), index, what + " failed: " + e, e);
        }
    }

    private AggregateDefinition<?, ?> target(Dispatch<?> dispatch) {
        for (AggregateDefinition<?, ?> aggregate : aggregates) {
            if (aggregate.handles(dispatch.command())) {
                return aggregate;
            }
        }
        throw new IllegalArgumentException("no aggregate handles commands of type "
                + dispatch.command().getClass().getName());
    }

    private boolean used(Connection connection, UUID stream, String key) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(keyLookup)) {
            p.setObject(1, stream);
            p.setString(2, key);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        }
    }
}
