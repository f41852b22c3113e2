package io.rillflow;

/**
 * The root of the exceptions a correct call can still run into: the database, stored data, other writers, hostile
 * identifiers. All are unchecked; each subclass names the bad value and what was expected, and a failed call never
 * leaves partial writes behind.
 *
 * <p>A call that is wrong in itself (an undeclared type, an argument out of range, an inconsistent builder, a call
 * in the wrong state) throws {@link IllegalArgumentException} or {@link IllegalStateException} instead, as the JDK
 * does: those are bugs to fix, not conditions to handle.
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
