package io.rillflow.examples.fulfilment;

import io.rillflow.annotations.Aggregate;
import io.rillflow.annotations.Apply;
import io.rillflow.annotations.Handle;
import java.util.List;

/** The shipment of one order, with {@code String} ids (the order's id as text). It refuses to schedule while held. */
@Aggregate("shipment")
public final class Shipment {
    private boolean scheduled;
    private String hold;

    /** Whether the shipment is scheduled. */
    public boolean scheduled() {
        return scheduled;
    }

    @Handle
    List<Object> schedule(FulfilmentCommand.Schedule command) {
        if (hold != null) {
            throw new IllegalStateException("Shipment is on hold: " + hold);
        }
        return scheduled ? List.of() : List.of(new FulfilmentEvent.ShipmentScheduled(command.orderId()));
    }

    @Handle
    List<Object> hold(FulfilmentCommand.Hold command) {
        return List.of(new FulfilmentEvent.ShipmentHeld(command.reason()));
    }

    @Handle
    List<Object> release(FulfilmentCommand.Release command) {
        return hold == null ? List.of() : List.of(new FulfilmentEvent.ShipmentReleased());
    }

    @Apply
    void on(FulfilmentEvent.ShipmentScheduled event) {
        scheduled = true;
    }

    @Apply
    void on(FulfilmentEvent.ShipmentHeld event) {
        hold = event.reason();
    }

    @Apply
    void on(FulfilmentEvent.ShipmentReleased event) {
        hold = null;
    }
}
