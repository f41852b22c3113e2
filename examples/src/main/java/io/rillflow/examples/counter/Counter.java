package io.rillflow.examples.counter;

import io.rillflow.annotations.Aggregate;
import io.rillflow.annotations.Apply;
import io.rillflow.annotations.Handle;
import io.rillflow.events.EventEnvelope;
import java.time.Instant;
import java.util.List;

/**
 * A counter: the mutable aggregate style. {@code @Handle} methods read the state and decide the events;
 * {@code @Apply} methods change the fields. The processor generates {@code CounterRepository}.
 */
@Aggregate("counter")
public final class Counter {
    private long value;
    private Instant changedAt;

    /** The current value. */
    public long value() {
        return value;
    }

    /** When the last event happened, or null for a new counter. */
    public Instant changedAt() {
        return changedAt;
    }

    @Handle
    List<Object> increment(CounterCommand.Increment command) {
        if (command.by() < 1) {
            throw new IllegalArgumentException("An increment is 1 or more, was " + command.by());
        }
        return List.of(new CounterEvent.Incremented(command.by()));
    }

    @Handle
    List<Object> decrement(CounterCommand.Decrement command) {
        if (command.by() > value) {
            throw new IllegalStateException("Cannot take " + command.by() + " from " + value);
        }
        return List.of(new CounterEvent.Decremented(command.by()));
    }

    @Handle
    List<Object> reset(CounterCommand.Reset command) {
        return value == 0 ? List.of() : List.of(new CounterEvent.WasReset(value));
    }

    /** Runs only at the version the command states: the generated repository checks it before calling this. */
    @Handle
    List<Object> resetSeen(CounterCommand.ResetSeen command) {
        return value == 0 ? List.of() : List.of(new CounterEvent.WasReset(value));
    }

    @Apply
    void on(CounterEvent.Incremented event, EventEnvelope meta) {
        value += event.by();
        changedAt = meta.createdAt();
    }

    @Apply
    void on(CounterEvent.Decremented event, EventEnvelope meta) {
        value -= event.by();
        changedAt = meta.createdAt();
    }

    @Apply
    void on(CounterEvent.WasReset event, EventEnvelope meta) {
        value = 0;
        changedAt = meta.createdAt();
    }
}
