package io.rillflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.SerializationException;
import io.rillflow.Store;
import io.rillflow.testing.TestDatabase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** One header read as text or as a type, from events appended with real headers and read back from PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventHeadersTest {
    record Shelved(String isbn) {}

    record Device(String kind, int build) {}

    private static final UUID REQUESTER = UUID.fromString("7d4a1c1e-1f7b-4c57-9a55-2a1f0c1d0e01");

    private Store store;
    private EventEnvelope stored;

    @BeforeAll
    void open() {
        store = TestDatabase.storeBuilder(getClass())
                .eventType("Shelved", Shelved.class)
                .build();
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("actor", "ada");
        headers.put("attempt", 3);
        headers.put("urgent", true);
        headers.put("requested_by", REQUESTER.toString());
        headers.put("device", Map.of("kind", "kiosk", "build", 42));
        headers.put("tags", List.of("a", "b"));
        UUID stream = UUID.randomUUID();
        store.events()
                .appendWith(
                        stream,
                        Expected.noStream(),
                        List.of(new Shelved("978-0")),
                        AppendOptions.none().withHeaders(headers));
        stored = store.events().readStream(stream).get(0);
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Test
    void aStringHeaderReadsAsText() {
        assertThat(stored.header("actor")).contains("ada");
        assertThat(stored.header("actor", String.class)).contains("ada");
    }

    @Test
    void aMissingHeaderIsEmpty() {
        assertThat(stored.header("tenant")).isEmpty();
        assertThat(stored.header("tenant", Integer.class)).isEmpty();
    }

    @Test
    void nonStringHeadersReadAsTheirTypeOrAsTheirJsonText() {
        assertThat(stored.header("attempt", Integer.class)).contains(3);
        assertThat(stored.header("attempt")).contains("3");
        assertThat(stored.header("urgent", Boolean.class)).contains(true);
        assertThat(stored.header("urgent")).contains("true");
        assertThat(stored.header("requested_by", UUID.class)).contains(REQUESTER);
        assertThat(stored.header("device", Device.class)).contains(new Device("kiosk", 42));
        assertThat(stored.header("tags", List.class)).contains(List.of("a", "b"));
    }

    @Test
    void aHeaderThatDoesNotFitTheTypeNamesTheHeaderAndTheEvent() {
        assertThatThrownBy(() -> stored.header("actor", Integer.class))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("header \"actor\"")
                .hasMessageContaining("Shelved")
                .hasMessageContaining("java.lang.Integer");
        assertThatThrownBy(() -> stored.header("device"))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("header \"device\"")
                .hasMessageContaining("java.lang.String");
    }

    @Test
    void aNullNameOrTypeIsRefused() {
        assertThatThrownBy(() -> stored.header(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> stored.header("actor", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("type");
    }
}
