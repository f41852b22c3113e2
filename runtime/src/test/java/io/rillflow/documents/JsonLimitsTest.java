package io.rillflow.documents;

import static io.rillflow.documents.RawSql.storedVersion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.JsonLimits;
import io.rillflow.SerializationException;
import io.rillflow.Store;
import io.rillflow.documents.SampleDocuments.Customer;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.Event;
import io.rillflow.events.Expected;
import io.rillflow.testing.TestDatabase;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What is written must be readable: the same limits are applied when writing and reading, and over one nothing is stored. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JsonLimitsTest {
    private static final JsonLimits SMALL = JsonLimits.defaults()
            .withMaxStringLength(100)
            .withMaxNumberLength(20)
            .withMaxNestingDepth(10)
            .withMaxNameLength(30);

    private String schema;
    private Store store;
    private DocumentCollection<Customer, UUID> customers;

    @BeforeAll
    void open() {
        schema = TestDatabase.freshSchema(getClass());
        store = TestDatabase.storeBuilder(getClass())
                .schema(schema)
                .jsonLimits(SMALL)
                .build();
        customers = store.documents(Customer.class, UUID.class);
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Test
    void withTheDefaultLimitsAStringJustOverIsRefusedOnWriteAndOneAtTheLimitRoundTrips() {
        try (Store defaults =
                TestDatabase.storeBuilder(getClass()).schema(schema).build()) {
            DocumentCollection<Customer, UUID> docs = defaults.documents(Customer.class, UUID.class);
            UUID id = UUID.randomUUID();

            assertThatThrownBy(() -> docs.put(
                            id, Customer.named("x").withName("x".repeat(JsonLimits.DEFAULT_MAX_STRING_LENGTH + 1))))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("customer/" + id)
                    .hasMessageContaining("at name")
                    .hasMessageContaining("20000001 characters")
                    .hasMessageContaining("limit of 20000000")
                    .hasMessageContaining("JsonLimits.maxStringLength")
                    .hasMessageContaining("StoreBuilder.jsonLimits");
            assertThat(storedVersion(defaults, docs, id)).isEmpty();

            String longest = "y".repeat(JsonLimits.DEFAULT_MAX_STRING_LENGTH);
            docs.put(id, Customer.named("y").withName(longest));
            assertThat(docs.get(id).orElseThrow().value().name()).isEqualTo(longest);
            docs.delete(id);
        }
    }

    @Test
    void eachLimitRefusesAValueJustOverItBeforeTheDatabaseAndAcceptsOneAtIt() {
        DocumentCollection<Object, UUID> anything = store.documents(Object.class, UUID.class, "limited_any");
        UUID id = UUID.randomUUID();
        Customer atLimits =
                Customer.named("n").withName("n".repeat(100)).withBalance(new BigDecimal("1234567890.1234567890"));
        customers.put(id, atLimits);
        assertThat(customers.get(id).orElseThrow().value()).isEqualTo(atLimits);

        assertRefused(() -> customers.put(id, atLimits.withName("n".repeat(101))), id, "name", "maxStringLength");
        assertRefused(
                () -> customers.put(id, atLimits.withBalance(new BigDecimal("12345678901.1234567890"))),
                id,
                "balance",
                "maxNumberLength");
        assertRefused(() -> customers.patch(id, "email", "e".repeat(101)), id, "", "maxStringLength");
        assertThat(storedVersion(store, customers, id)).contains(1L);

        UUID other = UUID.randomUUID();
        assertRefused(() -> anything.put(other, Map.of("k".repeat(31), 1)), other, "", "maxNameLength");
        assertRefused(
                () -> anything.put(other, Map.of("list", List.of("ok", "z".repeat(101)))),
                other,
                "list.1",
                "maxStringLength");
        assertRefused(() -> anything.put(other, nested(11)), other, "", "maxNestingDepth");
        assertThat(storedVersion(store, anything, other)).isEmpty();
        anything.put(other, Map.of("k".repeat(30), nested(9)));
        assertThat(anything.get(other)).isPresent();
    }

    @Test
    void anEventOrHeaderOverALimitIsRefusedNamingTheEventAndStreamAndNothingIsAppended() {
        UUID stream = UUID.randomUUID();
        Event tooLong = Event.of("NoteTaken", Map.of("text", "t".repeat(101)));

        assertThatThrownBy(
                        () -> store.events().append(stream, Expected.any(), List.of(Event.of("Ok", Map.of()), tooLong)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("event NoteTaken for stream " + stream)
                .hasMessageContaining("at text")
                .hasMessageContaining("JsonLimits.maxStringLength");
        assertThatThrownBy(() -> store.events()
                        .appendWith(
                                stream,
                                Expected.any(),
                                List.of(Event.of("Ok", Map.of())),
                                new AppendOptions(Map.of("trace", "h".repeat(101)), null, null)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("headers")
                .hasMessageContaining("at trace");
        assertThat(store.events().readStream(stream)).isEmpty();
    }

    @Test
    void aRaisedLimitRoundTripsALargerValueAndAStoreWithLowerLimitsNamesTheDocumentAndTheSetting() {
        UUID id = UUID.randomUUID();
        String longer = "r".repeat(150);
        try (Store raised = TestDatabase.storeBuilder(getClass())
                .schema(schema)
                .jsonLimits(SMALL.withMaxStringLength(200))
                .build()) {
            DocumentCollection<Customer, UUID> docs = raised.documents(Customer.class, UUID.class);
            docs.put(id, Customer.named("r").withName(longer));
            assertThat(docs.get(id).orElseThrow().value().name()).isEqualTo(longer);
        }

        assertThatThrownBy(() -> customers.get(id))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("customer/" + id)
                .hasMessageContaining("JsonLimits.maxStringLength")
                .hasMessageContaining("StoreBuilder.jsonLimits");
        assertThatThrownBy(() -> customers.query().list())
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("customer/" + id);
        customers.delete(id);
    }

    @Test
    void limitsMustBePositiveAndTheStoreMapperReadsWithThem() {
        assertThatThrownBy(() -> JsonLimits.defaults().withMaxNumberLength(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JsonLimits.maxNumberLength");
        assertThat(store.objectMapper().getFactory().streamReadConstraints().getMaxStringLength())
                .isEqualTo(100);
    }

    private static Map<String, Object> nested(int depth) {
        Map<String, Object> value = new LinkedHashMap<>();
        Map<String, Object> inner = value;
        for (int i = 1; i < depth; i++) {
            Map<String, Object> next = new LinkedHashMap<>();
            inner.put("n", next);
            inner = next;
        }
        return value;
    }

    private static void assertRefused(
            org.assertj.core.api.ThrowableAssert.ThrowingCallable call, UUID id, String field, String limit) {
        var thrown = assertThatThrownBy(call)
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("/" + id)
                .hasMessageContaining(limit);
        if (!field.isEmpty()) {
            thrown.hasMessageContaining("at " + field + " ");
        }
    }
}
