/**
 * Projections: read models kept current by the daemon ({@code store.projections().start()}), exactly once and in
 * global order with the checkpoint committed together with the read model, or inline in the append's transaction.
 * Register {@code @Projection} classes or {@link io.rillflow.projections.DocumentProjection}s; administer checkpoints,
 * pauses, rebuilds and dead letters through {@link io.rillflow.projections.Projections}.
 */
package io.rillflow.projections;
