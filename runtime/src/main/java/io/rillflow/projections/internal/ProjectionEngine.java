package io.rillflow.projections.internal;

import io.rillflow.RillflowException;
import io.rillflow.documents.internal.DocumentTables;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.internal.LogReader;
import io.rillflow.internal.Database;
import io.rillflow.internal.ErrorText;
import io.rillflow.projections.ProjectionHandler;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.projections.TickResult;
import io.rillflow.projections.TickResult.Outcome;
import io.rillflow.store.internal.StoreContext;
import io.rillflow.tracing.Tracing;
import io.rillflow.tracing.internal.TracePoints;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One tick of one projection on this node: take or renew the lease, lock the projection's row, read a batch up to
 * the log's final position, apply it and move the checkpoint in the same transaction.
 *
 * <p>Exactly once rests on three things: the log reader never passes an event that could still appear (see
 * {@link LogReader}); the read model and the checkpoint commit in one transaction; and that transaction holds the
 * projection's row lock from reading the checkpoint to writing it, writing it only if this node's fencing token is
 * still current. Two nodes can therefore never apply the same batch, even when a lease expires mid-batch: the
 * checkpoint update of the node that lost the lease matches no row and its whole batch rolls back. What then happens
 * to an event that failed is {@link FailureRecorder}'s to decide.
 */
public final class ProjectionEngine {
    private static final int MAX_ERROR = 4000;

    private final Database database;
    private final ProjectionStatements sql;
    private final LogReader reader;
    private final ProjectionOptions options;
    private final DocumentTables documents;
    private final Tracing tracing;
    private final String schema;
    /** How a conjoined store's root applies each event as its tenant; null for any other store. */
    private final TenantRouting routing;
    /** The adaptive batch size of each projection that failed a batch lately (see {@link #batchSize}). */
    private final Map<String, Integer> batchSizes = new ConcurrentHashMap<>();

    private final FailureRecorder failures = new FailureRecorder(this);

    /** The state read under the row lock at the start of a batch. */
    record Locked(long checkpoint, long token, String holder, boolean paused, int attempts) {}

    /**
     * How a batch attempt ended: committed, or failed on the event at {@code failedAt}, appended by {@code tenant} (on
     * a conjoined root; else null).
     */
    record Attempt(
            Outcome outcome,
            int applied,
            boolean more,
            int failedAt,
            EventEnvelope event,
            String tenant,
            Throwable error,
            long checkpoint) {
        static Attempt ended(Outcome outcome) {
            return new Attempt(outcome, 0, false, -1, null, null, null, 0);
        }
    }

    /**
     * Created by the store, with one log reader its projections share, recording a breadcrumb of every event applied
     * or failed into the context's tracing.
     */
    public ProjectionEngine(StoreContext context, ProjectionOptions options) {
        this(context, options, null);
    }

    /**
     * As {@link #ProjectionEngine(StoreContext, ProjectionOptions)}, for the root store of a conjoined schema: it reads
     * every tenant's events and applies each as its tenant, as {@code routing} says.
     */
    public ProjectionEngine(StoreContext context, ProjectionOptions options, TenantRouting routing) {
        this.tracing = context.tracing();
        this.database = context.database();
        this.schema = context.schema();
        this.sql = new ProjectionStatements(schema);
        this.reader = routing == null
                ? new LogReader(database, schema, context.events())
                : LogReader.everyTenant(database, schema, context.events());
        this.options = options;
        this.documents = context.documents();
        this.routing = routing;
    }

    /** Applies events read on {@code connection} to {@code handler}, each as its tenant on a conjoined root. */
    BatchApplier applier(ProjectionHandler handler, Connection connection) {
        return new BatchApplier(handler, connection, documents, routing);
    }

    ProjectionStatements statements() {
        return sql;
    }

    /** The log reader every projection of this node shares. */
    public LogReader reader() {
        return reader;
    }

    Database database() {
        return database;
    }

    String schema() {
        return schema;
    }

    ProjectionOptions options() {
        return options;
    }

    DocumentTables documents() {
        return documents;
    }

    Tracing tracing() {
        return tracing;
    }

    /** Creates the projection's row if it has none yet. */
    public void ensure(String name) {
        database.withConnection(sql.ensure, c -> {
            try (PreparedStatement p = c.prepareStatement(sql.ensure)) {
                p.setString(1, name);
                return p.executeUpdate();
            }
        });
    }

