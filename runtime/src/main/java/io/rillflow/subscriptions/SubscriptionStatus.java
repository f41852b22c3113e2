package io.rillflow.subscriptions;

import java.time.Instant;

/**
 * The progress of one consumer group of a subscription.
 *
 * @param subscription the subscription's name
 * @param group the group's name
 * @param lastSeq the position every slot of the group has acknowledged (the lowest slot checkpoint)
 * @param head the highest global_seq in the log
 * @param lag matching events not yet acknowledged by the group
 * @param inFlight events delivered to the group's workers and not yet acknowledged
 * @param maxInFlight the group's bound on {@code inFlight}; null if unbounded
 * @param paused whether the group was paused by an admin
 * @param workers live workers of the group
 * @param slots the number of slots the group's streams are spread over
 * @param leasedSlots slots currently leased by a worker
 * @param lastError the last fetch or handler error a worker reported; null if none
 * @param lastErrorAt when it was reported; null if none
 */
public record SubscriptionStatus(
        String subscription,
        String group,
        long lastSeq,
        long head,
        long lag,
        long inFlight,
        Integer maxInFlight,
        boolean paused,
        int workers,
        int slots,
        int leasedSlots,
        String lastError,
        Instant lastErrorAt) {}
