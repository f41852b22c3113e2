package io.rillflow.examples.fulfilment;

import java.math.BigDecimal;
import java.util.UUID;

/** The commands of the fulfilment aggregates: a sealed type, so a process manager can declare them all at once. */
public sealed interface FulfilmentCommand {
    /** Charges an order's total to its invoice. */
    record Charge(UUID orderId, BigDecimal amount) implements FulfilmentCommand {}

    /** Schedules the shipment of an order. */
    record Schedule(UUID orderId) implements FulfilmentCommand {}

    /** Holds a shipment: scheduling it fails until it is released (a warehouse problem, say). */
    record Hold(String reason) implements FulfilmentCommand {}

    /** Releases a held shipment. */
    record Release() implements FulfilmentCommand {}
}
