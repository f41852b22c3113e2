package io.rillflow.subscriptions.internal;

import io.rillflow.events.EventEnvelope;
import io.rillflow.internal.LogContext;
import io.rillflow.subscriptions.SubscriptionException;
import io.rillflow.subscriptions.SubscriptionHandle;
import io.rillflow.subscriptions.SubscriptionHandler;
import io.rillflow.subscriptions.SubscriptionMetrics;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/** The handle of one worker: pulled by the caller, or pushed to a handler by its {@link PushRunner}. */
public final class WorkerHandle implements SubscriptionHandle {
    private final Worker worker;
    private final Consumer<WorkerHandle> onClose;
    private volatile PushRunner runner;

    /** A handle of {@code worker}; {@code onClose} is told once it closed. */
    public WorkerHandle(Worker worker, Consumer<WorkerHandle> onClose) {
        this.worker = worker;
        this.onClose = onClose;
    }

    /** Starts a thread handing the worker's events to {@code handler}; at most once. */
    public void push(SubscriptionHandler handler) {
        if (runner != null) {
            throw new IllegalStateException("This worker already runs a handler");
        }
        runner = new PushRunner(worker, event -> handler.handle(event, this));
        runner.start();
    }

    /** Asks the handler thread, if any, to stop after its event in hand, without waiting. */
    void requestStop() {
        PushRunner current = runner;
        if (current != null) {
            current.requestStop();
        }
    }

    @Override
    public List<EventEnvelope> poll(int max, Duration timeout) {
        if (runner != null) {
            throw new IllegalStateException("This worker of subscription " + worker.subscription()
                    + " runs a handler; poll only workers opened with subscriptions().open(...)");
        }
        try (LogContext scope = worker.logContext()) {
            try {
                return worker.poll(max, timeout.toMillis());
            } catch (SubscriptionException | IllegalArgumentException e) {
                throw e;
            } catch (RuntimeException e) {
                worker.recordError(false, e);
                throw e;
            }
        }
    }

    @Override
    public void ack(long seq) {
        try (LogContext scope = worker.logContext()) {
            worker.ack(seq);
        }
    }

    @Override
    public void ackInTransaction(Connection connection, long seq) {
        try (LogContext scope = worker.logContext()) {
            worker.ackInTransaction(connection, seq);
        }
    }

    @Override
    public void pause() {
        worker.paused(true);
    }

    @Override
    public void resume() {
        worker.paused(false);
    }

    @Override
    public SubscriptionMetrics metrics() {
        return worker.metrics();
    }

    @Override
    public List<Integer> slots() {
        return worker.heldSlots();
    }

    @Override
    public void close() {
        close(DEFAULT_CLOSE_TIMEOUT);
    }

    @Override
    public boolean close(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        PushRunner current = runner;
        boolean stopped = current == null || current.stop(timeout);
        try (LogContext scope = worker.logContext()) {
            if (stopped) {
                worker.close();
            } else {
                // The handler still holds an event: acknowledging now could lose it, so its slots go back
                // unacknowledged.
                worker.abandon();
            }
        }
        onClose.accept(this);
        return stopped;
    }
}
