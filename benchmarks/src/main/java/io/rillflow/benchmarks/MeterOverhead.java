package io.rillflow.benchmarks;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rillflow.metrics.internal.MicrometerMetrics;
import io.rillflow.metrics.internal.StoreMetrics;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The metrics work one hot-path call does, without the database round trip that hides it in {@link MeteredStore}:
 * what a get by id adds to its statement (the statement timer and the read counter), with no registry (the default)
 * and with a Prometheus registry. Nanoseconds per call; needs no PostgreSQL.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class MeterOverhead {
    private static final String GET =
            "select data::text, version from \"public\".\"rf_doc_customer\"" + " where id = ? and deleted_at is null";

    private StoreMetrics none;
    private StoreMetrics.Documents noneDocuments;
    private StoreMetrics metered;
    private StoreMetrics.Documents meteredDocuments;

    @Setup
    public void setUp() {
        none = StoreMetrics.NONE;
        noneDocuments = none.documents("customer");
        metered = new MicrometerMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), null);
        meteredDocuments = metered.documents("customer");
    }

    @Benchmark
    public void getUnmetered() {
        get(none, noneDocuments);
    }

    @Benchmark
    public void getMetered() {
        get(metered, meteredDocuments);
    }

    /** What AttemptLog.execute and TableCollection.get do around the statement. */
    private static void get(StoreMetrics metrics, StoreMetrics.Documents documents) {
        if (metrics.timesStatements()) {
            long start = System.nanoTime();
            metrics.statement(GET, System.nanoTime() - start);
        }
        documents.read();
    }
}
