package io.rillflow.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Many threads recording into one sink while others read it: nothing lost within the bounds, bounds kept beyond. */
class TraceConcurrencyTest {
    private static final int THREADS = 16;
    private static final int PER_THREAD = 2_000;

    @Test
    void withinTheBoundsEveryBreadcrumbIsKeptOnceInItsTraceAndInEachThreadsOrder() throws Exception {
        int traces = 40;
        Tracing tracing = Tracing.inMemory(new TraceOptions(traces, THREADS * PER_THREAD / traces));

        runConcurrently(tracing, traces);

        assertThat(tracing.traceIds()).hasSize(traces);
        Set<String> seen = new HashSet<>();
        for (String id : tracing.traceIds()) {
            Trace trace = tracing.trace(id).orElseThrow();
            assertThat(trace.dropped()).isZero();
            assertThat(trace.breadcrumbs()).hasSize(THREADS * PER_THREAD / traces);
            assertWellFormed(trace);
            for (Breadcrumb breadcrumb : trace.breadcrumbs()) {
                assertThat(seen.add(breadcrumb.data().get("thread") + "/"
                                + breadcrumb.data().get("n")))
                        .as("recorded once: %s", breadcrumb)
                        .isTrue();
            }
        }
        assertThat(seen).hasSize(THREADS * PER_THREAD);
    }

    @Test
    void beyondTheBoundsTheSinkNeverHoldsMoreThanItsLimits() throws Exception {
        Tracing tracing = Tracing.inMemory(new TraceOptions(10, 50));

        runConcurrently(tracing, 100);

        List<String> ids = tracing.traceIds();
        assertThat(ids).hasSize(10);
        for (String id : ids) {
            Trace trace = tracing.trace(id).orElseThrow();
            assertThat(trace.breadcrumbs()).hasSizeLessThanOrEqualTo(50);
            assertWellFormed(trace);
        }
    }

    /** Every thread records PER_THREAD breadcrumbs spread over {@code traces} traces while a reader renders them. */
    private static void runConcurrently(Tracing tracing, int traces) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
        try {
            CountDownLatch start = new CountDownLatch(1);
            AtomicBoolean writing = new AtomicBoolean(true);
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int n = 0; n < PER_THREAD; n++) {
                        String trace = "trace-" + ((thread * PER_THREAD + n) % traces);
                        tracing.record(trace, "step", "thread " + thread, Map.of("thread", thread, "n", n));
                    }
                    return null;
                }));
            }
            Future<Integer> reader = pool.submit(() -> {
                start.await();
                int reads = 0;
                while (writing.get()) {
                    for (String id : tracing.traceIds()) {
                        tracing.trace(id).ifPresent(trace -> {
                            assertWellFormed(trace);
                            assertThat(MermaidDiagram.render(trace)).startsWith("sequenceDiagram\n");
                        });
                        reads++;
                    }
                }
                return reads;
            });
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get();
            }
            writing.set(false);
            reader.get();
        } finally {
            pool.shutdownNow();
        }
    }

    /** One trace id throughout, sequence numbers rising, and each thread's own breadcrumbs in its order. */
    private static void assertWellFormed(Trace trace) {
        long sequence = 0;
        int[] lastN = new int[THREADS];
        Arrays.fill(lastN, -1);
        for (Breadcrumb breadcrumb : trace.breadcrumbs()) {
            assertThat(breadcrumb.traceId()).isEqualTo(trace.id());
            assertThat(breadcrumb.sequence()).isGreaterThan(sequence);
            sequence = breadcrumb.sequence();
            int thread = Integer.parseInt(breadcrumb.data().get("thread"));
            int n = Integer.parseInt(breadcrumb.data().get("n"));
            assertThat(breadcrumb.component()).isEqualTo("thread " + thread);
            assertThat(n).isGreaterThan(lastN[thread]);
            lastN[thread] = n;
        }
    }
}
