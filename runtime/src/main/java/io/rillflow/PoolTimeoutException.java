package io.rillflow;

import java.time.Duration;

/**
 * No pooled connection became free within {@link StoreBuilder#connectTimeout}: every connection was busy, or the
 * server could not be reached. The message gives the pool's size and how many connections were active, idle and
 * awaited at that moment, and what the call was about to do; no statement of that call ran.
 */
public class PoolTimeoutException extends DatabaseTimeoutException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for a wait of {@code limit} that ended without a connection. */
    public PoolTimeoutException(String message, Duration limit, Throwable cause) {
        super(message, "connectTimeout", limit, cause);
    }
}
