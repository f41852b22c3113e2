package io.rillflow;

/**
 * A stored event's type name has no registered Java class (or a Java class was appended that has no registered
 * name). Register it with {@link io.rillflow.events.internal.EventTypes}, or read the event's raw JSON instead.
 */
public final class UnknownEventTypeException extends RillflowException {
    private static final long serialVersionUID = 1L;

    /** @param message names the unknown type and where it was met */
    public UnknownEventTypeException(String message) {
        super(message);
    }
}
