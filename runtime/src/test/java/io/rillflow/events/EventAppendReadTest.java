package io.rillflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.ConcurrencyException;
import io.rillflow.IdempotencyConflictException;
import io.rillflow.SerializationException;
import io.rillflow.Store;
import io.rillflow.UnknownEventTypeException;
import io.rillflow.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventAppendReadTest {
    record OrderPlaced(String orderId, BigDecimal total, Instant at) {}

    record ItemAdded(String sku, int quantity) {}

    record Unregistered(String x) {}

    private Store store;
    private EventStore events;

    @BeforeAll
    void open() {
        store = TestDatabase.storeBuilder(getClass())
                .eventType("OrderPlaced", OrderPlaced.class)
                .eventType("ItemAdded", 2, ItemAdded.class)
                .build();
        events = store.events();
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Test
    void appendedTypedEventsReadBackInOrderWithAllMetadata() {
        UUID stream = UUID.randomUUID();
        UUID causation = UUID.randomUUID();
        UUID correlation = UUID.randomUUID();
        OrderPlaced placed = new OrderPlaced("o-1", new BigDecimal("12.50"), Instant.parse("2026-01-02T03:04:05Z"));
        AppendResult result = events.appendWith(
                stream,
                Expected.noStream(),
                List.of(placed, new ItemAdded("sku-1", 2)),
                new AppendOptions(Map.of("req_id", "r-123"), causation, correlation));

        assertThat(result.streamVersion()).isEqualTo(2);
        assertThat(result.lastGlobalSeq()).isGreaterThan(result.firstGlobalSeq());

        List<EventEnvelope> read = events.readStream(stream);
        assertThat(read).extracting(EventEnvelope::streamSeq).containsExactly(1L, 2L);
        assertThat(read).extracting(EventEnvelope::type).containsExactly("OrderPlaced", "ItemAdded");
        assertThat(read).extracting(EventEnvelope::typeVersion).containsExactly(1, 2);
        assertThat(read)
                .extracting(EventEnvelope::globalSeq)
                .containsExactly(result.firstGlobalSeq(), result.lastGlobalSeq());
        EventEnvelope first = read.get(0);
        assertThat(first.event()).isEqualTo(placed);
        assertThat(read.get(1).event()).isEqualTo(new ItemAdded("sku-1", 2));
        assertThat(first.headers().get("req_id").asText()).isEqualTo("r-123");
        assertThat(first.causationId()).isEqualTo(causation);
        assertThat(first.correlationId()).isEqualTo(correlation);
        assertThat(first.streamId()).isEqualTo(stream);
        assertThat(first.createdAt())
                .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(60));
        assertThat(events.stream(stream)).get().extracting(StreamInfo::version).isEqualTo(2L);
    }

    @Test
    void untypedEventsKeepTheirNameVersionAndBody() {
        UUID stream = UUID.randomUUID();
        events.append(stream, Expected.any(), List.of(new Event("Legacy", 3, Map.of("a", 1))));
        EventEnvelope read = events.readStream(stream).get(0);
        assertThat(read.type()).isEqualTo("Legacy");
        assertThat(read.typeVersion()).isEqualTo(3);
        assertThat(read.data().get("a").asInt()).isEqualTo(1);
        assertThat(read.headers().isEmpty()).isTrue();
        assertThatThrownBy(read::event)
                .isInstanceOf(UnknownEventTypeException.class)
                .hasMessageContaining("\"Legacy\"");
    }

    @Test
    void expectationsAreCheckedAndConflictsNameStreamExpectedAndActual() {
        UUID stream = UUID.randomUUID();
        assertThatThrownBy(() -> events.append(stream, Expected.streamExists(), List.of(Event.of("E", Map.of()))))
                .isInstanceOfSatisfying(ConcurrencyException.class, e -> {
                    assertThat(e.actual()).isZero();
                    assertThat(e.expected()).isEqualTo("stream exists");
                    assertThat(e.getMessage()).contains(stream.toString());
                });
        events.append(stream, Expected.noStream(), List.of(Event.of("E", Map.of())));
        events.append(stream, Expected.exact(1), List.of(Event.of("E", Map.of()), Event.of("E", Map.of())));
        events.append(stream, Expected.streamExists(), List.of(Event.of("E", Map.of())));
        assertThatThrownBy(() -> events.append(stream, Expected.exact(2), List.of(Event.of("E", Map.of()))))
                .isInstanceOfSatisfying(ConcurrencyException.class, e -> {
                    assertThat(e.actual()).isEqualTo(4);
                    assertThat(e.expected()).isEqualTo("2");
                    assertThat(e.getMessage()).contains("expected 2").contains("actual version is 4");
                });
        assertThatThrownBy(() -> events.append(stream, Expected.noStream(), List.of(Event.of("E", Map.of()))))
                .isInstanceOf(ConcurrencyException.class);
        AppendResult any = events.append(stream, Expected.any(), List.of(Event.of("E", Map.of())));
        assertThat(any.streamVersion()).isEqualTo(5);
        assertThat(events.readStream(stream))
                .extracting(EventEnvelope::streamSeq)
                .containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void readStreamPagesFromAVersion() {
        UUID stream = UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            events.append(stream, Expected.exact(i), List.of(new ItemAdded("s" + i, i)));
        }
        assertThat(events.readStream(stream, 3, 2))
                .extracting(EventEnvelope::streamSeq)
                .containsExactly(3L, 4L);
        assertThat(events.readStream(UUID.randomUUID())).isEmpty();
    }

    @Test
    void readAllReturnsEventsOfAllStreamsInGlobalOrderAfterAPosition() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        long start = events.append(a, Expected.noStream(), List.of(Event.of("A", Map.of())))
                .firstGlobalSeq();
        events.append(b, Expected.noStream(), List.of(Event.of("B", Map.of())));
        events.append(a, Expected.exact(1), List.of(Event.of("A", Map.of())));
        List<EventEnvelope> all = events.readAll(start - 1, 100);
        assertThat(all).extracting(EventEnvelope::globalSeq).isSorted();
        assertThat(all)
                .filteredOn(e -> e.streamId().equals(a) || e.streamId().equals(b))
                .extracting(EventEnvelope::type)
                .containsExactly("A", "B", "A");
        assertThat(events.readAll(start - 1, 2)).hasSize(2);
    }

    @Test
    void idempotencyKeyMakesARetryWriteNothing() {
        UUID stream = UUID.randomUUID();
        AppendResult first = events.builder(stream)
                .idempotencyKey("req-1")
                .streamType("order")
                .push(new ItemAdded("a", 1))
                .push(new ItemAdded("b", 2))
                .push(new ItemAdded("c", 3))
                .send();
        assertThat(first.streamVersion()).isEqualTo(3);
        assertThatThrownBy(() -> events.builder(stream)
                        .idempotencyKey("req-1")
                        .push(new ItemAdded("a", 1))
                        .send())
                .isInstanceOfSatisfying(IdempotencyConflictException.class, e -> {
                    assertThat(e.key()).isEqualTo("req-1");
                    assertThat(e.streamId()).isEqualTo(stream);
                });
        assertThat(events.readStream(stream)).hasSize(3);
        assertThat(events.stream(stream)).get().extracting(StreamInfo::type).isEqualTo("order");
        events.builder(stream)
                .idempotencyKey("req-2")
                .push(new ItemAdded("d", 4))
                .send();
        assertThat(events.readStream(stream)).hasSize(4);
    }

    @Test
    void failedAppendDoesNotConsumeItsIdempotencyKey() {
        UUID stream = UUID.randomUUID();
        events.append(stream, Expected.noStream(), List.of(new ItemAdded("a", 1)));
        assertThatThrownBy(() -> events.builder(stream)
                        .expected(Expected.exact(7))
                        .idempotencyKey("k")
                        .push(new ItemAdded("b", 1))
                        .send())
                .isInstanceOf(ConcurrencyException.class);
        AppendResult retried = events.builder(stream)
                .expected(Expected.exact(1))
                .idempotencyKey("k")
                .push(new ItemAdded("b", 1))
                .send();
        assertThat(retried.streamVersion()).isEqualTo(2);
    }

    @Test
    void lockedAppendWritesLikeAnyOther() {
        UUID stream = UUID.randomUUID();
        AppendResult result =
                events.builder(stream).lockStream().push(new ItemAdded("a", 1)).send();
        assertThat(result.streamVersion()).isEqualTo(1);
    }

    @Test
    void badAppendsAreRefusedClearlyAndWriteNothing() {
        UUID stream = UUID.randomUUID();
        assertThatThrownBy(() -> events.append(stream, Expected.any(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one event");
        assertThatThrownBy(() -> events.append(null, Expected.any(), List.of(Event.of("E", Map.of()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stream id");
        assertThatThrownBy(() -> Expected.exact(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> events.append(stream, Expected.any(), List.of(new Unregistered("x"))))
                .isInstanceOf(UnknownEventTypeException.class)
                .hasMessageContaining(Unregistered.class.getName());
        assertThatThrownBy(() -> events.readStream(stream, 0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> events.readAll(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(events.readStream(stream)).isEmpty();
        assertThat(events.stream(stream)).isEmpty();
    }

    @Test
    void storedEventThatNoLongerFitsItsClassFailsNamingTheEvent() {
        UUID stream = UUID.randomUUID();
        long seq = events.append(stream, Expected.any(), List.of(new ItemAdded("a", 1)))
                .firstGlobalSeq();
        TestDatabase.execute("update \"" + store.schemaName() + "\".rf_events set data = '{\"sku\": {\"nested\": 1},"
                + " \"quantity\": \"many\"}' where global_seq = " + seq);
        EventEnvelope read = events.readStream(stream).get(0);
        assertThat(read.data().get("quantity").asText()).isEqualTo("many");
        assertThatThrownBy(read::event)
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("event " + seq)
                .hasMessageContaining(ItemAdded.class.getName());
    }

    @Test
    void aliasesMapToOneDeterministicStream() {
        UUID id = events.resolveStreamAlias("orders:42");
        assertThat(events.resolveStreamAlias("orders:42")).isEqualTo(id);
        assertThat(StreamIds.forName("orders:42")).isEqualTo(id);
        assertThat(id.version()).isEqualTo(5);
        assertThat(events.resolveStreamAlias("orders:43")).isNotEqualTo(id);
        assertThatThrownBy(() -> events.resolveStreamAlias("")).isInstanceOf(IllegalArgumentException.class);
    }
}
