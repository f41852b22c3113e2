package io.rillflow;

import java.time.Duration;
import java.util.Objects;

/**
 * A call gave up because a time limit of the store ran out: a statement ran longer than its statement timeout, waited
 * longer than its lock timeout for a row or table another transaction held, or (as {@link PoolTimeoutException})
 * waited longer than the connect timeout for a pooled connection. Nothing the call would have written was kept.
 *
 * <p>{@link #setting()} names the {@link StoreBuilder} setting that set the limit, so a caller who expects such waits
 * can raise it, and one who does not can look for the transaction that held the lock.
 */
public class DatabaseTimeoutException extends RillflowException {
    private static final long serialVersionUID = 1L;

    private final String setting;
    private final Duration limit;

    /** Creates the exception for the limit {@code setting} of {@code limit} that ran out. */
    public DatabaseTimeoutException(String message, String setting, Duration limit, Throwable cause) {
        super(message, cause);
        this.setting = Objects.requireNonNull(setting, "setting");
        this.limit = limit;
    }

    /**
     * The setting that limited the wait, as its {@link StoreBuilder} method is named ({@code statementTimeout},
     * {@code lockTimeout}, {@code backgroundStatementTimeout}, {@code backgroundLockTimeout},
     * {@code connectTimeout}), or the PostgreSQL parameter ({@code statement_timeout}, {@code lock_timeout}) when the
     * limit came from an application's own data source.
     */
    public String setting() {
        return setting;
    }

    /** The limit that ran out, or null when it came from outside the store (an application's data source). */
    public Duration limit() {
        return limit;
    }
}
