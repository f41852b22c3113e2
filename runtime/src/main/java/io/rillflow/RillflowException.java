package io.rillflow;

/**
 * The root of every exception Rillflow throws. All are unchecked; each subclass names the bad value and what was
 * expected, and a failed call never leaves partial writes behind.
 */
public class RillflowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message that says what went wrong and, where it helps, how to fix it. */
    public RillflowException(String message) {
        super(message);
    }

    /** Creates an exception that keeps its cause, typically the driver's {@link java.sql.SQLException}. */
    public RillflowException(String message, Throwable cause) {
        super(message, cause);
    }
}
