package io.rillflow.subscriptions;

import io.rillflow.events.EventEnvelope;
import io.rillflow.subscriptions.internal.PushRunner;
import io.rillflow.subscriptions.internal.Worker;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

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
public final class SubscriptionHandle implements AutoCloseable {
    private final Worker worker;
    private final Consumer<SubscriptionHandle> onClose;
    private PushRunner runner;

    SubscriptionHandle(Worker worker, Consumer<SubscriptionHandle> onClose) {
        this.worker = worker;
        this.onClose = onClose;
    }

    void push(SubscriptionHandler handler) {
        runner = new PushRunner(worker, handler, this);
        runner.start();
    }

    /**
     * Up to {@code max} events, waiting up to {@code timeout} for the first ones; empty if none arrived. Only for
     * workers opened with {@link Subscriptions#open}. In {@link AckMode#AUTO} mode, polling acknowledges the events
     * of the previous poll. Errors reading the log are thrown to the caller (and counted in {@link #metrics()}).
     */
    public List<EventEnvelope> poll(int max, Duration timeout) {
        if (runner != null) {
            throw new IllegalStateException("This worker of subscription " + worker.subscription()
                    + " runs a handler; poll only workers opened with subscriptions().open(...)");
        }
        try {
            return worker.poll(max, timeout.toMillis());
        } catch (SubscriptionException | IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            worker.recordError(false, e);
            throw e;
        }
    }

    /**
     * Acknowledges event {@code seq} (and the earlier ones of its slot): its checkpoint is written at once.
     *
     * @throws SubscriptionException if the event was not delivered to this worker, is already acknowledged, or this
     *     worker lost the event's slot (the event is then delivered again to the slot's new holder)
     */
    public void ack(long seq) {
        worker.ack(seq);
    }

    /**
     * Acknowledges event {@code seq} (and the earlier ones of its slot) in the caller's transaction on
     * {@code connection}, so the checkpoint commits with the caller's own writes or not at all: effects on the same
     * database happen exactly once. If the transaction rolls back, the event is delivered again. Commit before the
     * next poll.
     *
     * @throws SubscriptionException if the event is not awaiting acknowledgement, or was acknowledged already by a
     *     committed transaction, or this worker lost its slot: roll the transaction back
     */
    public void ackInTransaction(Connection connection, long seq) {
        worker.ackInTransaction(connection, seq);
    }

    /** Stops fetching on this worker (it keeps its slots); events already delivered can still be acknowledged. */
    public void pause() {
        worker.paused(true);
    }

    /** Fetches again after {@link #pause()}. */
    public void resume() {
        worker.paused(false);
    }

    /** This worker's counters: delivered, acknowledged and retried errors. */
    public SubscriptionMetrics metrics() {
        return worker.metrics();
    }

    /** The slots this worker holds now, by index. */
    public List<Integer> slots() {
        return worker.heldSlots();
    }

    /**
     * Stops the handler thread after the event in hand, acknowledges what was delivered in {@link AckMode#AUTO} mode,
     * and releases the slots. Unacknowledged events of the other modes are delivered again to the next holder.
     */
    @Override
    public void close() {
        if (runner != null) {
            runner.stop();
        }
        worker.close();
        onClose.accept(this);
    }
}
