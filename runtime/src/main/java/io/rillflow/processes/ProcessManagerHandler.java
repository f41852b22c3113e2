package io.rillflow.processes;

import io.rillflow.events.EventEnvelope;
import java.util.List;
import java.util.Set;

/**
 * A workflow that reacts to events with commands. The runner calls {@link #on} for each event of the declared classes,
 * in global order, and dispatches what it returns through the command bus, each command with an idempotency key made
 * of the {@link #name()}, the event's position and the command's index in the returned list.
 *
 * <p>{@link #on} may be called more than once for the same event (after a crash, a lost lease or a retry): it must
 * return the same commands in the same order each time, so the keys match and nothing is applied twice. Compute the
 * commands from the event alone (and data that does not change), not from the clock or a random source.
 *
 * <p>The annotation processor generates one from a {@code @ProcessManager} class; one may also be written by hand
 * and registered with {@code store.processManagers().register(handler)}.
 */
public interface ProcessManagerHandler {
    /** The name: lower-case letters, digits and underscores, starting with a letter, at most 63 characters. */
    String name();

    /** The event classes this process manager reacts to; the runner reads only these. */
    Set<Class<?>> eventClasses();

    /**
     * The command classes the {@code @On} methods declare, checked at registration: each must be handled by an
     * aggregate of the store. Empty (the default) when they are not known.
     */
    default Set<Class<?>> commandTypes() {
        return Set.of();
    }

    /**
     * The commands to send in reaction to {@code event}; empty for none.
     *
     * @throws Exception to fail the event: it is retried with backoff and finally dead-lettered, like a projection's
     */
    List<? extends Dispatch<?>> on(EventEnvelope event) throws Exception;
}
