package io.rillflow.events.internal;

import io.rillflow.events.EventEnvelope;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Work done inside an append's own transaction, after its events are inserted: inline projections. An append whose
 * event types the hook does not want runs as before, in one round trip without an explicit transaction.
 */
public interface AppendHook {
    /** No work: every append is one statement in auto-commit. */
    AppendHook NONE = new AppendHook() {
        @Override
        public boolean wants(String[] typeNames) {
            return false;
        }

        @Override
        public void appended(Connection connection, List<EventEnvelope> events) {}
    };

    /** Whether an append of events with these type names needs the hook. */
    boolean wants(String[] typeNames);

    /**
     * Called in the append's transaction with the appended events, in order. Throwing rolls the append back; the
     * exception reaches the caller of {@code append}.
     */
    void appended(Connection connection, List<EventEnvelope> events) throws SQLException;
}
