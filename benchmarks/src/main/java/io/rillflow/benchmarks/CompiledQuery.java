package io.rillflow.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rillflow.documents.DocumentCollection;
import io.rillflow.spi.CompiledQuerySupport;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
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
 * Case 5: one document found by an indexed field ({@code email}) out of {@value Listings#LISTINGS}, three ways in one
 * run: the compiled query method ({@code ListingQueries.findByEmail}, SQL rendered at build time), the same query
 * built with the runtime DSL on every call ({@code where(Listing_.email.eq(..)).optional()}), and hand-written JDBC
 * sending the very statement the compiled query sends, decoded by the same mapper. Figures are queries per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(1)
public class CompiledQuery {

    /** The listings table, the compiled queries and the raw peer's statement, on the run's store. */
    @State(Scope.Benchmark)
    public static class Listings {
        static final int LISTINGS = 10_000;

        ListingQueries queries;
        DocumentCollection<Listing, ?> collection;
        DataSource pool;
        ObjectMapper mapper;
        String rawSql;

        @Setup(Level.Trial)
        public void setUp(BenchDatabase db) throws SQLException {
            queries = db.store.queries(ListingQueries.class);
            collection = db.store.documents(Listing.class);
            pool = db.pool;
            mapper = db.mapper;
            rawSql = CompiledQuerySupport.of(collection)
                    .statement("raw", ListingQueries_Impl.FIND_BY_EMAIL)
                    .sql();
            Map<UUID, Listing> listings = new LinkedHashMap<>();
            for (int i = 0; i < LISTINGS; i++) {
                UUID id = UUID.randomUUID();
                listings.put(
                        id,
                        new Listing(
                                id,
                                email(i),
                                i % 2 == 0 ? "Berlin" : "Hamburg",
                                1 + i % 5,
                                new BigDecimal(700 + i % 900),
                                List.of("balcony", i % 3 == 0 ? "garden" : "lift")));
            }
            new ListingRepository(db.store).bulkInsert(listings.values());
            try (Connection c = pool.getConnection();
                    Statement st = c.createStatement()) {
                st.execute(
                        "vacuum analyze " + "\"" + db.store.schemaName() + "\".\"rf_doc_" + collection.name() + "\"");
            }
        }

        static String email(int n) {
            return "agent" + n + "@example.com";
        }

        static String randomEmail() {
            return email(ThreadLocalRandom.current().nextInt(LISTINGS));
        }
    }

    @Benchmark
    public Optional<Listing> compiled(Listings listings) {
        return listings.queries.findByEmail(Listings.randomEmail());
    }

    @Benchmark
    public Optional<Listing> runtimeDsl(Listings listings) {
        return listings.collection
                .query()
                .where(Listing_.email.eq(Listings.randomEmail()))
                .optional();
    }

    @Benchmark
    public Optional<Listing> rawJdbc(Listings listings) throws SQLException, IOException {
        try (Connection c = listings.pool.getConnection();
                PreparedStatement p = c.prepareStatement(listings.rawSql)) {
            p.setString(1, Listings.randomEmail());
            try (ResultSet rs = p.executeQuery()) {
                return rs.next()
                        ? Optional.of(listings.mapper.readValue(rs.getString(1), Listing.class))
                        : Optional.empty();
            }
        }
    }
}
