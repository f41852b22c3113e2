package io.rillflow.examples.counter;

import io.rillflow.annotations.Event;

/** What happened to a {@link Counter}; stored as {@code Counter.Incremented}, ... */
public final class CounterEvent {
    private CounterEvent() {}

    /** The counter went up. */
    @Event(name = "Counter.Incremented")
    public record Incremented(int by) {}

    /** The counter went down. */
    @Event(name = "Counter.Decremented")
    public record Decremented(int by) {}

    /** The counter went back to zero from {@code from}. */
    @Event(name = "Counter.Reset")
    public record WasReset(long from) {}
}
