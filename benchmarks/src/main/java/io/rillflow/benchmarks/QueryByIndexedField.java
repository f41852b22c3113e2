package io.rillflow.benchmarks;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
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
 * Case 6: the customer with a given e-mail, out of {@value BenchDatabase#PRELOADED_DOCS}, through the generated
 * metamodel ({@code query().where(Customer_.email.eq(email)).list()}) against a hand-written select on the same
 * expression index, decoded by the same Jackson mapper. Both use the {@code @Index} on e-mail (one index scan, one
 * round trip). Figures are queries (= documents) per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class QueryByIndexedField {

    @Benchmark
    @Threads(1)
    public List<Customer> rillflow1Thread(BenchDatabase db) {
        return rillflow(db);
    }

    @Benchmark
    @Threads(1)
    public List<Customer> raw1Thread(BenchDatabase db) throws SQLException, IOException {
        return raw(db);
    }

    @Benchmark
    @Threads(8)
    public List<Customer> rillflow8Threads(BenchDatabase db) {
        return rillflow(db);
    }

    @Benchmark
    @Threads(8)
    public List<Customer> raw8Threads(BenchDatabase db) throws SQLException, IOException {
        return raw(db);
    }

    private static String randomEmail() {
        return "customer" + ThreadLocalRandom.current().nextInt(BenchDatabase.PRELOADED_DOCS) + "@example.com";
    }

    private static List<Customer> rillflow(BenchDatabase db) {
        return db.customers.query().where(Customer_.email.eq(randomEmail())).list();
    }

    private static List<Customer> raw(BenchDatabase db) throws SQLException, IOException {
        try (Connection c = db.pool.getConnection();
                PreparedStatement p = c.prepareStatement(db.rawByEmail)) {
            p.setString(1, randomEmail());
            try (ResultSet rs = p.executeQuery()) {
                List<Customer> found = new ArrayList<>();
                while (rs.next()) {
                    found.add(db.mapper.readValue(rs.getString(1), Customer.class));
                }
                return found;
            }
        }
    }
}
