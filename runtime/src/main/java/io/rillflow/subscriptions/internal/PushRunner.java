package io.rillflow.subscriptions.internal;

import io.rillflow.events.EventEnvelope;
import io.rillflow.subscriptions.AckMode;
import io.rillflow.subscriptions.SubscriptionHandle;
import io.rillflow.subscriptions.SubscriptionHandler;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The thread of a push worker: polls, hands each event to the handler, acknowledges the batch in
 * {@link AckMode#AUTO} mode. Errors are never swallowed: a failed fetch or a throwing handler is counted, logged and
 * reported in the group's status, and retried after a doubling backoff (handler failures with the unacknowledged
 * events delivered again).
 */
public final class PushRunner implements Runnable {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Worker worker;
    private final SubscriptionHandler handler;
    private final SubscriptionHandle handle;
    private final Thread thread;
    private volatile boolean stopped;

    /** A runner for {@code worker}; call {@link #start()} once. */
    public PushRunner(Worker worker, SubscriptionHandler handler, SubscriptionHandle handle) {
        this.worker = worker;
        this.handler = handler;
        this.handle = handle;
        this.thread = new Thread(this, "rillflow-subscription-" + THREADS.incrementAndGet());
        this.thread.setDaemon(true);
    }

    /** Starts the thread. */
    public void start() {
        thread.start();
    }

    /** Asks the thread to stop after the event it is handling, and waits for it. */
    public void stop() {
        stopped = true;
        if (Thread.currentThread() == thread) {
            return; // closed from inside the handler: the loop ends when it returns
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        int failures = 0;
        int batchSize = worker.options().batchSize();
        long pollMillis = worker.options().pollInterval().toMillis();
        while (!stopped && !Thread.currentThread().isInterrupted()) {
            List<EventEnvelope> batch;
            try {
                batch = worker.poll(batchSize, pollMillis);
            } catch (RuntimeException e) {
                if (stopped) {
                    return;
                }
                worker.recordError(false, e);
                failures++;
                sleep(worker.options().backoffAfter(failures).toMillis());
                continue;
            }
            try {
                for (EventEnvelope event : batch) {
                    if (stopped) {
                        worker.rewind(); // the rest was not handled: never acknowledge it, deliver it again
                        return;
                    }
                    handler.handle(event, handle);
                }
            } catch (Exception e) {
                failures = retryLater(true, e, failures);
                continue;
            }
            try {
                if (worker.options().ackMode() == AckMode.AUTO) {
                    worker.ackDelivered();
                }
                failures = 0;
            } catch (RuntimeException e) {
                failures = retryLater(false, e, failures);
            }
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
