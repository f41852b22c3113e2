package io.rillflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rillflow.Store;
import io.rillflow.StoreBuilder;
import io.rillflow.UnknownEventTypeException;
import io.rillflow.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Stored events of older versions are upcast on every read path; unknown ones fail by name or come back as JSON. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventUpcastTest {
    /** Version 1: a single name. */
    record RenamedV1(String name) {}

    /** Version 2: split names (a typed step from v1). */
    record RenamedV2(String first, String last) {}

    /** Version 3, current: with a source (a JSON step from v2). */
    record Renamed(String first, String last, String source) {}

    /** An event whose chain misses the step from 1 to 2. */
    record Gappy(String value) {}

    private Store store;
    private Store rawStore;
    private EventStore events;

    @BeforeAll
    void open() {
        store = TestDatabase.storeBuilder(getClass())
                .eventType("Renamed", 1, RenamedV1.class)
                .eventType("Renamed", 2, RenamedV2.class)
                .eventType("Renamed", 3, Renamed.class)
                .eventType("Gappy", 3, Gappy.class)
                .upcaster(new EventUpcaster("Renamed", 1, (data, mapper) -> {
                    RenamedV1 old = mapper.treeToValue(data, RenamedV1.class);
                    String[] parts = old.name().split(" ", 2);
                    return mapper.valueToTree(new RenamedV2(parts[0], parts.length > 1 ? parts[1] : ""));
                }))
                .upcaster(new EventUpcaster(
                        "Renamed", 2, (data, mapper) -> ((ObjectNode) data.deepCopy()).put("source", "v2")))
                .upcaster(new EventUpcaster(
                        "Gappy", 2, (data, mapper) -> ((ObjectNode) data.deepCopy()).put("value", "up")))
                .build();
        events = store.events();
        rawStore = Store.builder(TestDatabase.jdbcUrl())
                .schema(store.schemaName())
                .migrateOnStart(false)
                .unknownEventsAsJson()
                .build();
    }

    @AfterAll
    void close() {
        rawStore.close();
        store.close();
    }

    @Test
    void everyOlderVersionIsUpcastToTheCurrentClassOnStreamAndLogReads() {
        UUID stream = UUID.randomUUID();
        events.append(
                stream,
                Expected.noStream(),
                List.of(
                        new RenamedV1("Ada Lovelace"),
                        new RenamedV2("Grace", "Hopper"),
                        new Renamed("Alan", "Turing", "v3")));

        List<EventEnvelope> read = events.readStream(stream);
        assertThat(read).extracting(EventEnvelope::typeVersion).containsExactly(1, 2, 3);
        assertThat(read)
                .extracting(EventEnvelope::event)
                .containsExactly(
                        new Renamed("Ada", "Lovelace", "v2"),
                        new Renamed("Grace", "Hopper", "v2"),
                        new Renamed("Alan", "Turing", "v3"));
        long before = read.get(0).globalSeq() - 1;
        assertThat(events.readAll(before, 3))
                .extracting(EventEnvelope::event)
                .containsExactlyElementsOf(
                        read.stream().map(EventEnvelope::event).toList());
    }

    @Test
    void readingAsAnOlderRegisteredClassUpcastsOnlyThatFar() {
        UUID stream = UUID.randomUUID();
        events.append(stream, Expected.noStream(), List.of(new RenamedV1("Ada Lovelace")));

        EventEnvelope stored = events.readStream(stream).get(0);

        assertThat(stored.as(RenamedV2.class)).isEqualTo(new RenamedV2("Ada", "Lovelace"));
        assertThat(stored.as(RenamedV1.class)).isEqualTo(new RenamedV1("Ada Lovelace"));
        assertThat(stored.as(JsonNode.class).get("name").asText()).isEqualTo("Ada Lovelace");
    }

    @Test
    void aMissingStepInTheChainFailsNamingTheTypeAndVersion() {
        UUID stream = UUID.randomUUID();
        events.append(stream, Expected.noStream(), List.of(new Event("Gappy", 1, Map.of("value", "old"))));

        EventEnvelope stored = events.readStream(stream).get(0);

        assertThatThrownBy(stored::event)
                .isInstanceOf(UnknownEventTypeException.class)
                .hasMessageContaining("\"Gappy\" v1")
                .hasMessageContaining("no upcaster from v1");
    }

    @Test
    void anEventNewerThanItsClassFailsInsteadOfBeingMisread() {
        UUID stream = UUID.randomUUID();
        events.append(stream, Expected.noStream(), List.of(new Event("Renamed", 4, Map.of("first", "x"))));

        assertThatThrownBy(() -> events.readStream(stream).get(0).event())
                .isInstanceOf(UnknownEventTypeException.class)
                .hasMessageContaining("\"Renamed\" v4")
                .hasMessageContaining("newer than its current class");
    }

    @Test
    void unknownTypesFailByNameOrComeBackAsJsonWhenAsked() {
        UUID stream = UUID.randomUUID();
        events.append(stream, Expected.noStream(), List.of(new Event("Mystery", 2, Map.of("clue", 42))));

        assertThatThrownBy(() -> events.readStream(stream).get(0).event())
                .isInstanceOf(UnknownEventTypeException.class)
                .hasMessageContaining("\"Mystery\" v2")
                .hasMessageContaining("has no registered class");

        Object raw = rawStore.events().readStream(stream).get(0).event();
        assertThat(raw).isInstanceOf(Event.class);
        Event event = (Event) raw;
        assertThat(event.type()).isEqualTo("Mystery");
        assertThat(event.version()).isEqualTo(2);
        assertThat(((JsonNode) event.body()).get("clue").asInt()).isEqualTo(42);
    }

    @Test
    void conflictingRegistrationsAreRefusedWhenMade() {
        StoreBuilder types = Store.builder().eventType("Renamed", 1, RenamedV1.class);
        assertThatThrownBy(() -> types.eventType("Renamed", 1, RenamedV2.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"Renamed\" v1 is already registered for " + RenamedV1.class.getName());
        EventUpcaster step = new EventUpcaster("Renamed", 1, (data, mapper) -> data);
        types.upcaster(step);
        assertThatThrownBy(() -> types.upcaster(new EventUpcaster("Renamed", 1, (data, mapper) -> data)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already has an upcaster from v1");
    }
}
