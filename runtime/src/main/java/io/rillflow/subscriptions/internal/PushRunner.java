package io.rillflow.subscriptions.internal;

import io.rillflow.events.EventEnvelope;
import io.rillflow.internal.BoundedStop;
import io.rillflow.internal.LogContext;
import io.rillflow.subscriptions.AckMode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread of a push worker: polls, hands each event to the handler, acknowledges the batch in
 * {@link AckMode#AUTO} mode. Errors are never swallowed: a failed fetch or a throwing handler is counted, logged and
 * reported in the group's status, and retried after a doubling backoff (handler failures with the unacknowledged
 * events delivered again).
 */
public final class PushRunner implements Runnable {
    /** Hands one event to the application's handler. */
    @FunctionalInterface
    public interface Delivery {
        /** Handles {@code event}; throwing has the unacknowledged events delivered again after a backoff. */
        void deliver(EventEnvelope event) throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(PushRunner.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Worker worker;
    private final Delivery delivery;
    private final Thread thread;
    private volatile boolean stopped;

    /** A runner handing {@code worker}'s events to {@code delivery}; call {@link #start()} once. */
    public PushRunner(Worker worker, Delivery delivery) {
        this.worker = worker;
        this.delivery = delivery;
        this.thread = new Thread(this, "rillflow-subscription-" + THREADS.incrementAndGet());
        this.thread.setDaemon(true);
    }

    /** Starts the thread. */
    public void start() {
        thread.start();
    }

    /** Asks the thread to stop after the event it is handling, without waiting. */
    void requestStop() {
        stopped = true;
    }

    /**
     * Asks the thread to stop after the event it is handling and waits up to {@code timeout} for it. A thread still
     * running then is interrupted (a handler waiting in Java wakes up) and left to end by itself.
     *
     * @return whether the thread ended within {@code timeout}, or this is the thread itself (closed from inside the
     *     handler: the loop ends when the handler returns)
     */
    public boolean stop(Duration timeout) {
        stopped = true;
        if (Thread.currentThread() == thread) {
            return true;
        }
        return BoundedStop.join(thread, timeout, LOG, "Subscription handler thread " + thread.getName());
    }

    @Override
    public void run() {
        int failures = 0;
        while (!stopped && !Thread.currentThread().isInterrupted()) {
            try (LogContext scope = worker.logContext()) {
                failures = round(failures);
            }
        }
    }

    /**
     * Polls once, hands the batch to the handler and acknowledges it in {@link AckMode#AUTO} mode; the new failure
     * count.
     */
    private int round(int failures) {
        List<EventEnvelope> batch;
        try {
            batch = worker.poll(
                    worker.options().batchSize(),
                    worker.options().pollInterval().toMillis());
        } catch (RuntimeException e) {
            if (stopped) {
                return failures;
            }
            worker.recordError(false, e);
            sleep(worker.options().backoffAfter(failures + 1).toMillis());
            return failures + 1;
        }
        try {
            for (EventEnvelope event : batch) {
                if (stopped) {
                    worker.rewind(); // the rest was not handled: never acknowledge it, deliver it again
                    return failures;
                }
                delivery.deliver(event);
            }
        } catch (Exception e) {
            return retryLater(true, e, failures);
        }
        try {
            if (worker.options().ackMode() == AckMode.AUTO) {
                worker.ackDelivered();
            }
            return 0;
        } catch (RuntimeException e) {
            return retryLater(false, e, failures);
        }
    }

    /** Reports the error, forgets the unacknowledged deliveries (they come again) and waits; the new failure count. */
    private int retryLater(boolean handlerError, Exception error, int failures) {
        worker.recordError(handlerError, error);
        try {
            worker.rewind();
        } catch (RuntimeException again) {
            worker.recordError(false, again);
        }
        sleep(worker.options().backoffAfter(failures + 1).toMillis());
        return failures + 1;
    }

    private void sleep(long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (!stopped && System.nanoTime() < end) {
            try {
                Thread.sleep(Math.min(50, Math.max(1, (end - System.nanoTime()) / 1_000_000L)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