    /** One tick: at most one batch applied, or one failure recorded. */
    public TickResult tick(ProjectionHandler handler, List<String> types) {
        return tick(handler, types, true);
    }

    /**
     * One tick, as {@link #tick(ProjectionHandler, List)}.
     *
     * @param takeFree whether to take the lease if no node holds it; if false, only a lease this node holds is renewed
     *     (the node holds its fair share already, see {@link LeaseShare})
     */
    TickResult tick(ProjectionHandler handler, List<String> types, boolean takeFree) {
        String name = handler.name();
        Outcome blocked = control(name);
        if (blocked != null) {
            return new TickResult(blocked, 0, false);
        }
        Long token = acquire(name, takeFree ? sql.acquire : sql.renew);
        database.metrics().projection(name).leaseHeld(token != null);
        if (token == null) {
            return new TickResult(Outcome.LEASED_ELSEWHERE, 0, false);
        }
        long upTo = reader.finalPosition();
        int size = batchSize(name);
        int limit = size;
        int applied = 0;
        while (true) {
            Attempt attempt;
            try {
                attempt = batch(handler, types, token, upTo, limit);
            } catch (RuntimeException e) {
                // The batch never committed (a killed connection, a timeout): a smaller one may fit where it did not.
                batchSizes.put(name, Math.max(1, limit / 2));
                throw e;
            }
            applied += attempt.applied();
            if (attempt.outcome() == Outcome.FAILED) {
                if (attempt.failedAt() == 0) {
                    return new TickResult(failures.record(name, token, attempt), applied, false);
                }
                // Commit the events before the failing one first; the next pass meets it at the head of a batch.
                limit = attempt.failedAt();
            } else if (attempt.outcome() == Outcome.PROCESSED && limit < size) {
                limit = size;
            } else {
                if (attempt.outcome() == Outcome.PROCESSED && size < options.batchSize()) {
                    batchSizes.put(name, Math.min(options.batchSize(), size * 2));
                }
                Outcome outcome =
                        attempt.outcome() == Outcome.PROCESSED && applied == 0 ? Outcome.IDLE : attempt.outcome();
                return new TickResult(outcome, applied, attempt.more());
            }
        }
    }

    /**
     * The events the next batch of {@code name} reads: {@link ProjectionOptions#batchSize()}, halved after each batch
     * that failed without committing and doubled back after each that committed. A batch that a periodic failure (a
     * connection killed every few seconds, a statement timeout) always cuts short would otherwise be retried whole
     * forever; one event at a time always fits between two failures that are not immediate.
     */
    int batchSize(String name) {
        return batchSizes.getOrDefault(name, options.batchSize());
    }

