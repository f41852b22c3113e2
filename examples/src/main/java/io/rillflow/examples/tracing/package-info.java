/**
 * A read model for {@link io.rillflow.examples.TraceTour}: the lines of each order, kept by a {@code @Projection}
 * from the order aggregate's events, so a traced command shows its append and the projection applying its events.
 */
package io.rillflow.examples.tracing;
