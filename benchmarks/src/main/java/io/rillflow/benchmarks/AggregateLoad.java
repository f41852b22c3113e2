package io.rillflow.benchmarks;

import io.rillflow.benchmarks.Model.ItemAdded;
import io.rillflow.events.Expected;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loading an aggregate whose stream holds {@value #EVENTS} events.
 *
 * <ul>
 *   <li>{@code rillflowLoad}: {@code repository.load(id)}: read every event, upcast-check, decode, fold.
 *   <li>{@code rillflowLoadWithSnapshot}: {@code repository.loadWithSnapshot(id)} with a snapshot at the last
 *       version: read the snapshot, decode the state, read the (empty) tail.
 *   <li>{@code rawReadRows}: the bound for a fold: the same {@value #EVENTS} rows of {@code rf_events} read by hand
 *       with pgjdbc, each decoded with the same mapper and folded into the same state.
 * </ul>
 *
 * Figures are loads per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(1)
public class AggregateLoad {
    static final int EVENTS = 1_000;

    /** One cart of {@value #EVENTS} events, snapshotted at its last version. */
    @State(Scope.Benchmark)
    public static class LongCart {
        BenchCart.Repository repository;
        UUID cart;
        String readSql;

        @Setup
        public void fill(BenchDatabase db) {
            repository = new BenchCart.Repository(db.store);
            cart = UUID.randomUUID();
            List<Object> events = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                events.add(Model.item(cart, i));
            }
            repository.append(cart, Expected.noStream(), events);
            repository.snapshot(cart);
            readSql = "select data::text from " + db.store.schemaName() + ".rf_events"
                    + " where stream_id = ? and stream_seq >= 1 order by stream_seq";
        }
    }

    @Benchmark
    public long rillflowLoad(LongCart c) {
        return c.repository.load(c.cart).orElseThrow().items;
    }

    @Benchmark
    public long rillflowLoadWithSnapshot(LongCart c) {
        return c.repository.loadWithSnapshot(c.cart).orElseThrow().items;
    }

    @Benchmark
    public long rawReadRows(BenchDatabase db, LongCart c) throws SQLException {
        BenchCart state = new BenchCart();
        try (Connection connection = db.pool.getConnection();
                PreparedStatement p = connection.prepareStatement(c.readSql)) {
            p.setObject(1, c.cart);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    state.on(db.mapper.readValue(rs.getString(1), ItemAdded.class));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return state.items;
    }
}
