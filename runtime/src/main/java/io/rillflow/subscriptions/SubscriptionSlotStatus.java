package io.rillflow.subscriptions;

import java.time.Instant;

/**
 * One slot of a consumer group, as listed by {@link Subscriptions#slots}: the group's streams are spread over its slots,
 * and each slot has its own checkpoint and is leased by one worker at a time.
 *
 * @param slot the slot's number, from 0
 * @param lastSeq the position the slot's worker has acknowledged
 * @param inFlight events delivered from the slot and not yet acknowledged
 * @param leaseHolder the worker holding the slot; null when no live worker does
 * @param leaseExpires when the holder's lease runs out; null when none is held
 */
public record SubscriptionSlotStatus(int slot, long lastSeq, int inFlight, String leaseHolder, Instant leaseExpires) {}
