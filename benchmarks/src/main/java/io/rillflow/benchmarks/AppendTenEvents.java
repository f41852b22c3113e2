package io.rillflow.benchmarks;

import io.rillflow.benchmarks.Model.ItemAdded;
import io.rillflow.events.Expected;
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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Case 3: appends of 10 events with the version checked, on 8 threads, each thread on a stream of its own (a new one
 * every iteration). Rillflow's {@code append(stream, Expected.exact(v), tenEvents)} against the raw optimistic
 * append (update the stream row where the version matches, insert the 10 rows as one JDBC batch, commit). Figures
 * are events per second (10 per append).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(8)
public class AppendTenEvents {
    static final int EVENTS = 10;

    @State(Scope.Thread)
    public static class ThreadStream {
        UUID stream;
        long version;
        List<ItemAdded> events;

        @Setup(Level.Iteration)
        public void newStream() {
            stream = UUID.randomUUID();
            version = 0;
            events = new ArrayList<>(EVENTS);
            for (int i = 0; i < EVENTS; i++) {
                events.add(Model.item(stream, i));
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long rillflowAppend10(BenchDatabase db, ThreadStream s) {
        s.version =
                db.events.append(s.stream, Expected.exact(s.version), s.events).streamVersion();
        return s.version;
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long rawOptimisticAppend10(BenchDatabase db, ThreadStream s) throws SQLException {
        s.version = RawAppend.optimistic(db, s.stream, s.version, s.events);
        return s.version;
    }
}
