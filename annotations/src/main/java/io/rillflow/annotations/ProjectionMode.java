package io.rillflow.annotations;

/** When a projection sees events. */
public enum ProjectionMode {
    /** By the projection daemon, after the append committed, in batches, on one node at a time. */
    ASYNC
}
