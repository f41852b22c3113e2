package io.rillflow.benchmarks;

import io.rillflow.benchmarks.Model.ItemAdded;
import io.rillflow.events.Expected;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 * Case 4: loading {@value #BATCH} new rows in one operation, on one thread; figures are rows (documents or events)
 * per second. Every operation encodes its rows with Jackson and commits once.
 *
 * <ul>
 *   <li>{@code rillflowBulkInsertDocs}: {@code documents(Customer).bulkInsert(map)} (COPY inside Rillflow).
 *   <li>{@code rawCopyDocs}: the bound: the same rows by COPY into {@code raw_docs}, a table of the same shape as
 *       {@code rf_doc_customer}, GIN index included.
 *   <li>{@code rawCopyDocsNoGin}: for information: the same COPY into a table with only the primary key, to show
 *       what the default GIN index on document bodies costs.
 *   <li>{@code rillflowAppend1000Events}: Rillflow has no separate bulk-append API; the bulk path for events is one
 *       {@code append} of {@value #BATCH} events to a new stream ({@code Expected.noStream()}).
 *   <li>{@code rawCopyEvents}: its bound: the same {@value #BATCH} event rows by COPY into {@code raw_events}.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(1)
public class BulkLoad {
    static final int BATCH = 1_000;

    /** A fresh batch for every operation: new document ids, a new stream. Built outside the measured time. */
    @State(Scope.Thread)
    public static class Batch {
        Map<UUID, Customer> docs;
        UUID stream;
        List<ItemAdded> events;
        private int round;

        @Setup(Level.Invocation)
        public void next() {
            round++;
            docs = new LinkedHashMap<>(BATCH * 2);
            for (int i = 0; i < BATCH; i++) {
                UUID id = UUID.randomUUID();
                docs.put(id, Model.customer(id, round * BATCH + i));
            }
            stream = UUID.randomUUID();
            events = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                events.add(Model.item(stream, i));
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long rillflowBulkInsertDocs(BenchDatabase db, Batch b) {
        return db.customers.bulkInsert(b.docs);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long rawCopyDocs(BenchDatabase db, Batch b) throws SQLException {
        try (Connection c = db.pool.getConnection()) {
            return db.copyDocs(c, db.rawCopyDocs, b.docs);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long rawCopyDocsNoGin(BenchDatabase db, Batch b) throws SQLException {
        try (Connection c = db.pool.getConnection()) {
            return db.copyDocs(c, db.rawCopyDocsPlain, b.docs);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long rillflowAppend1000Events(BenchDatabase db, Batch b) {
        return db.events.append(b.stream, Expected.noStream(), b.events).streamVersion();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long rawCopyEvents(BenchDatabase db, Batch b) throws SQLException {
        StringBuilder rows = new StringBuilder(BATCH * 200);
        String stream = b.stream.toString();
        for (int i = 0; i < BATCH; i++) {
            rows.append(stream).append('\t').append(i + 1).append("\titem_added\t1\t");
            BenchDatabase.appendCopyEscaped(rows, db.json(b.events.get(i)));
            rows.append('\n');
        }
        try (Connection c = db.pool.getConnection()) {
            return BenchDatabase.copy(c, db.rawCopyEvents, rows);
        }
    }
}
