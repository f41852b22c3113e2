package io.rillflow.benchmarks;

import io.rillflow.aggregates.CommandContext;
import io.rillflow.benchmarks.Model.ItemAdded;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * Command execution: load an aggregate, decide, append with the loaded version checked.
 *
 * <ul>
 *   <li>{@code rillflowExecute}: {@code repository.execute(id, new AddItem(...), ctx)} on the {@link BenchCart}.
 *   <li>{@code rawLoadDecideAppend}: the same by hand with pgjdbc: read the stream's rows from {@code raw_events},
 *       decode and fold them, build the event, and append it with the three-round-trip optimistic append.
 * </ul>
 *
 * Each thread works on a cart of its own and starts a new one every {@value #COMMANDS_PER_CART} commands, so streams
 * stay short (as command-handling streams are) and the figure is not dominated by ever longer loads. Figures are
 * commands per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(1)
public class AggregateExecute {
    static final int COMMANDS_PER_CART = 10;

    private static final BenchCart.AddItem COMMAND = new BenchCart.AddItem("SKU-1", 2, new BigDecimal("19.90"));

    /** The repository, shared by the threads like an application's. */
    @State(Scope.Benchmark)
    public static class Carts {
        BenchCart.Repository repository;

        @Setup
        public void open(BenchDatabase db) {
            repository = new BenchCart.Repository(db.store);
        }
    }

    /** The thread's current cart and how many commands it has had. */
    @State(Scope.Thread)
    public static class ThreadCart {
        UUID cart = UUID.randomUUID();
        int commands;

        UUID next() {
            if (commands++ == COMMANDS_PER_CART) {
                cart = UUID.randomUUID();
                commands = 1;
            }
            return cart;
        }
    }

    @Benchmark
    public long rillflowExecute(Carts carts, ThreadCart thread) {
        return carts.repository
                .execute(thread.next(), COMMAND, CommandContext.empty())
                .version();
    }

    @Benchmark
    public long rawLoadDecideAppend(BenchDatabase db, ThreadCart thread) throws SQLException {
        UUID cart = thread.next();
        BenchCart state = new BenchCart();
        long version = 0;
        try (Connection c = db.pool.getConnection();
                PreparedStatement p = c.prepareStatement(db.rawReadStream)) {
            p.setObject(1, cart);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    version = rs.getLong(1);
                    state.on(db.mapper.readValue(rs.getString(2), ItemAdded.class));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<Object> events = state.add(COMMAND, cart);
        return RawAppend.optimistic(db, cart, version, events);
    }
}
