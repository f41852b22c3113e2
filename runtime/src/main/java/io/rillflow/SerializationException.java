package io.rillflow;

/**
 * A value could not be turned into JSON, or stored JSON could not be read as the requested Java type. The message
 * names the document or event and the type; stored data is unchanged.
 */
public final class SerializationException extends RillflowException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with Jackson's error as its cause. */
    public SerializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
