/**
 * A process manager across aggregates: when an order of {@link io.rillflow.examples.orders} is submitted,
 * {@link io.rillflow.examples.fulfilment.Fulfilment} charges an {@link io.rillflow.examples.fulfilment.Invoice} and
 * schedules a {@link io.rillflow.examples.fulfilment.Shipment}, exactly once each, even across crashes.
 */
package io.rillflow.examples.fulfilment;
