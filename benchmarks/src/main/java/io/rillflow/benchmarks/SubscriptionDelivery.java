package io.rillflow.benchmarks;

import io.rillflow.benchmarks.Model.ItemAdded;
import io.rillflow.events.Expected;
import io.rillflow.subscriptions.SubscriptionFilter;
import io.rillflow.subscriptions.SubscriptionHandle;
import io.rillflow.subscriptions.SubscriptionOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Subscription delivery throughput over {@value #EVENTS} stored events (50 streams), one worker, events per second.
 *
 * <ul>
 *   <li>{@code rillflowDelivery}: a pull worker of a subscription ({@code poll(500, ...)}, automatic
 *       acknowledgement) reads its group's 16 slots from checkpoint 0 to the head: leases, final-position check,
 *       in-flight accounting, envelopes, a checkpoint per slot and batch.
 *   <li>{@code rawPoll}: the bound: a hand-written loop selecting the next 500 rows after its checkpoint (same
 *       columns) and updating a checkpoint row per batch.
 * </ul>
 *
 * The raw loop would skip events committed out of order and cannot share work between workers; it is the floor.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(1)
public class SubscriptionDelivery {
    static final int EVENTS = 50_000;
    static final int BATCH = 500;

    /** The log, the subscription, and a fresh worker per invocation starting from checkpoint 0. */
    @State(Scope.Benchmark)
    public static class Log {
        String rawRead;
        String rawCheckpoint;
        SubscriptionHandle worker;

        @Setup(Level.Trial)
        public void load(BenchDatabase db) throws SQLException {
            String schema = db.store.schemaName();
            try (Connection c = db.pool.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("create table " + schema + ".raw_sub_checkpoint (name text primary key, last_seq bigint)");
                s.execute("insert into " + schema + ".raw_sub_checkpoint values ('raw', 0)");
            }
            for (int appended = 0; appended < EVENTS; appended += 1_000) {
                UUID stream = UUID.randomUUID();
                List<ItemAdded> events = new ArrayList<>(1_000);
                for (int i = 0; i < 1_000; i++) {
                    events.add(Model.item(stream, i));
                }
                db.events.append(stream, Expected.noStream(), events);
            }
            db.store.subscriptions().create("bench_delivery", SubscriptionFilter.all(), 0);
            rawRead = "select global_seq, stream_id, stream_seq, type, type_version, data::text, headers::text,"
                    + " causation_id, correlation_id, created_at from " + schema + ".rf_events"
                    + " where global_seq > ? order by global_seq limit " + BATCH;
            rawCheckpoint = "update " + schema + ".raw_sub_checkpoint set last_seq = ? where name = 'raw'";
            db.store.subscriptions().open("bench_delivery", options()).close(); // creates the group
        }

        @Setup(Level.Invocation)
        public void reset(BenchDatabase db) throws SQLException {
            try (Connection c = db.pool.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("update " + db.store.schemaName() + ".raw_sub_checkpoint set last_seq = 0");
            }
            db.store.subscriptions().reset("bench_delivery", "default", 0);
            worker = db.store.subscriptions().open("bench_delivery", options());
        }

        @TearDown(Level.Invocation)
        public void close() {
            worker.close();
        }

        private static SubscriptionOptions options() {
            return SubscriptionOptions.defaults().withBatchSize(BATCH).withWorkerId("bench");
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int rillflowDelivery(Log log) {
        int received = 0;
        while (received < EVENTS) {
            received += log.worker.poll(BATCH, Duration.ofSeconds(10)).size();
        }
        return received;
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long rawPoll(BenchDatabase db, Log log) throws SQLException {
        long checkpoint = 0;
        int received = 0;
        try (Connection c = db.pool.getConnection();
                PreparedStatement read = c.prepareStatement(log.rawRead);
                PreparedStatement write = c.prepareStatement(log.rawCheckpoint)) {
            while (received < EVENTS) {
                read.setLong(1, checkpoint);
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        checkpoint = rs.getLong(1);
                        rs.getString(6);
                        received++;
                    }
                }
                write.setLong(1, checkpoint);
                write.executeUpdate();
            }
        }
        return checkpoint;
    }
}
