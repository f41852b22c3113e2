package io.rillflow.examples.counter;

import io.rillflow.annotations.ExpectedVersion;

/** The commands a {@link Counter} handles. */
public final class CounterCommand {
    private CounterCommand() {}

    /** Adds {@code by} (at least 1). */
    public record Increment(int by) {}

    /** Subtracts {@code by}, never below zero. */
    public record Decrement(int by) {}

    /** Back to zero. */
    public record Reset() {}

    /**
     * Back to zero, only if the counter is still at the version its sender saw (a reset button on a page that may be
     * out of date): a counter changed since fails with a {@code ConcurrencyException}.
     *
     * @param seenVersion the counter's version when the sender looked at it
     */
    public record ResetSeen(@ExpectedVersion long seenVersion) {}
}
