package io.rillflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.events.Event;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.projections.ProjectionContext;
import io.rillflow.projections.ProjectionHandler;
import io.rillflow.testing.LogCapture;
import io.rillflow.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code explainSlowQueries}: a slow SELECT's log line carries its plan, with the values it ran with. */
class SlowQueryExplainTest {
    record Note(String text) {}

    @Test
    void aSlowSelectIsLoggedWithItsPlanAndOtherStatementsWithout() {
        try (Store store = TestDatabase.storeBuilder(getClass())
                        .slowQueryThreshold(Duration.ofNanos(1))
                        .explainSlowQueries(true)
                        .build();
                LogCapture log = LogCapture.attach()) {
            UUID id = UUID.randomUUID();
            store.documents(Note.class, UUID.class).put(id, new Note("hello"));
            assertThat(store.documents(Note.class, UUID.class).get(id)).isPresent();

            List<LogCapture.Line> selects = log.containing("Slow statement").stream()
                    .filter(l -> l.message().contains("EXPLAIN:"))
                    .filter(l -> l.message().contains("rf_doc_note"))
                    .toList();
            assertThat(selects).isNotEmpty();
            String line = selects.get(selects.size() - 1).message();
            assertThat(line).contains("where id = ?");
            assertThat(line.substring(line.indexOf("EXPLAIN:")))
                    .contains("Index Scan using rf_doc_note_pkey")
                    .contains(id.toString())
                    .doesNotContain("actual time");
            assertThat(log.containing("Slow statement"))
                    .filteredOn(l -> l.message().startsWith("Slow statement")
                            && l.message().contains("insert into"))
                    .allSatisfy(l -> assertThat(l.message()).doesNotContain("EXPLAIN:"));
        }
    }

    @Test
    void anExplainInsideATransactionLeavesItUsable() {
        try (Store store = TestDatabase.storeBuilder(getClass())
                        .slowQueryThreshold(Duration.ofNanos(1))
                        .explainSlowQueries(true)
                        .build();
                LogCapture log = LogCapture.attach()) {
            AtomicInteger applied = new AtomicInteger();
            store.projections().register(new ProjectionHandler() {
                @Override
                public String name() {
                    return "explained";
                }

                @Override
                public void apply(EventEnvelope event, ProjectionContext context) {
                    applied.incrementAndGet();
                }
            });
            store.events()
                    .append(
                            UUID.randomUUID(),
                            Expected.any(),
                            List.of(Event.of("A", Map.of()), Event.of("B", Map.of())));
            // A batch reads the log and writes the checkpoint in one transaction: its SELECTs are explained under a
            // savepoint, and the batch still commits.
            store.projections().runUntilIdle();
            assertThat(applied).hasValue(2);
            assertThat(store.projections().status("explained").lagEvents()).isZero();
            assertThat(log.containing("EXPLAIN:")).isNotEmpty();
        }
    }

    @Test
    void withoutExplainTheLineHasNoPlan() {
        try (Store store = TestDatabase.storeBuilder(getClass())
                        .slowQueryThreshold(Duration.ofNanos(1))
                        .build();
                LogCapture log = LogCapture.attach()) {
            store.documents(Note.class, UUID.class).get(UUID.randomUUID());
            assertThat(log.containing("Slow statement")).isNotEmpty();
            assertThat(log.containing("EXPLAIN:")).isEmpty();
        }
    }
}
