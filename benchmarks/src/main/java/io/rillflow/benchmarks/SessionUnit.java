package io.rillflow.benchmarks;

import io.rillflow.events.Expected;
import io.rillflow.sessions.DocumentSession;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A unit of work of {@value #DOCS} document writes and one event, on one thread; figures are units per second. Every
 * unit overwrites a random window of {@value #DOCS} preloaded documents with new bodies and starts a new stream with
 * one event.
 *
 * <ul>
 *   <li>{@code rillflowSession}: {@code store.openSession()}, {@value #DOCS} {@code session.store(doc)}, one
 *       {@code session.events().append(stream, Expected.noStream(), event)}, {@code saveChanges()}.
 *   <li>{@code rawBatchedUnit}: the bound: one connection, one transaction, a JDBC batch of {@value #DOCS}
 *       {@code insert ... on conflict do update} rows into {@code raw_docs}, the event inserted with the same version
 *       check Rillflow makes, one commit.
 *   <li>{@code rillflowSeparateWrites}: the same writes without a session: {@value #DOCS} {@code customers.put} and
 *       one {@code events().append}, each its own transaction.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(1)
public class SessionUnit {
    static final int DOCS = 10;

    /** The documents and the event of the next unit, built outside the measured time. */
    @State(Scope.Thread)
    public static class Unit {
        List<Customer> docs;
        UUID stream;
        Model.ItemAdded event;
        private int round;

        @Setup(Level.Invocation)
        public void next(BenchDatabase db) {
            round++;
            int start = (round * 7919) % (db.preloadedIds.length - DOCS);
            docs = new ArrayList<>(DOCS);
            for (int i = 0; i < DOCS; i++) {
                UUID id = db.preloadedIds[start + i];
                docs.add(Model.customer(id, round * DOCS + i));
            }
            stream = UUID.randomUUID();
            event = Model.item(stream, round);
        }
    }

    @Benchmark
    public boolean rillflowSession(BenchDatabase db, Unit u) {
        try (DocumentSession session = db.store.openSession()) {
            for (Customer doc : u.docs) {
                session.store(doc);
            }
            session.events().append(u.stream, Expected.noStream(), u.event);
            session.saveChanges();
            return session.hasChanges();
        }
    }

    @Benchmark
    public int rawBatchedUnit(BenchDatabase db, Unit u) throws SQLException {
        try (Connection c = db.pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                int rows;
                try (PreparedStatement p = c.prepareStatement(db.rawUpsertDoc)) {
                    for (Customer doc : u.docs) {
                        p.setObject(1, doc.id());
                        p.setString(2, db.json(doc));
                        p.addBatch();
                    }
                    rows = p.executeBatch().length;
                }
                try (PreparedStatement p = c.prepareStatement(db.rawCheckedInsert)) {
                    p.setObject(1, u.stream);
                    p.setLong(2, 1);
                    p.setString(3, "item_added");
                    p.setString(4, db.json(u.event));
                    p.setLong(5, 1);
                    p.setObject(6, u.stream);
                    p.setLong(7, 1);
                    rows += p.executeUpdate();
                }
                c.commit();
                return rows;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    @Benchmark
    public long rillflowSeparateWrites(BenchDatabase db, Unit u) {
        long sum = 0;
        for (Customer doc : u.docs) {
            sum += db.customers.put(doc.id(), doc);
        }
        return sum
                + db.events
                        .append(u.stream, Expected.noStream(), List.of(u.event))
                        .streamVersion();
    }
}
