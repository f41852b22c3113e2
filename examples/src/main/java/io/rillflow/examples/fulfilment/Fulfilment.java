package io.rillflow.examples.fulfilment;

import io.rillflow.annotations.On;
import io.rillflow.annotations.ProcessManager;
import io.rillflow.events.EventEnvelope;
import io.rillflow.examples.orders.OrderCancelled;
import io.rillflow.examples.orders.OrderSubmitted;
import io.rillflow.processes.Dispatch;
import java.util.List;
import java.util.UUID;

/**
 * Fulfils submitted orders: charges the invoice, then schedules the shipment. The processor generates
 * {@code Fulfilment_ProcessManager}; register it with {@code store.processManagers().register(Fulfilment.class)}.
 */
@ProcessManager(name = "fulfilment")
public final class Fulfilment {
    /** Both commands go to aggregates named after the order: its stream id is the order's id. */
    @On
    List<Dispatch<FulfilmentCommand>> submitted(OrderSubmitted event, EventEnvelope envelope) {
        UUID order = envelope.streamId();
        return List.of(
                Dispatch.to(order.toString(), new FulfilmentCommand.Charge(order, event.total())),
                Dispatch.to(order.toString(), new FulfilmentCommand.Schedule(order)));
    }

    /** A cancelled order's shipment is held, in case it was scheduled by a retry (one command: a single dispatch). */
    @On
    Dispatch<FulfilmentCommand.Hold> cancelled(OrderCancelled event, EventEnvelope envelope) {
        return Dispatch.to(envelope.streamId().toString(), new FulfilmentCommand.Hold("order cancelled"));
    }
}
