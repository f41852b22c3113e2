package io.rillflow.subscriptions;

import io.rillflow.events.EventEnvelope;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;

/**
 * One worker of a subscription's consumer group. A push worker ({@link Subscriptions#subscribe}) runs its handler on
 * its own thread; a pull worker ({@link Subscriptions#open}) delivers events when the caller {@link #poll}s. Close it
 * to leave the group: its slots go to the other workers at once, its unacknowledged events with them.
 *
 * <p>Acknowledgements are per slot and cumulative: acknowledging event {@code seq} acknowledges every event of the
 * same slot delivered before it (a stream's events are always in one slot). Only events delivered to this worker and
 * not yet acknowledged can be acknowledged; anything else fails with a {@link SubscriptionException} and changes
 * nothing.
 */
public interface SubscriptionHandle extends AutoCloseable {
    /** How long {@link #close()} waits for the handler's event in hand before interrupting its thread. */
    Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Up to {@code max} events, waiting up to {@code timeout} for the first ones; empty if none arrived. Only for
     * workers opened with {@link Subscriptions#open}. In {@link AckMode#AUTO} mode, polling acknowledges the events
     * of the previous poll. Errors reading the log are thrown to the caller (and counted in {@link #metrics()}).
     */
    List<EventEnvelope> poll(int max, Duration timeout);

    /**
     * Acknowledges event {@code seq} (and the earlier ones of its slot): its checkpoint is written at once.
     *
     * @throws SubscriptionException if the event was not delivered to this worker, is already acknowledged, or this
     *     worker lost the event's slot (the event is then delivered again to the slot's new holder)
     */
    void ack(long seq);

    /**
     * Acknowledges event {@code seq} (and the earlier ones of its slot) in the caller's transaction on
     * {@code connection}, so the checkpoint commits with the caller's own writes or not at all: effects on the same
     * database happen exactly once. If the transaction rolls back, the event is delivered again. Commit before the
     * next poll.
     *
     * @throws SubscriptionException if the event is not awaiting acknowledgement, or was acknowledged already by a
     *     committed transaction, or this worker lost its slot: roll the transaction back
     */
    void ackInTransaction(Connection connection, long seq);

    /** Stops fetching on this worker (it keeps its slots); events already delivered can still be acknowledged. */
    void pause();

    /** Fetches again after {@link #pause()}. */
    void resume();

    /** This worker's counters: delivered, acknowledged and retried errors. */
    SubscriptionMetrics metrics();

    /** The slots this worker holds now, by index. */
    List<Integer> slots();

    /**
     * Stops the handler thread after the event in hand, acknowledges what was delivered in {@link AckMode#AUTO} mode,
     * and releases the slots. Unacknowledged events of the other modes are delivered again to the next holder. Waits
     * at most {@link #DEFAULT_CLOSE_TIMEOUT}; see {@link #close(Duration)}.
     */
    @Override
    void close();

    /**
     * As {@link #close()}, waiting at most {@code timeout} for the handler to finish its event in hand. A handler
     * still running then has its thread interrupted, so one waiting in Java wakes up, and the worker leaves its group
     * without acknowledging anything, even in {@link AckMode#AUTO} mode: the event in hand and the unacknowledged ones
     * are delivered again to the next holder of their slots, never lost.
     *
     * @return whether the handler finished within {@code timeout} (always true for a pull worker)
     */
    boolean close(Duration timeout);
}
