package io.rillflow.annotations;

/** When a projection sees events. */
public enum ProjectionMode {
    /** By the projection daemon, after the append committed, in batches, on one node at a time. */
    ASYNC,
    /**
     * By every append, inside the append's transaction: the read model is current when {@code append} returns, and a
     * failing handler fails the append. Every node that appends must register the projection.
     */
    INLINE
}
