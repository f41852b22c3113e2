package io.rillflow.projections;

/**
 * What one tick of one projection did.
 *
 * @param outcome what happened
 * @param applied how many events were applied and committed
 * @param more whether more events are ready right away (the batch was full)
 */
public record TickResult(Outcome outcome, int applied, boolean more) {
    /** The kinds of tick. */
    public enum Outcome {
        /** Events were applied and the checkpoint moved. */
        PROCESSED,
        /** Nothing new to read (the checkpoint may still have moved past events of other types). */
        IDLE,
        /** The projection is paused. */
        PAUSED,
        /** An earlier failure's backoff has not elapsed. */
        BACKING_OFF,
        /** Another node holds the lease, or is in the middle of a batch. */
        LEASED_ELSEWHERE,
        /** An event failed and will be retried after a backoff. */
        FAILED,
        /** An event failed for the last time and was dead-lettered; the projection goes on. */
        DEAD_LETTERED,
        /** An event failed for the last time and the projection paused itself ({@link FailurePolicy#STOP}). */
        STOPPED
    }
}
