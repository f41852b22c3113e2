package io.rillflow.events.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.ConcurrencyException;
import io.rillflow.IdempotencyConflictException;
import io.rillflow.Store;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.AppendResult;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.EventStore;
import io.rillflow.events.Expected;
import io.rillflow.events.StreamInfo;
import io.rillflow.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The three ways an append is written (one statement, COPY, the server-side function) behave the same: every
 * expectation is checked, a conflict writes nothing, and events read back exactly as written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppendRoutesTest {
    /** Sizes that take the one-statement route (1, several) and the COPY route. */
    private static final int COPY = AppendWriter.COPY_THRESHOLD;

    record Noted(int n, String text) {}

    private Store store;
    private EventStore events;

    @BeforeAll
    void open() {
        store = TestDatabase.storeBuilder(getClass())
                .eventType("Noted", Noted.class)
                .build();
        events = store.events();
    }

    @AfterAll
    void close() {
        store.close();
    }

    private static List<Noted> batch(int size, int from) {
        // Tabs, newlines, backslashes, quotes and non-ASCII text: COPY's text format must escape all of them.
        return IntStream.range(from, from + size)
                .mapToObj(i -> new Noted(i, "line\t" + i + "\nback\\slash \"q\" ünïcødé 🚀"))
                .toList();
    }

    private List<Noted> read(UUID stream) {
        return events.readStream(stream).stream().map(e -> e.as(Noted.class)).toList();
    }

    private List<Long> seqs(UUID stream) {
        return events.readStream(stream).stream().map(EventEnvelope::streamSeq).toList();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, COPY, COPY + 57})
    void everyExpectationIsCheckedOnEveryRoute(int size) {
        UUID stream = UUID.randomUUID();
        assertThatThrownBy(() -> events.append(stream, Expected.exact(3), batch(size, 0)))
                .isInstanceOfSatisfying(
                        ConcurrencyException.class, e -> assertThat(e.actual()).isZero());
        assertThatThrownBy(() -> events.append(stream, Expected.streamExists(), batch(size, 0)))
                .isInstanceOf(ConcurrencyException.class);
        assertThat(events.stream(stream)).isEmpty();

        AppendResult first = events.append(stream, Expected.noStream(), batch(size, 0));
        assertThat(first.streamVersion()).isEqualTo(size);
        assertThat(first.lastGlobalSeq() - first.firstGlobalSeq()).isEqualTo(size - 1L);
        assertThatThrownBy(() -> events.append(stream, Expected.noStream(), batch(size, 0)))
                .isInstanceOfSatisfying(
                        ConcurrencyException.class, e -> assertThat(e.actual()).isEqualTo(size));
        assertThatThrownBy(() -> events.append(stream, Expected.exact(size - 1L), batch(size, 0)))
                .isInstanceOf(ConcurrencyException.class);

        assertThat(events.append(stream, Expected.exact(size), batch(size, size))
                        .streamVersion())
                .isEqualTo(2L * size);
        assertThat(events.append(stream, Expected.streamExists(), batch(size, 2 * size))
                        .streamVersion())
                .isEqualTo(3L * size);
        assertThat(events.append(stream, Expected.any(), batch(size, 3 * size)).streamVersion())
                .isEqualTo(4L * size);

        assertThat(read(stream)).isEqualTo(batch(4 * size, 0));
        assertThat(seqs(stream))
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, 4L * size).boxed().toList());
        assertThat(events.stream(stream).orElseThrow().version()).isEqualTo(4L * size);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, COPY})
    void anyCreatesAMissingStream(int size) {
        UUID stream = UUID.randomUUID();
        assertThat(events.append(stream, Expected.any(), batch(size, 0)).streamVersion())
                .isEqualTo(size);
        assertThat(read(stream)).isEqualTo(batch(size, 0));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, COPY})
    void metadataIsStoredOnEveryEventOfEveryRoute(int size) {
        UUID stream = UUID.randomUUID();
        UUID causation = UUID.randomUUID();
        UUID correlation = UUID.randomUUID();
        events.appendWith(
                stream,
                Expected.noStream(),
                batch(size, 0),
                new AppendOptions(Map.of("user", "ada\t\\"), causation, correlation));
        assertThat(events.readStream(stream)).hasSize(size).allSatisfy(e -> {
            assertThat(e.headers().get("user").asText()).isEqualTo("ada\t\\");
            assertThat(e.causationId()).isEqualTo(causation);
            assertThat(e.correlationId()).isEqualTo(correlation);
            assertThat(e.type()).isEqualTo("Noted");
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {1, COPY})
    void idempotencyKeyAndStreamLockWorkOnLargeAndSmallAppends(int size) {
        UUID stream = UUID.randomUUID();
        events.builder(stream)
                .expected(Expected.noStream())
                .idempotencyKey("k-1")
                .lockStream()
                .pushAll(batch(size, 0))
                .send();
        assertThatThrownBy(() -> events.builder(stream)
                        .expected(Expected.any())
                        .idempotencyKey("k-1")
                        .pushAll(batch(size, size))
                        .send())
                .isInstanceOf(IdempotencyConflictException.class);
        assertThat(events.stream(stream).orElseThrow().version()).isEqualTo(size);

        // A conflict after the key was taken rolls the key back with everything else.
        assertThatThrownBy(() -> events.builder(stream)
                        .expected(Expected.exact(size + 5L))
                        .idempotencyKey("k-2")
                        .pushAll(batch(size, size))
                        .send())
                .isInstanceOf(ConcurrencyException.class);
        events.builder(stream)
                .expected(Expected.exact(size))
                .idempotencyKey("k-2")
                .pushAll(batch(size, size))
                .send();
        assertThat(read(stream)).isEqualTo(batch(2 * size, 0));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, COPY})
    void concurrentWritersOnOneStreamNeverLoseOrDoubleAVersion(int size) throws Exception {
        UUID stream = UUID.randomUUID();
        int threads = 6;
        int wins = size == 1 ? 60 : 8;
        AtomicInteger written = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Integer>> writers = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                writers.add(() -> {
                    int conflicts = 0;
                    while (written.get() < wins) {
                        long version =
                                events.stream(stream).map(StreamInfo::version).orElse(0L);
                        try {
                            events.append(stream, Expected.exact(version), batch(size, (int) version));
                            written.incrementAndGet();
                        } catch (ConcurrencyException e) {
                            conflicts++;
                        }
                    }
                    return conflicts;
                });
            }
            for (Future<Integer> f : pool.invokeAll(writers)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long total = (long) written.get() * size;
        assertThat(events.stream(stream).orElseThrow().version()).isEqualTo(total);
        assertThat(seqs(stream))
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, total).boxed().toList());
        // Each winner wrote the batch that starts at the version it saw, so the stream reads as one sequence.
        assertThat(read(stream)).isEqualTo(batch((int) total, 0));
    }
}
