package io.rillflow.projections;

/** What a projection does with an event its handler still fails on after the last attempt. */
public enum FailurePolicy {
    /** Record the event and its error as a dead letter and go on with the next event. */
    DEAD_LETTER,
    /** Pause the projection at the failing event, with the error in its status, until it is resumed. */
    STOP
}
