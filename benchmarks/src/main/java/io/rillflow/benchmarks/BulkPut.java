package io.rillflow.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * Overwriting {@value #BATCH} existing documents in one operation, on one thread; figures are documents per second.
 * Every operation overwrites a random window of {@value #BATCH} of the preloaded documents with new bodies.
 *
 * <ul>
 *   <li>{@code rillflowBulkPut}: {@code customers.bulkPut(map)}: one {@code insert ... select from unnest(...) on
 *       conflict do update} of the 1,000 rows, auto-commit.
 *   <li>{@code rillflowSinglePuts}: the same with 1,000 {@code customers.put(id, doc)} calls, each its own commit.
 *   <li>{@code rawBatchedUpsert}: the bound: Jackson and one JDBC batch of 1,000 {@code insert ... on conflict do
 *       update} rows into {@code raw_docs} (same shape, GIN index included), committed once.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(1)
public class BulkPut {
    static final int BATCH = 1_000;

    /** New bodies for a random window of preloaded ids, built outside the measured time. */
    @State(Scope.Thread)
    public static class Batch {
        Map<UUID, Customer> docs;
        private int round;

        @Setup(Level.Invocation)
        public void next(BenchDatabase db) {
            round++;
            int start = (round * 7919) % (db.preloadedIds.length - BATCH);
            docs = new LinkedHashMap<>(BATCH * 2);
            for (int i = 0; i < BATCH; i++) {
                UUID id = db.preloadedIds[start + i];
                docs.put(id, Model.customer(id, round * BATCH + i));
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int rillflowBulkPut(BenchDatabase db, Batch b) {
        return db.customers.bulkPut(b.docs).size();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long rillflowSinglePuts(BenchDatabase db, Batch b) {
        long sum = 0;
        for (Map.Entry<UUID, Customer> e : b.docs.entrySet()) {
            sum += db.customers.put(e.getKey(), e.getValue());
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int rawBatchedUpsert(BenchDatabase db, Batch b) throws SQLException {
        try (Connection c = db.pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement(db.rawUpsertDoc)) {
                for (Map.Entry<UUID, Customer> e : b.docs.entrySet()) {
                    p.setObject(1, e.getKey());
                    p.setString(2, db.json(e.getValue()));
                    p.addBatch();
                }
                int rows = p.executeBatch().length;
                c.commit();
                return rows;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }
}
