package io.rillflow.benchmarks;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Case 1: a document by primary key, decoded into a record, out of {@value BenchDatabase#PRELOADED_DOCS} stored
 * ones picked at random. Rillflow's {@code get} against a hand-written select of the same JSON from a table of the
 * same shape, decoded by the same Jackson mapper. One round trip each; figures are documents per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class GetById {

    @Benchmark
    @Threads(1)
    public Customer rillflow1Thread(BenchDatabase db) {
        return rillflow(db);
    }

    @Benchmark
    @Threads(1)
    public Customer raw1Thread(BenchDatabase db) throws SQLException, IOException {
        return raw(db);
    }

    @Benchmark
    @Threads(8)
    public Customer rillflow8Threads(BenchDatabase db) {
        return rillflow(db);
    }

    @Benchmark
    @Threads(8)
    public Customer raw8Threads(BenchDatabase db) throws SQLException, IOException {
        return raw(db);
    }

    private static Customer rillflow(BenchDatabase db) {
        return db.customers.get(db.randomPreloadedId()).orElseThrow().value();
    }

    private static Customer raw(BenchDatabase db) throws SQLException, IOException {
        UUID id = db.randomPreloadedId();
        try (Connection c = db.pool.getConnection();
                PreparedStatement p = c.prepareStatement(db.rawGet)) {
            p.setObject(1, id);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("No document " + id);
                }
                return db.mapper.readValue(rs.getString(1), Customer.class);
            }
        }
    }
}
