package io.rillflow.embedded;

/** The embedded PostgreSQL server could not be started; the message names the data directory and the cause. */
public final class EmbeddedPostgresException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EmbeddedPostgresException(String message, Throwable cause) {
        super(message, cause);
    }
}
