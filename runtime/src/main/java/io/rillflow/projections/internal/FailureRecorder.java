package io.rillflow.projections.internal;

import io.rillflow.events.EventEnvelope;
import io.rillflow.projections.FailurePolicy;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.projections.TickResult.Outcome;
import io.rillflow.tracing.internal.TracePoints;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * What a failed event does to its projection: the attempt is counted under the projection's row lock, and the event is
 * retried after a backoff, dead-lettered (the checkpoint moving past it) or the projection stopped, as
 * {@link ProjectionOptions#maxAttempts()} and {@link ProjectionOptions#failurePolicy()} say. Only the node still
 * holding the lease, at the checkpoint the failed batch started from, records it.
 */
final class FailureRecorder {
    private final ProjectionEngine engine;

    FailureRecorder(ProjectionEngine engine) {
        this.engine = engine;
    }

    /** Counts the failure of the event at the head of the batch; retries later, dead-letters it or stops. */
    Outcome record(String name, long token, ProjectionEngine.Attempt failed) {
        ProjectionStatements sql = engine.statements();
        ProjectionOptions options = engine.options();
        EventEnvelope event = failed.event();
        String error = ProjectionEngine.describe(failed.error());
        return engine.inTransaction(sql.failure, c -> {
            ProjectionEngine.Locked locked = engine.lock(c, name);
            if (!options.nodeId().equals(locked.holder())
                    || locked.token() != token
                    || locked.checkpoint() != failed.checkpoint()) {
                return Outcome.LEASED_ELSEWHERE;
            }
            int attempts = locked.attempts() + 1;
            boolean last = attempts >= options.maxAttempts();
            Outcome outcome;
            long checkpoint = locked.checkpoint();
            if (!last) {
                outcome = Outcome.FAILED;
            } else if (options.failurePolicy() == FailurePolicy.DEAD_LETTER) {
                deadLetter(c, sql, name, event, error, attempts);
                checkpoint = event.globalSeq();
                attempts = 0;
                outcome = Outcome.DEAD_LETTERED;
            } else {
                outcome = Outcome.STOPPED;
            }
            try (PreparedStatement p = c.prepareStatement(sql.failure)) {
                p.setLong(1, checkpoint);
                p.setInt(2, attempts);
                p.setBoolean(3, outcome == Outcome.STOPPED);
                p.setBoolean(4, outcome != Outcome.FAILED);
                p.setLong(5, options.backoffAfter(attempts).toMillis());
                p.setString(6, error);
                p.setString(7, name);
                p.setString(8, options.nodeId());
                p.setLong(9, token);
                if (p.executeUpdate() != 1) {
                    c.rollback();
                    return Outcome.LEASED_ELSEWHERE;
                }
            }
            c.commit();
            if (outcome == Outcome.DEAD_LETTERED) {
                engine.database().metrics().projection(name).deadLettered();
            }
            TracePoints.projectionFailed(engine.tracing(), name, event, outcome(outcome), locked.attempts() + 1, error);
            String previous = BatchApplier.asTenant(failed.tenant());
            try {
                HandlerFailures.logged(name, event, locked.attempts() + 1, outcome, error);
            } finally {
                BatchApplier.restore(previous);
            }
            return outcome;
        });
    }

    private static void deadLetter(
            Connection c, ProjectionStatements sql, String name, EventEnvelope event, String error, int attempts)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql.deadLetter)) {
            p.setString(1, name);
            p.setLong(2, event.globalSeq());
            p.setObject(3, event.streamId());
            p.setLong(4, event.streamSeq());
            p.setString(5, event.type());
            p.setString(6, error);
            p.setInt(7, attempts);
            p.executeUpdate();
        }
    }

    private static String outcome(Outcome outcome) {
        return switch (outcome) {
            case DEAD_LETTERED -> "dead-lettered";
            case STOPPED -> "stopped";
            default -> "failed";
        };
    }
}