    private Outcome control(String name) {
        return database.withConnection(sql.control, c -> {
            try (PreparedStatement p = c.prepareStatement(sql.control)) {
                p.setString(1, name);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        throw new RillflowException("Projection " + name + " has no row in rf_projections: was it"
                                + " deleted by hand? Register the projection again to recreate it");
                    }
                    return rs.getBoolean(1) ? Outcome.PAUSED : rs.getBoolean(2) ? Outcome.BACKING_OFF : null;
                }
            }
        });
    }

    /** Takes or renews this node's lease; the fencing token, or null if another node holds it (or is mid-batch). */
    Long acquire(String name, boolean wait) {
        return acquire(name, wait ? sql.acquireWaiting : sql.acquire);
    }

    private Long acquire(String name, String statement) {
        return database.withConnection(statement, c -> {
            try (PreparedStatement p = c.prepareStatement(statement)) {
                p.setString(1, options.nodeId());
                p.setLong(2, options.leaseTtl().toMillis());
                p.setString(3, options.nodeId());
                p.setString(4, name);
                p.setString(5, options.nodeId());
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : null;
                }
            }
        });
    }

    /** Gives up this node's lease, so another node can take over at once. */
    void release(String name) {
        database.withConnection(sql.release, c -> {
            try (PreparedStatement p = c.prepareStatement(sql.release)) {
                p.setString(1, name);
                p.setString(2, options.nodeId());
                return p.executeUpdate();
            }
        });
        database.metrics().projection(name).leaseHeld(false);
    }

    private Attempt batch(ProjectionHandler handler, List<String> types, long token, long upTo, int limit) {
        String name = handler.name();
        return inTransaction(sql.lock, c -> {
            long start = System.nanoTime();
            Locked locked = lock(c, name);
            if (!options.nodeId().equals(locked.holder()) || locked.token() != token) {
                return Attempt.ended(Outcome.LEASED_ELSEWHERE);
            }
            if (locked.paused()) {
                return Attempt.ended(Outcome.PAUSED);
            }
            LogReader.Batch batch = reader.read(c, locked.checkpoint(), upTo, limit, types);
            BatchApplier applier = applier(handler, c);
            List<EventEnvelope> events = batch.events();
            for (int i = 0; i < events.size(); i++) {
                try {
                    applier.apply(batch, i);
                } catch (VirtualMachineError fatal) {
                    throw fatal;
                } catch (Exception | Error e) {
                    // An Error from a handler (an assertion, a linkage problem) is that event's failure like any
                    // exception: retried with backoff, then dead-lettered; only the JVM's own failures escape. A
                    // handler interrupted by a daemon closing is not the event's fault: the batch is simply retried.
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                    }
                    if (Thread.currentThread().isInterrupted()) {
                        throw new RillflowException(
                                "Projection " + name + " was interrupted while applying " + events.get(i)
                                        + "; the batch rolled back and will be retried",
                                e);
                    }
                    if (!c.isValid(1)) {
                        throw new RillflowException(
                                "Projection " + name + " lost its connection while applying " + events.get(i)
                                        + "; the batch rolled back and will be retried",
                                e);
                    }
                    c.rollback();
                    String tenant = routing == null ? null : batch.tenant(i);
                    return new Attempt(Outcome.FAILED, 0, false, i, events.get(i), tenant, e, locked.checkpoint());
                }
            }
            boolean written;
            try {
                written = writeCheckpoint(c, name, token, batch.nextCheckpoint());
            } catch (SQLException e) {
                throw HandlerFailures.afterHandler(name, sql.checkpoint, e);
            }
            if (!written) {
                c.rollback();
                return Attempt.ended(Outcome.LEASED_ELSEWHERE);
            }
            c.commit();
            long behind = Math.max(0, upTo - batch.nextCheckpoint());
            database.metrics().projection(name).batch(events.size(), System.nanoTime() - start, behind);
            database.metrics()
                    .projection(name)
                    .behindSince(
                            behind > 0 && !events.isEmpty()
                                    ? events.get(events.size() - 1).createdAt()
                                    : null);
            TracePoints.projected(tracing, name, events);
            return new Attempt(Outcome.PROCESSED, events.size(), batch.full(limit), -1, null, null, null, 0);
        });
    }

    /** Locks the projection's row for the rest of the transaction and reads its state. */
    Locked lock(Connection c, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql.lock)) {
            p.setString(1, name);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw new RillflowException("Projection " + name + " has no row in rf_projections");
                }
                return new Locked(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBoolean(4), rs.getInt(5));
            }
        }
    }

    private boolean writeCheckpoint(Connection c, String name, long token, long checkpoint) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql.checkpoint)) {
            p.setLong(1, checkpoint);
            p.setLong(2, options.leaseTtl().toMillis());
            p.setString(3, name);
            p.setString(4, options.nodeId());
            p.setLong(5, token);
            return p.executeUpdate() == 1;
        }
    }

    /** The exception's type and message (and its causes'), short enough to store. */
    static String describe(Throwable error) {
        return ErrorText.describe(error, MAX_ERROR);
    }

    /** A unit of work that commits or rolls back itself; rolled back here if it throws. */
    @FunctionalInterface
    interface TransactionWork<R> {
        R run(Connection connection) throws Exception;
    }

    /**
     * Runs {@code work} in a transaction under the background timeouts (a batch runs long); it commits or rolls back
     * itself, and whatever it leaves open is committed: a path that ends early has only read and locked.
     */
    <R> R inTransaction(String label, TransactionWork<R> work) {
        return database.inBackgroundTransaction(label, c -> {
            try {
                return work.run(c);
            } catch (SQLException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new RillflowException("Projection work failed: " + e.getMessage(), e);
            }
        });
    }
}
