package io.rillflow.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.RillflowException;
import io.rillflow.Store;
import io.rillflow.annotations.ProjectionMode;
import io.rillflow.events.Event;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.testing.TestDatabase;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** INLINE projections: applied in the append's transaction, failing with it, rebuilt while appends wait. */
class InlineProjectionTest {
    /** A counting projection applied inline. */
    private static final class InlineCounting implements ProjectionHandler {
        private final CountingProjection counting;

        InlineCounting(CountingProjection counting) {
            this.counting = counting;
        }

        @Override
        public String name() {
            return counting.name();
        }

        @Override
        public ProjectionMode mode() {
            return ProjectionMode.INLINE;
        }

        @Override
        public Set<String> eventTypes() {
            return counting.eventTypes();
        }

        @Override
        public void apply(EventEnvelope event, ProjectionContext context) throws SQLException {
            counting.apply(event, context);
        }

        @Override
        public void rebuild(ProjectionContext context) throws SQLException {
            counting.rebuild(context);
        }
    }

    private Store store;
    private CountingProjection ticks;

    @BeforeEach
    void open() {
        store = TestDatabase.storeBuilder(getClass()).build();
        ticks = new CountingProjection(store, "inline_ticks", Set.of("Tick"));
        store.projections().register(new InlineCounting(ticks));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void appendAppliesItBeforeReturningAndOnlyForItsTypes() {
        long tick = append("Tick");
        long tock = append("Tock");

        assertThat(ticks.counts(store)).containsExactly(Map.entry(tick, 1));
        ProjectionStatus status = store.projections().status("inline_ticks");
        assertThat(status.checkpoint()).isEqualTo(tock);
        assertThat(status.lagEvents()).isZero();
        store.projections().runUntilIdle(); // the daemon leaves inline projections alone
        assertThat(ticks.counts(store)).containsExactly(Map.entry(tick, 1));
    }

    @Test
    void failingInlineProjectionRollsTheAppendBack() {
        long before = append("Tick");
        ticks.poison(e -> true);
        UUID stream = UUID.randomUUID();

        assertThatThrownBy(() -> store.events().append(stream, Expected.any(), List.of(Event.of("Tick", Map.of()))))
                .isInstanceOf(RillflowException.class)
                .hasMessageContaining("Inline projection inline_ticks failed")
                .hasMessageContaining("the append was rolled back");

        assertThat(store.events().readStream(stream)).isEmpty();
        assertThat(store.events().stream(stream)).isEmpty();
        assertThat(ticks.counts(store)).containsExactly(Map.entry(before, 1));
        ticks.poison(e -> false);
        store.events().append(UUID.randomUUID(), Expected.any(), List.of(Event.of("Tock", Map.of())));
    }

    @Test
    void daemonOnlyCallsAreRefusedForInlineProjections() {
        for (Runnable call : List.<Runnable>of(
                () -> store.projections().tickOnce("inline_ticks"),
                () -> store.projections().pause("inline_ticks"),
                () -> store.projections().resume("inline_ticks"),
                () -> store.projections().resetCheckpoint("inline_ticks", 0))) {
            assertThatThrownBy(call::run)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("inline_ticks is INLINE");
        }
        assertThat(store.projections().daemonNames()).isEmpty();
        assertThat(store.projections().names()).containsExactly("inline_ticks");
    }

    @Test
    void rebuildReplaysTheLogWhileConcurrentAppendsAreNeitherLostNorDoubled() throws Exception {
        for (int i = 0; i < 200; i++) {
            append("Tick");
        }
        CountingProjection.execute(store, "delete from \"" + store.schemaName() + "\".counted_inline_ticks");
        ExecutorService writers = Executors.newFixedThreadPool(4);
        AtomicBoolean writing = new AtomicBoolean(true);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                futures.add(writers.submit(() -> {
                    int n = 0;
                    while (writing.get()) {
                        append("Tick");
                        n++;
                    }
                    return n;
                }));
            }
            Thread.sleep(50);
            store.projections().rebuild("inline_ticks");
            Thread.sleep(50);
            writing.set(false);
            for (Future<Integer> f : futures) {
                f.get();
            }
        } finally {
            writers.shutdownNow();
        }
        Map<Long, Integer> expected = CountingProjection.events(store, Set.of("Tick")).keySet().stream()
                .collect(Collectors.toMap(seq -> seq, seq -> 1));
        assertThat(expected).hasSizeGreaterThan(200);
        assertThat(ticks.counts(store)).isEqualTo(expected);
    }

    private long append(String type) {
        return store.events()
                .append(UUID.randomUUID(), Expected.any(), List.of(Event.of(type, Map.of())))
                .lastGlobalSeq();
    }
}
