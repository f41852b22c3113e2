package io.rillflow.events.internal;

import io.rillflow.events.AppendResult;

/**
 * Told about every append of an event store after it committed or failed; tracing implements it, so the event store
 * knows nothing of tracing. Called on the appending thread, outside the append's transaction; for an append inside a
 * caller's transaction ({@code EventStore.within}), once it is written, before the caller commits or rolls back.
 */
public interface AppendObserver {
    /** Observes nothing: appends skip the observer entirely. */
    AppendObserver NONE = new AppendObserver() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public void appended(AppendRequest request, AppendResult result) {}

        @Override
        public void failed(AppendRequest request, RuntimeException failure) {}
    };

    /** Whether to call this observer; read on every append, so it must be cheap. */
    boolean enabled();

    /** {@code request} committed as {@code result}. */
    void appended(AppendRequest request, AppendResult result);

    /** {@code request} wrote nothing: a conflict, a repeated idempotency key or an error. */
    void failed(AppendRequest request, RuntimeException failure);
}
