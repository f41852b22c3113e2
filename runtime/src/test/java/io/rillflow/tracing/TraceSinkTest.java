package io.rillflow.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The in-memory sink: order, bounds, eviction, the disabled sink and bad input. */
class TraceSinkTest {
    private static Map<String, Object> data(Object... keysAndValues) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            data.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return data;
    }

    @Test
    void breadcrumbsAreKeptPerTraceInTheOrderTheyWereRecorded() {
        Tracing tracing = Tracing.inMemory(TraceOptions.defaults());
        tracing.record("a", "command", "aggregate order", data("type", "Place"));
        tracing.record("b", "append", "event store", null);
        tracing.record("a", "append", "event store", data("events", 2, "version", 2L));

        List<Breadcrumb> a = tracing.breadcrumbs("a");
        assertThat(a).extracting(Breadcrumb::kind).containsExactly("command", "append");
        assertThat(a).extracting(Breadcrumb::traceId).containsOnly("a");
        assertThat(a.get(0).sequence()).isLessThan(a.get(1).sequence());
        assertThat(a.get(1).data()).containsExactly(Map.entry("events", "2"), Map.entry("version", "2"));
        assertThat(tracing.breadcrumbs("b")).singleElement().satisfies(b -> assertThat(b.data())
                .isEmpty());
        assertThat(tracing.breadcrumbs("unknown")).isEmpty();
        assertThat(tracing.traceIds()).containsExactly("b", "a");
    }

    @Test
    void valuesAreCapturedAsTextWhenRecorded() {
        Tracing tracing = Tracing.inMemory(TraceOptions.defaults());
        List<String> items = new ArrayList<>(List.of("tea"));
        tracing.record("t", "custom", "app", data("items", items));
        items.add("cup");

        assertThat(tracing.breadcrumbs("t").get(0).data()).containsEntry("items", "[tea]");
    }

    @Test
    void aTraceKeepsItsLatestBreadcrumbsAndCountsTheDroppedOnes() {
        Tracing tracing = Tracing.inMemory(TraceOptions.defaults().withMaxBreadcrumbsPerTrace(3));
        for (int i = 1; i <= 5; i++) {
            tracing.record("t", "step", "app", data("n", i));
        }

        Trace trace = tracing.trace("t").orElseThrow();
        assertThat(trace.breadcrumbs()).extracting(b -> b.data().get("n")).containsExactly("3", "4", "5");
        assertThat(trace.dropped()).isEqualTo(2);
        assertThat(tracing.mermaid("t")).contains("    Note over P1: 2 earlier breadcrumbs dropped\n");
    }

    @Test
    void theTraceRecordedIntoLeastRecentlyIsEvictedFirst() {
        Tracing tracing = Tracing.inMemory(TraceOptions.defaults().withMaxTraces(2));
        tracing.record("first", "step", "app", null);
        tracing.record("second", "step", "app", null);
        tracing.record("first", "step", "app", null);
        tracing.record("third", "step", "app", null);

        assertThat(tracing.traceIds()).containsExactly("first", "third");
        assertThat(tracing.breadcrumbs("second")).isEmpty();
        assertThat(tracing.breadcrumbs("first")).hasSize(2);
        assertThatThrownBy(() -> tracing.mermaid("second"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No breadcrumbs recorded for trace second")
                .hasMessageContaining("keeps the latest 2 traces");
    }

    @Test
    void clearForgetsEveryTrace() {
        Tracing tracing = Tracing.inMemory(TraceOptions.defaults());
        tracing.record("t", "step", "app", null);
        tracing.clear();

        assertThat(tracing.traceIds()).isEmpty();
        assertThat(tracing.breadcrumbs("t")).isEmpty();
    }

    @Test
    void aDisabledSinkRecordsNothingAndSaysSo() {
        Tracing tracing = Tracing.disabled();
        tracing.record("t", "step", "app", data("n", 1));

        assertThat(tracing.enabled()).isFalse();
        assertThat(tracing.options()).isEmpty();
        assertThat(tracing.traceIds()).isEmpty();
        assertThat(tracing.breadcrumbs("t")).isEmpty();
        UUID id = UUID.randomUUID();
        assertThatThrownBy(() -> tracing.mermaid(id))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Tracing is disabled, so there is no trace " + id
                        + ": enable it with StoreBuilder.tracing(true)");
    }

    @Test
    void badInputIsRefusedWithTheValueNamedAndNothingRecorded() {
        Tracing tracing = Tracing.inMemory(TraceOptions.defaults());
        assertThatThrownBy(() -> tracing.record(" ", "step", "app", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A breadcrumb's trace id must not be blank, was \" \"");
        assertThatThrownBy(() -> tracing.record("t", null, "app", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A breadcrumb's kind must not be blank, was null");
        assertThatThrownBy(() -> tracing.record("t", "step", "\n", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("component must not be blank");
        assertThatThrownBy(() -> tracing.record("x".repeat(10_000), "step", "app", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("A trace id has at most 200 characters, got 10000");
        assertThatThrownBy(() -> Tracing.inMemory(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TraceOptions(0, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxTraces must be 1 or more, was 0");
        assertThatThrownBy(() -> new TraceOptions(10, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxBreadcrumbsPerTrace must be 1 or more, was -1");
        assertThat(tracing.traceIds()).isEmpty();
    }

    @Test
    void hugeDataIsCutToTheDocumentedBounds() {
        Tracing tracing = Tracing.inMemory(TraceOptions.defaults());
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            data.put("k" + i, "v".repeat(10_000));
        }
        tracing.record("t", "k".repeat(10_000), "c".repeat(10_000), data);

        Breadcrumb breadcrumb = tracing.breadcrumbs("t").get(0);
        assertThat(breadcrumb.data()).hasSize(Tracing.MAX_DATA_ENTRIES);
        assertThat(breadcrumb.data().keySet()).first().isEqualTo("k0");
        assertThat(breadcrumb.data().get("k0")).hasSize(Tracing.MAX_TEXT_LENGTH).endsWith("...");
        assertThat(breadcrumb.kind()).hasSize(Tracing.MAX_TEXT_LENGTH);
        assertThat(breadcrumb.component()).hasSize(Tracing.MAX_TEXT_LENGTH);
    }
}
