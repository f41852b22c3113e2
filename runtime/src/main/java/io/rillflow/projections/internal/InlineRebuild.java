package io.rillflow.projections.internal;

import io.rillflow.RillflowException;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.internal.LogReader;
import io.rillflow.projections.ProjectionHandler;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The rebuild of an {@code INLINE} projection: with appends held off (a table lock that also waits for appends in
 * flight), calls its rebuild hook and applies every stored event of its types to it, in one transaction that also
 * clears a pending rebuild request. Appends wait for the rebuild to finish, then apply the projection inline again.
 *
 * <p>The lock conflicts with itself, so two nodes that both saw the same request rebuild one after the other; the
 * second then finds the request cleared by the first and leaves the read model alone ({@link #runIfRequested}).
 */
final class InlineRebuild {
    private final ProjectionEngine engine;
    private final ProjectionStatements sql;

    InlineRebuild(ProjectionEngine engine) {
        this.engine = engine;
        this.sql = engine.statements();
    }

    /** Rebuilds the projection now. */
    void run(ProjectionHandler handler, List<String> types) {
        rebuild(handler, types, false);
    }

    /**
     * Rebuilds the projection if a rebuild of it is still pending once appends are held off; false if none was (another
     * node performed it meanwhile, or it was withdrawn).
     */
    boolean runIfRequested(ProjectionHandler handler, List<String> types) {
        return rebuild(handler, types, true);
    }

    private boolean rebuild(ProjectionHandler handler, List<String> types, boolean onlyIfRequested) {
        String name = handler.name();
        return engine.inTransaction(sql.lockEvents, c -> {
            try (Statement s = c.createStatement()) {
                s.execute(sql.lockEvents);
            }
            // Read under the lock: a rebuild that committed before it was granted has cleared the request already.
            if (onlyIfRequested && !requested(c, name)) {
                return false;
            }
            BatchApplier applier = engine.applier(handler, c);
            applier.rebuild();
            long position = replay(c, name, applier, types);
            try (PreparedStatement p = c.prepareStatement(sql.inlineRebuilt)) {
                p.setLong(1, position);
                p.setString(2, name);
                p.executeUpdate();
            } catch (SQLException e) {
                throw HandlerFailures.afterHandler(name, sql.inlineRebuilt, e);
            }
            c.commit();
            return true;
        });
    }

    /** Applies every stored event of {@code types} in log order; returns the last one's position (0 if none). */
    private long replay(Connection c, String name, BatchApplier applier, List<String> types) {
        long position = 0;
        while (true) {
            // Nothing is in flight under the lock: every event there is, is committed and visible.
            LogReader.Batch batch;
            try {
                batch = engine.reader()
                        .read(c, position, Long.MAX_VALUE, engine.options().batchSize(), types);
            } catch (SQLException e) {
                throw HandlerFailures.afterHandler(name, "reading the log to rebuild " + name, e);
            }
            for (int i = 0; i < batch.events().size(); i++) {
                EventEnvelope event = batch.events().get(i);
                try {
                    applier.apply(batch, i);
                } catch (Exception e) {
                    throw new RillflowException(
                            "Inline projection " + name + " failed on " + event + " during its rebuild, so the"
                                    + " rebuild was rolled back and nothing changed: " + ProjectionEngine.describe(e),
                            e);
                }
                position = event.globalSeq();
            }
            if (!batch.full(engine.options().batchSize())) {
                return position;
            }
        }
    }

    private boolean requested(Connection c, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql.rebuildRequested)) {
            p.setString(1, name);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() && rs.getObject(1) != null;
            }
        }
    }
}
