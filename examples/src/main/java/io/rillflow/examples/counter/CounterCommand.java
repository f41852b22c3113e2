package io.rillflow.examples.counter;

/** The commands a {@link Counter} handles. */
public final class CounterCommand {
    private CounterCommand() {}

    /** Adds {@code by} (at least 1). */
    public record Increment(int by) {}

    /** Subtracts {@code by}, never below zero. */
    public record Decrement(int by) {}

    /** Back to zero. */
    public record Reset() {}
}
