package io.rillflow.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * The store's statement and lock timeouts, for the two classes of work: interactive calls (a get, a put, an append)
 * and background work (projection batches, subscription fetches) that holds one transaction over a long batch.
 * {@link Duration#ZERO} means no limit, as it does for PostgreSQL.
 *
 * <p>The interactive limits are the connections' own defaults, sent in the startup packet ({@link #startupOptions}),
 * so an interactive call pays no round trip for them. Background transactions override them with {@code SET LOCAL},
 * one round trip per batch. With an application's own data source the store cannot set the defaults; then
 * {@code interactiveOnConnection} is false, interactive calls run with whatever that pool gives them, and a timeout
 * names the PostgreSQL parameter instead of a builder setting.
 *
 * @param statement the interactive {@code statement_timeout}
 * @param lock the interactive {@code lock_timeout}
 * @param backgroundStatement the {@code statement_timeout} of background transactions
 * @param backgroundLock the {@code lock_timeout} of background transactions
 * @param interactiveOnConnection whether the store's own pool applies the interactive limits
 */
public record Timeouts(
        Duration statement,
        Duration lock,
        Duration backgroundStatement,
        Duration backgroundLock,
        boolean interactiveOnConnection) {
    /** The defaults the builder documents. */
    public static final Duration STATEMENT = Duration.ofSeconds(30);

    public static final Duration LOCK = Duration.ofSeconds(5);
    public static final Duration BACKGROUND_STATEMENT = Duration.ofMinutes(10);
    public static final Duration BACKGROUND_LOCK = Duration.ofMinutes(1);

    public Timeouts {
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(lock, "lock");
        Objects.requireNonNull(backgroundStatement, "backgroundStatement");
        Objects.requireNonNull(backgroundLock, "backgroundLock");
    }

    /** The documented defaults, with the interactive limits applied by the store's pool when {@code onConnection}. */
    public static Timeouts defaults(boolean onConnection) {
        return new Timeouts(STATEMENT, LOCK, BACKGROUND_STATEMENT, BACKGROUND_LOCK, onConnection);
    }

    /** The pgjdbc {@code options} property that makes these interactive limits every session's default. */
    public static String startupOptions(Duration statement, Duration lock) {
        return "-c statement_timeout=" + statement.toMillis() + " -c lock_timeout=" + lock.toMillis();
    }

    /** The limit a SQLSTATE reports as run out, and the setting that set it; null for other states. */
    Limit ranOut(String sqlState, boolean background) {
        if ("57014".equals(sqlState)) {
            return background
                    ? new Limit("backgroundStatementTimeout", "statement_timeout", backgroundStatement)
                    : interactive("statementTimeout", "statement_timeout", statement);
        }
        if ("55P03".equals(sqlState)) {
            return background
                    ? new Limit("backgroundLockTimeout", "lock_timeout", backgroundLock)
                    : interactive("lockTimeout", "lock_timeout", lock);
        }
        return null;
    }

    private Limit interactive(String setting, String parameter, Duration value) {
        return interactiveOnConnection ? new Limit(setting, parameter, value) : new Limit(parameter, parameter, null);
    }

    /** One limit: the setting to raise, the PostgreSQL parameter behind it, and its value if the store set it. */
    record Limit(String setting, String parameter, Duration value) {}
}
