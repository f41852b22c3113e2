package io.rillflow.benchmarks;

import io.rillflow.documents.DocumentCollection;
import io.rillflow.documents.DocumentDefinition;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
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
 * What keeping history costs a write, on one thread: the same {@code Customer} documents with the same indexes, in
 * {@code rf_doc_customer} (no history) and in {@code rf_doc_audited_customer} ({@code withHistory()}: a row trigger
 * adds each version to {@code rf_doc_audited_customer_history}). Both tables hold the same 10,000 preloaded documents;
 * every operation overwrites random ones with new bodies.
 *
 * <ul>
 *   <li>{@code putPlain} / {@code putWithHistory}: one {@code put(id, doc)}, its own commit; puts/s.
 *   <li>{@code bulkPutPlain} / {@code bulkPutWithHistory}: one {@code bulkPut} of {@value #BATCH} documents; docs/s.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(1)
public class PutWithHistory {
    static final int BATCH = 1_000;

    /** The audited copy of the customers, preloaded with the same documents. */
    @State(Scope.Benchmark)
    public static class Audited {
        DocumentCollection<Customer, UUID> customers;

        @Setup(Level.Trial)
        public void open(BenchDatabase db) throws SQLException {
            customers = db.store.documents(new DocumentDefinition<>(
                            "audited_customer", Customer.class, UUID.class, CustomerRepository.DEFINITION.indexes())
                    .withHistory());
            Map<UUID, Customer> docs = new LinkedHashMap<>();
            for (int i = 0; i < db.preloadedIds.length; i++) {
                docs.put(db.preloadedIds[i], Model.customer(db.preloadedIds[i], i));
            }
            customers.bulkInsert(docs);
            try (Connection c = db.pool.getConnection();
                    Statement st = c.createStatement()) {
                st.execute("vacuum analyze " + db.store.schemaName() + ".rf_doc_audited_customer");
                st.execute("vacuum analyze " + db.store.schemaName() + ".rf_doc_audited_customer_history");
                st.execute("checkpoint");
            }
        }
    }

    /** A new body for a random preloaded id. */
    @State(Scope.Thread)
    public static class One {
        UUID id;
        Customer doc;
        private int round;

        @Setup(Level.Invocation)
        public void next(BenchDatabase db) {
            round++;
            id = db.randomPreloadedId();
            doc = Model.customer(id, round);
        }
    }

    /** New bodies for a random window of {@value #BATCH} preloaded ids. */
    @State(Scope.Thread)
    public static class Window {
        Map<UUID, Customer> docs;
        private int round;

        @Setup(Level.Invocation)
        public void next(BenchDatabase db) {
            round++;
            int start = ThreadLocalRandom.current().nextInt(db.preloadedIds.length - BATCH);
            docs = new LinkedHashMap<>(BATCH * 2);
            for (int i = 0; i < BATCH; i++) {
                UUID id = db.preloadedIds[start + i];
                docs.put(id, Model.customer(id, round * BATCH + i));
            }
        }
    }

    @Benchmark
    public long putPlain(BenchDatabase db, One change) {
        return db.customers.put(change.id, change.doc);
    }

    @Benchmark
    public long putWithHistory(Audited audited, One change) {
        return audited.customers.put(change.id, change.doc);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int bulkPutPlain(BenchDatabase db, Window window) {
        return db.customers.bulkPut(window.docs).size();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int bulkPutWithHistory(Audited audited, Window window) {
        return audited.customers.bulkPut(window.docs).size();
    }
}
