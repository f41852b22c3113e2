package io.rillflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.aggregates.CommandContext;
import io.rillflow.documents.DocumentCollection;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.Event;
import io.rillflow.events.EventStore;
import io.rillflow.events.Expected;
import io.rillflow.events.StreamIds;
import io.rillflow.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * PostgreSQL refuses the NUL character in text and jsonb with a message naming only a parameter number; every entry
 * point refuses it first, naming the argument (and the field of a JSON value), and nothing is written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NulCharacterTest {
    record Noted(String text) {}

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

    @Test
    void eventTypesIdempotencyKeysAndStreamTypesAreRefusedNamingTheArgument() {
        UUID stream = UUID.randomUUID();

        assertThatThrownBy(() -> events.append(stream, Expected.any(), List.of(Event.of("Bad\u0000Type", Map.of()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The event type holds the NUL character")
                .hasMessageContaining("index 3");
        assertThatThrownBy(() -> events.builder(stream)
                        .idempotencyKey("key\u0000")
                        .push(new Noted("x"))
                        .send())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The idempotency key holds the NUL character");
        assertThatThrownBy(() -> events.builder(stream)
                        .streamType("order\u0000")
                        .push(new Noted("x"))
                        .send())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The stream type holds the NUL character");
        assertThatThrownBy(() -> Store.builder("jdbc:postgresql://unused/db").eventType("No\u0000ted", Noted.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The event type name holds the NUL character");

        assertThat(events.readStream(stream)).isEmpty();
        assertThat(events.stream(stream)).isEmpty();
    }

    @Test
    void aCommandsIdempotencyKeyAndActorAreRefusedWhenTheContextIsMade() {
        assertThatThrownBy(() -> CommandContext.empty().withIdempotencyKey("cmd\u0000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The idempotency key holds the NUL character");
        assertThatThrownBy(() -> CommandContext.empty().withActor("\u0000admin"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The actor holds the NUL character")
                .hasMessageContaining("index 0");
    }

    @Test
    void streamNamesAreRefusedBeforeAnAliasIsRecorded() {
        assertThatThrownBy(() -> events.resolveStreamAlias("orders:\u000042"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The stream name holds the NUL character");
        assertThatThrownBy(() -> StreamIds.forName("\u0000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stream name");
    }

    @Test
    void headersAndEventBodiesAreRefusedNamingTheField() {
        UUID stream = UUID.randomUUID();

        assertThatThrownBy(() -> events.appendWith(
                        stream,
                        Expected.any(),
                        List.of(new Noted("fine")),
                        new AppendOptions(Map.of("user", "a\u0000b"), null, null)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("the headers of an append to " + stream)
                .hasMessageContaining("at user")
                .hasMessageContaining("NUL character");
        assertThatThrownBy(() -> events.appendWith(
                        stream,
                        Expected.any(),
                        List.of(new Noted("fine")),
                        new AppendOptions(Map.of("us\u0000er", "ab"), null, null)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("a field name holds the NUL character");
        assertThatThrownBy(() -> events.append(stream, Expected.any(), List.of(new Noted("fine"), new Noted("\u0000"))))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("event Noted for stream " + stream)
                .hasMessageContaining("at text");
        assertThatThrownBy(() -> events.append(
                        stream, Expected.any(), List.of(Event.of("Free", Map.of("list", List.of("\u0000"))))))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("at list.0");

        assertThat(events.readStream(stream)).isEmpty();
    }

    @Test
    @SuppressWarnings({"rawtypes", "unchecked"})
    void documentIdsAreRefusedNamingTheDocumentType() {
        DocumentCollection<Map, String> notes = store.documents(Map.class, String.class, "notes");

        assertThatThrownBy(() -> notes.put("note\u00001", Map.of("a", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The id of a notes document holds the NUL character");
        assertThatThrownBy(() -> notes.get("\u0000")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> notes.bulkInsert(Map.of("ok", Map.of(), "n\u0000", Map.of())))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(notes.query().count()).isZero();
    }
}
