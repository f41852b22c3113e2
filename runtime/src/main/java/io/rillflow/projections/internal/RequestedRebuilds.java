package io.rillflow.projections.internal;

import io.rillflow.projections.ProjectionHandler;
import io.rillflow.projections.ProjectionLeaseException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds requested in the database ({@code rebuild_requested_at}, set by {@code store.admin()} from a process that
 * has no handler), performed by a node that has the handler before its tick: the one holding the projection's lease,
 * or any node when no lease is held. A node that finds the lease held elsewhere leaves the request to the holder. The
 * requests of inline projections, which no daemon runs, are the {@link InlineRebuildWatcher}'s.
 */
final class RequestedRebuilds {
    private static final Logger LOG = LoggerFactory.getLogger(RequestedRebuilds.class);

    private final ProjectionEngine engine;
    private final ProjectionAdmin admin;

    RequestedRebuilds(ProjectionEngine engine, ProjectionAdmin admin) {
        this.engine = engine;
        this.admin = admin;
    }

    /** Rebuilds the projection if a rebuild of it is pending and this node may take its lease; true if it did. */
    boolean performIfRequested(ProjectionHandler handler) {
        String name = handler.name();
        OffsetDateTime requested = requestedAt(name);
        if (requested == null) {
            return false;
        }
        try {
            admin.rebuild(handler);
        } catch (ProjectionLeaseException e) {
            return false; // the holder of the lease performs it at its own next tick
        } catch (RuntimeException e) {
            // The tick fails with it, so no event is applied to a read model the operator asked to clear.
            LOG.warn(
                    "The rebuild of projection {} requested at {} failed and is retried at the next tick (withdraw it"
                            + " with: rillflow projections rebuild {} --cancel): {}",
                    name,
                    requested,
                    name,
                    e.toString());
            throw e;
        }
        LOG.info("Rebuilt projection {} as requested at {}; it replays the log from position 0", name, requested);
        return true;
    }

    private OffsetDateTime requestedAt(String name) {
        String statement = engine.statements().rebuildRequested;
        return engine.database().withConnection(statement, c -> {
            try (PreparedStatement p = c.prepareStatement(statement)) {
                p.setString(1, name);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? rs.getObject(1, OffsetDateTime.class) : null;
                }
            }
        });
    }
}
