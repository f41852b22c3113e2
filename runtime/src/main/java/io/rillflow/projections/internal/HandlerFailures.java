package io.rillflow.projections.internal;

import io.rillflow.RillflowException;
import io.rillflow.events.EventEnvelope;
import io.rillflow.internal.SqlErrors;
import io.rillflow.projections.ProjectionContext;
import io.rillflow.projections.ProjectionHandler;
import io.rillflow.projections.TickResult.Outcome;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a handler's failure the handler's. Our own statements run in the same transaction as the user's SQL, so an
 * error raised by theirs would otherwise surface wrapped in the context of ours: a failing {@code @Rebuild} read as a
 * failed checkpoint update. Failures are reported with the projection's name, the hook that failed and PostgreSQL's
 * own message (which names the user's relation and position), never with our statement.
 */
final class HandlerFailures {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectionEngine.class);
    /** PostgreSQL's "current transaction is aborted, commands ignored until end of transaction block". */
    private static final String TRANSACTION_ABORTED = "25P02";

    private HandlerFailures() {}

    /** Runs the rebuild hook of {@code handler}; whatever it throws becomes an exception naming the hook. */
    static void rebuild(ProjectionHandler handler, ProjectionContext context) {
        try {
            handler.rebuild(context);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new RillflowException(
                    "The rebuild hook of projection " + handler.name()
                            + " failed, so the rebuild was rolled back and nothing changed: "
                            + ProjectionEngine.describe(e),
                    e);
        }
    }

    /**
     * The exception for {@code e}, thrown by one of our statements right after the handler of {@code projection} ran
     * in the same transaction: if the handler caught an error of its own SQL, PostgreSQL refuses every later
     * statement, and the failure is the handler's. Otherwise {@code e} is ours, reported with {@code statement}.
     */
    static RillflowException afterHandler(String projection, String statement, SQLException e) {
        if (TRANSACTION_ABORTED.equals(SqlErrors.sqlState(e))) {
            return new RillflowException(
                    "Projection " + projection + " left its transaction aborted: a statement of its handler failed"
                            + " and the handler caught the error, so PostgreSQL refuses every later statement and the"
                            + " work was rolled back. Let the error propagate, or run the statement that may fail"
                            + " under a savepoint",
                    e);
        }
        return SqlErrors.translate(statement, e);
    }

    /**
     * Logs the recorded failure of {@code projection}'s handler on {@code event}: the status keeps only the last
     * error, the log keeps them all, under the MDC keys of the tick.
     */
    static void logged(String projection, EventEnvelope event, int attempt, Outcome outcome, String error) {
        String next =
                switch (outcome) {
                    case DEAD_LETTERED -> "dead-lettered, the projection goes on";
                    case STOPPED -> "the projection paused itself at this event until it is resumed";
                    default -> "retried after a backoff";
                };
        LOG.warn(
                "Projection {} failed on event {} ({}), attempt {}: {}; {}",
                projection,
                event.globalSeq(),
                event.type(),
                attempt,
                error,
                next);
    }
}
