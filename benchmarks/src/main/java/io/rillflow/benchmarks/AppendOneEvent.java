package io.rillflow.benchmarks;

import io.rillflow.benchmarks.Model.ItemAdded;
import io.rillflow.events.Expected;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Case 2: one event appended to a stream with its version checked, each commit durable, on one thread.
 *
 * <ul>
 *   <li>{@code rillflowAppend}: {@code events().append(stream, Expected.exact(v), List.of(event))}.
 *   <li>{@code rawInsertCommit}: the bound: one plain insert of the same row into {@code raw_events} in auto-commit
 *       mode (one round trip, one commit), with no version check at all.
 *   <li>{@code rawCheckedInsert}: for information: the version check Rillflow makes, hand-written as one SQL
 *       statement in auto-commit mode: insert the event if the one before it exists, the primary key refusing a
 *       position already taken. The floor for an insert-only checked append in one round trip.
 *   <li>{@code rawOptimisticAppend}: the naive hand-written optimistic append: update the stream row where the
 *       version matches, insert the event, commit (three round trips).
 * </ul>
 *
 * Each thread appends to a stream of its own, a new one every iteration. Figures are appends (= events) per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(1)
public class AppendOneEvent {

    /** One stream per thread, renewed every iteration, with the version the next append expects. */
    @State(Scope.Thread)
    public static class ThreadStream {
        UUID stream;
        long version;
        ItemAdded event;

        @Setup(Level.Iteration)
        public void newStream() {
            stream = UUID.randomUUID();
            version = 0;
            event = Model.item(stream, 1);
        }
    }

    @Benchmark
    public long rillflowAppend(BenchDatabase db, ThreadStream s) {
        s.version = db.events
                .append(s.stream, Expected.exact(s.version), List.of(s.event))
                .streamVersion();
        return s.version;
    }

    @Benchmark
    public long rawInsertCommit(BenchDatabase db, ThreadStream s) throws SQLException {
        String body = db.json(s.event);
        try (Connection c = db.pool.getConnection();
                PreparedStatement p = c.prepareStatement(db.rawInsertEvent)) {
            p.setObject(1, s.stream);
            p.setLong(2, ++s.version);
            p.setString(3, "item_added");
            p.setString(4, body);
            p.executeUpdate();
        }
        return s.version;
    }

    @Benchmark
    public long rawCheckedInsert(BenchDatabase db, ThreadStream s) throws SQLException {
        String body = db.json(s.event);
        long next = s.version + 1;
        try (Connection c = db.pool.getConnection();
                PreparedStatement p = c.prepareStatement(db.rawCheckedInsert)) {
            p.setObject(1, s.stream);
            p.setLong(2, next);
            p.setString(3, "item_added");
            p.setString(4, body);
            p.setLong(5, next);
            p.setObject(6, s.stream);
            p.setLong(7, next);
            if (p.executeUpdate() != 1) {
                throw new IllegalStateException("Stream " + s.stream + " is not at version " + s.version);
            }
        }
        s.version = next;
        return next;
    }

    @Benchmark
    public long rawOptimisticAppend(BenchDatabase db, ThreadStream s) throws SQLException {
        s.version = RawAppend.optimistic(db, s.stream, s.version, List.of(s.event));
        return s.version;
    }
}
