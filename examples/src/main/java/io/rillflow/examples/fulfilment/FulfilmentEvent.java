package io.rillflow.examples.fulfilment;

import java.math.BigDecimal;
import java.util.UUID;

/** The events of the fulfilment aggregates. */
public final class FulfilmentEvent {
    private FulfilmentEvent() {}

    /** An order's total was charged. */
    public record Charged(UUID orderId, BigDecimal amount) {}

    /** An order's shipment was scheduled. */
    public record ShipmentScheduled(UUID orderId) {}

    /** A shipment was put on hold. */
    public record ShipmentHeld(String reason) {}

    /** A held shipment was released. */
    public record ShipmentReleased() {}
}
