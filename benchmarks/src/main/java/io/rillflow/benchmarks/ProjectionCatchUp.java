package io.rillflow.benchmarks;

import io.rillflow.benchmarks.Model.ItemAdded;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.projections.ProjectionContext;
import io.rillflow.projections.ProjectionHandler;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Case 5: a projection catching up over {@value #EVENTS} stored events, from checkpoint 0 to the head, on one
 * thread; figures are events per second. Both sides read the log in global order in batches of {@value #BATCH} and
 * apply each event with one {@code insert} into a read-model table, committing the batch with its checkpoint.
 *
 * <ul>
 *   <li>{@code rillflowCatchUp}: {@code store.projections().runUntilIdle()} with a {@link ProjectionHandler} doing
 *       the insert through {@code context.connection()}: lease, row lock, final-position check, envelopes, fencing.
 *   <li>{@code rawCatchUp}: the bound: a hand-written loop that selects the next batch after its checkpoint (same
 *       columns), inserts each row with one prepared statement, updates its checkpoint row and commits.
 * </ul>
 *
 * The raw loop has none of the daemon's guarantees (it would skip events committed out of order, and two copies
 * would apply events twice); it is the floor of the work itself.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(1)
public class ProjectionCatchUp {
    /** Events in the log; the 1M-event target takes about ten times as long to load and to catch up over. */
    static final int EVENTS = 100_000;

    static final int BATCH = 500;

    /** The log, the two read-model tables and the raw loop's checkpoint; both emptied before every catch-up. */
    @State(Scope.Benchmark)
    public static class Log {
        String schema;
        String rawRead;
        String rawWrite;
        String rawCheckpoint;

        @Setup(Level.Trial)
        public void load(BenchDatabase db) throws SQLException {
            schema = db.store.schemaName();
            try (Connection c = db.pool.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("create table " + schema + ".bench_read (global_seq bigint primary key, type text not null)");
                s.execute("create table " + schema + ".raw_read (global_seq bigint primary key, type text not null)");
                s.execute(
                        "create table " + schema + ".raw_checkpoint (name text primary key, last_seq bigint not null)");
                s.execute("insert into " + schema + ".raw_checkpoint values ('raw', 0)");
            }
            for (int appended = 0; appended < EVENTS; appended += 1_000) {
                UUID stream = UUID.randomUUID();
                List<ItemAdded> events = new ArrayList<>(1_000);
                for (int i = 0; i < 1_000; i++) {
                    events.add(Model.item(stream, i));
                }
                db.events.append(stream, Expected.noStream(), events);
            }
            db.store.projections().register(new Inserting(schema));
            rawRead = "select global_seq, stream_id, stream_seq, type, type_version, data::text, headers::text,"
                    + " causation_id, correlation_id, created_at from " + schema + ".rf_events"
                    + " where global_seq > ? order by global_seq limit " + BATCH;
            rawWrite = "insert into " + schema + ".raw_read (global_seq, type) values (?, ?)";
            rawCheckpoint = "update " + schema + ".raw_checkpoint set last_seq = ? where name = 'raw'";
            try (Connection c = db.pool.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("vacuum analyze " + schema + ".rf_events");
                s.execute("checkpoint");
            }
        }

        @Setup(Level.Invocation)
        public void reset(BenchDatabase db) throws SQLException {
            try (Connection c = db.pool.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("truncate " + schema + ".bench_read, " + schema + ".raw_read");
                s.execute("update " + schema + ".raw_checkpoint set last_seq = 0");
            }
            db.store.projections().resetCheckpoint(Inserting.NAME, 0);
        }
    }

    /** The projection: one insert per event into the read model. */
    static final class Inserting implements ProjectionHandler {
        static final String NAME = "bench_read";
        private final String insert;

        Inserting(String schema) {
            this.insert = "insert into " + schema + ".bench_read (global_seq, type) values (?, ?)";
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public void apply(EventEnvelope event, ProjectionContext context) throws SQLException {
            try (PreparedStatement p = context.connection().prepareStatement(insert)) {
                p.setLong(1, event.globalSeq());
                p.setString(2, event.type());
                p.executeUpdate();
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void rillflowCatchUp(BenchDatabase db, Log log) {
        db.store.projections().runUntilIdle();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long rawCatchUp(BenchDatabase db, Log log) throws SQLException {
        long checkpoint = 0;
        try (Connection c = db.pool.getConnection()) {
            c.setAutoCommit(false);
            while (true) {
                int read = 0;
                try (PreparedStatement select = c.prepareStatement(log.rawRead);
                        PreparedStatement write = c.prepareStatement(log.rawWrite)) {
                    select.setLong(1, checkpoint);
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            checkpoint = rs.getLong(1);
                            write.setLong(1, checkpoint);
                            write.setString(2, rs.getString(4));
                            write.executeUpdate();
                            read++;
                        }
                    }
                }
                try (PreparedStatement p = c.prepareStatement(log.rawCheckpoint)) {
                    p.setLong(1, checkpoint);
                    p.executeUpdate();
                }
                c.commit();
                if (read < BATCH) {
                    c.setAutoCommit(true);
                    return checkpoint;
                }
            }
        }
    }
}
