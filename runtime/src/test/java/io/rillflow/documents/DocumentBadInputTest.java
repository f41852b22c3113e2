package io.rillflow.documents;

import static io.rillflow.documents.RawSql.storedJson;
import static io.rillflow.documents.RawSql.storedVersion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.DocumentNotFoundException;
import io.rillflow.InvalidIdentifierException;
import io.rillflow.SchemaDriftException;
import io.rillflow.SerializationException;
import io.rillflow.Store;
import io.rillflow.documents.SampleDocuments.Counter;
import io.rillflow.documents.SampleDocuments.Customer;
import io.rillflow.testing.TestDatabase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Each kind of bad input fails with a clear exception and leaves the stored documents exactly as they were. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentBadInputTest {
    /** The longest document name a store takes, so that its table and index names fit PostgreSQL's 63 bytes. */
    private static final int MAX_NAME = 40;

    private static final String HOSTILE_PATH = "a'); drop table x;--";

    private Store store;
    private DocumentCollection<Customer, UUID> customers;

    @BeforeAll
    void open() {
        store = TestDatabase.store(getClass());
        customers = store.documents(Customer.class, UUID.class);
    }

    @AfterAll
    void close() {
        store.close();
    }

    private UUID stored(String name) {
        UUID id = UUID.randomUUID();
        customers.put(id, Customer.named(name));
        return id;
    }

    private void assertUnchanged(UUID id, String name, long version) {
        assertThat(customers.get(id)).contains(new Versioned<>(Customer.named(name), version));
    }

    @Test
    void aNulCharacterIsRefusedBeforeTheDatabaseAndNothingChanges() {
        UUID id = stored("Before");
        assertThatThrownBy(() -> customers.put(id, Customer.named("nul\u0000inside")))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("NUL character")
                .hasMessageContaining("at name")
                .hasMessageContaining("customer/" + id);
        assertThatThrownBy(() -> customers.patch(id, "name", "x\u0000"))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("NUL character");
        assertUnchanged(id, "Before", 1);

        // The six characters backslash-u-0-0-0-0 are ordinary text, not a NUL: they are stored as they are.
        customers.put(id, Customer.named("text \\u0000 stays"));
        assertThat(customers.get(id).orElseThrow().value().name()).isEqualTo("text \\u0000 stays");
    }

    @Test
    void storedJsonThatNoLongerFitsTheClassFailsWithSerializationExceptionNamingTheDocument() {
        UUID id = stored("Corrupted");
        String corrupt = "{\"name\": {\"first\": \"not a string\"}, \"unknownField\": true}";
        TestDatabase.execute("update " + TestDatabase.table(store, customers) + " set data = '" + corrupt + "'::jsonb"
                + " where id = '" + id + "'");
        AtomicInteger changes = new AtomicInteger();

        assertThatThrownBy(() -> customers.get(id))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("customer/" + id)
                .hasMessageContaining(Customer.class.getName());
        assertThatThrownBy(() -> customers.load(id)).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> customers.query().list())
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("customer/" + id)
                .hasMessageContaining("(at name)");
        assertThatThrownBy(() -> {
                    try (var rows = customers.query().stream()) {
                        rows.forEach(row -> {});
                    }
                })
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("customer/" + id);
        assertThatThrownBy(() -> customers.update(id, c -> {
                    changes.incrementAndGet();
                    return c;
                }))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> customers.update(id, 1, c -> {
                    changes.incrementAndGet();
                    return c;
                }))
                .isInstanceOf(SerializationException.class);

        assertThat(changes).hasValue(0);
        assertThat(storedVersion(store, customers, id)).contains(1L);
        assertThat(storedJson(store, customers, id)).contains(corrupt);
        assertThat(customers.getField(id, "unknownField", Boolean.class)).contains(true);
        assertThat(customers.put(id, Customer.named("Repaired"), 1)).isEqualTo(2);
        assertUnchanged(id, "Repaired", 2);
    }

    @Test
    void storedJsonOfTheWrongShapeFailsWithSerializationException() {
        UUID id = stored("Array");
        TestDatabase.execute("update " + TestDatabase.table(store, customers) + " set data = '[1, 2, 3]'::jsonb"
                + " where id = '" + id + "'");

        assertThatThrownBy(() -> customers.get(id))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("customer/" + id);
        assertThat(storedJson(store, customers, id)).contains("[1, 2, 3]");
    }

    @Test
    void getFieldAsAnIncompatibleTypeFailsWithSerializationException() {
        UUID id = stored("Typed");

        assertThatThrownBy(() -> customers.getField(id, "name", Integer.class))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("name")
                .hasMessageContaining("customer/" + id)
                .hasMessageContaining("java.lang.Integer");
        assertUnchanged(id, "Typed", 1);
    }

    @Test
    void aDocumentJacksonCannotWriteFailsWithSerializationExceptionAndStoresNothing() {
        DocumentCollection<Object, UUID> anything = store.documents(Object.class, UUID.class, "anything");
        UUID id = UUID.randomUUID();

        assertThatThrownBy(() -> anything.put(id, new Object()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("anything/" + id);
        assertThat(storedVersion(store, anything, id)).isEmpty();
    }

    @Test
    void aPatchValueJacksonCannotWriteFailsWithSerializationExceptionAndChangesNothing() {
        UUID id = stored("Patched");

        assertThatThrownBy(() -> customers.patch(id, "email", new Object()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("email")
                .hasMessageContaining("customer/" + id);
        assertThatThrownBy(() -> customers.patch(id, Patch.set("name", "ok").and("email", new Object())))
                .isInstanceOf(SerializationException.class);
        assertUnchanged(id, "Patched", 1);
    }

    @Test
    void nullDocumentsAreRejectedAndChangeNothing() {
        UUID id = stored("Kept");

        assertThatThrownBy(() -> customers.put(id, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("must not be null")
                .hasMessageContaining("customer/" + id);
        assertThatThrownBy(() -> customers.put(id, null, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> customers.update(id, c -> null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> customers.update(id, 1, c -> null)).isInstanceOf(NullPointerException.class);
        assertUnchanged(id, "Kept", 1);
    }

    @Test
    void everyCallOnAnUnknownIdThatNeedsADocumentFailsWithDocumentNotFoundAndCreatesNothing() {
        UUID id = UUID.randomUUID();
        long rowsBefore = RawSql.rowCount(store, customers);
        List<ThrowingCallable> calls = List.of(
                () -> customers.update(id, 1, c -> c),
                () -> customers.update(id, c -> c),
                () -> customers.mutate(id, 1, c -> {}),
                () -> customers.mutate(id, c -> {}),
                () -> customers.patch(id, "name", "x"),
                () -> customers.patch(id, 1, "name", "x"),
                () -> customers.patch(id, Patch.set("name", "x").and("email", "y")),
                () -> customers.patch(id, 1, Patch.set("name", "x")),
                () -> customers.getField(id, "name"),
                () -> customers.getField(id, "name", String.class),
                () -> customers.softDelete(id),
                () -> customers.restore(id));

        for (int i = 0; i < calls.size(); i++) {
            assertThatThrownBy(calls.get(i))
                    .as("call %d", i)
                    .isInstanceOf(DocumentNotFoundException.class)
                    .hasMessageContaining(id.toString())
                    .hasMessageContaining(TestDatabase.table(store, customers));
        }
        assertThat(storedVersion(store, customers, id)).isEmpty();
        assertThat(RawSql.rowCount(store, customers)).isEqualTo(rowsBefore);
    }

    @Test
    void hostileFieldPathsAreRejectedAndTheTableStillWorks() {
        UUID id = stored("Target");
        List<String> badPaths = List.of(HOSTILE_PATH, "", "a..b", ".a", "a.", "name; drop", "na me", "a.b'c");

        for (String path : badPaths) {
            assertThatThrownBy(() -> customers.patch(id, path, "x"))
                    .as("patch %s", path)
                    .isInstanceOf(InvalidIdentifierException.class);
            assertThatThrownBy(() -> customers.patch(id, 1, path, "x")).isInstanceOf(InvalidIdentifierException.class);
            assertThatThrownBy(() -> customers.getField(id, path))
                    .as("getField %s", path)
                    .isInstanceOf(InvalidIdentifierException.class);
            assertThatThrownBy(() -> Patch.set("name", "ok").and(path, "x"))
                    .isInstanceOf(InvalidIdentifierException.class);
        }
        assertThatThrownBy(() -> customers.patch(id, HOSTILE_PATH, "x")).hasMessageContaining(HOSTILE_PATH);
        assertThatThrownBy(() -> customers.getField(id, null)).isInstanceOf(InvalidIdentifierException.class);
        assertThatThrownBy(() -> customers.patch(id, (String) null, "x"))
                .isInstanceOf(InvalidIdentifierException.class);

        assertUnchanged(id, "Target", 1);
        assertThat(customers.put(id, Customer.named("Still works"))).isEqualTo(2);
        assertThat(customers.patch(id, "email", "fine@example.com")).isEqualTo(3);
        assertThat(customers.getField(id, "email", String.class)).contains("fine@example.com");
    }

    @Test
    void hostileDocumentNamesAreRejectedAndCreateNoTable() {
        List<String> badNames = List.of(
                "x; drop",
                "x\"; drop table rf_doc_customer; --",
                "Customer",
                "1customer",
                "_customer",
                "",
                "a-b",
                "a".repeat(MAX_NAME + 1));
        long tablesBefore = tableCount();

        for (String name : badNames) {
            assertThatThrownBy(() -> store.documents(Customer.class, UUID.class, name))
                    .as("name %s", name)
                    .isInstanceOf(InvalidIdentifierException.class)
                    .hasMessageContaining(name);
        }
        assertThatThrownBy(() -> store.documents(Customer.class, UUID.class, null))
                .isInstanceOf(InvalidIdentifierException.class);

        assertThat(tableCount()).isEqualTo(tablesBefore);
        UUID id = stored("Survivor");
        assertUnchanged(id, "Survivor", 1);
        assertThat(store.documents(Customer.class, UUID.class, "a".repeat(MAX_NAME))
                        .put(id, Customer.named("Longest")))
                .isEqualTo(1);
    }

    private long tableCount() {
        return RawSql.queryLong(store, "select count(*) from pg_tables where schemaname = ?", store.schemaName())
                .orElseThrow();
    }

    @Test
    void nullIdsAreRejectedByEveryCall() {
        UUID id = stored("Untouched");
        long rowsBefore = RawSql.rowCount(store, customers);
        Customer doc = Customer.named("x");
        List<ThrowingCallable> calls = List.of(
                () -> customers.get(null),
                () -> customers.load(null),
                () -> customers.put(null, doc),
                () -> customers.put(null, doc, 0),
                () -> customers.put(null, doc, 1),
                () -> customers.insert(null, doc),
                () -> customers.upsert(null, doc),
                () -> customers.update(null, 1, c -> c),
                () -> customers.update(null, c -> c),
                () -> customers.mutate(null, 1, c -> {}),
                () -> customers.mutate(null, c -> {}),
                () -> customers.patch(null, "name", "x"),
                () -> customers.patch(null, 1, "name", "x"),
                () -> customers.patch(null, Patch.set("name", "x")),
                () -> customers.getField(null, "name"),
                () -> customers.getField(null, "name", String.class),
                () -> customers.delete(null),
                () -> customers.softDelete(null),
                () -> customers.restore(null));

        for (int i = 0; i < calls.size(); i++) {
            assertThatThrownBy(calls.get(i))
                    .as("call %d", i)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must not be null");
        }
        Map<UUID, Customer> withNullKey = new java.util.HashMap<>();
        withNullKey.put(UUID.randomUUID(), doc);
        withNullKey.put(null, doc);
        assertThatThrownBy(() -> customers.bulkInsert(withNullKey))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be null");

        assertThat(RawSql.rowCount(store, customers)).isEqualTo(rowsBefore);
        assertUnchanged(id, "Untouched", 1);
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void idsOfTheWrongTypeSmuggledPastGenericsAreRejectedNamingTheIdType() {
        UUID id = stored("Typed id");
        DocumentCollection raw = customers;

        assertThatThrownBy(() -> raw.get(id.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("UUID")
                .hasMessageContaining("java.lang.String");
        assertThatThrownBy(() -> raw.put(42L, Customer.named("x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Long");
        assertUnchanged(id, "Typed id", 1);
    }

    @Test
    void negativeExpectedVersionsAreRejectedAndChangeNothing() {
        UUID id = stored("Versioned");
        List<ThrowingCallable> calls = List.of(
                () -> customers.put(id, Customer.named("x"), -1),
                () -> customers.put(id, Customer.named("x"), Long.MIN_VALUE),
                () -> customers.update(id, -1, c -> c.withName("x")),
                () -> customers.mutate(id, -1, c -> {}),
                () -> customers.patch(id, -1, "name", "x"),
                () -> customers.patch(id, -1, Patch.set("name", "x")));

        for (int i = 0; i < calls.size(); i++) {
            assertThatThrownBy(calls.get(i))
                    .as("call %d", i)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("expected version");
        }
        assertThatThrownBy(calls.get(0)).hasMessageContaining("-1");
        assertUnchanged(id, "Versioned", 1);
    }

    @Test
    void unsupportedIdTypesAreRejectedNamingTheSupportedOnes() {
        long tablesBefore = tableCount();
        for (Class<?> idType : List.of(Integer.class, int.class, Object.class, java.math.BigInteger.class)) {
            assertThatThrownBy(() -> store.documents(Customer.class, idType, "odd_ids"))
                    .as("id type %s", idType)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(idType.getName())
                    .hasMessageContaining("UUID")
                    .hasMessageContaining("String")
                    .hasMessageContaining("Long");
        }
        assertThat(tableCount()).isEqualTo(tablesBefore);
    }

    @Test
    void oneNameCannotBeUsedForTwoTypesOrTwoIdTypes() {
        DocumentCollection<Customer, UUID> first = store.documents(Customer.class, UUID.class, "shared_name");

        assertThatThrownBy(() -> store.documents(Counter.class, UUID.class, "shared_name"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shared_name")
                .hasMessageContaining(Customer.class.getName())
                .hasMessageContaining(Counter.class.getName());
        assertThatThrownBy(() -> store.documents(Customer.class, String.class, "shared_name"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shared_name");

        UUID id = UUID.randomUUID();
        assertThat(first.put(id, Customer.named("First owner"))).isEqualTo(1);
        assertThat(store.documents(Customer.class, UUID.class, "shared_name")).isSameAs(first);
    }

    @Test
    void aTableCreatedWithUuidIdsOpenedWithStringIdsByAnotherStoreFailsWithSchemaDrift() {
        DocumentCollection<Customer, UUID> uuids = store.documents(Customer.class, UUID.class, "drift_target");
        UUID id = UUID.randomUUID();
        uuids.put(id, Customer.named("Original"));

        try (Store second = Store.builder(TestDatabase.jdbcUrl())
                .schema(store.schemaName())
                .maxConnections(2)
                .build()) {
            assertThatThrownBy(() -> second.documents(Customer.class, String.class, "drift_target"))
                    .isInstanceOf(SchemaDriftException.class)
                    .hasMessageContaining("rf_doc_drift_target")
                    .hasMessageContaining("uuid")
                    .hasMessageContaining("text");
            assertThatThrownBy(() -> second.documents(Customer.class, Long.class, "drift_target"))
                    .isInstanceOf(SchemaDriftException.class)
                    .hasMessageContaining("bigint");

            DocumentCollection<Customer, UUID> sameKind = second.documents(Customer.class, UUID.class, "drift_target");
            assertThat(sameKind.get(id)).contains(new Versioned<>(Customer.named("Original"), 1));
        }
        assertThat(uuids.put(id, Customer.named("Still mine"))).isEqualTo(2);
        assertThat(RawSql.queryText(
                        store,
                        "select format_type(atttypid, atttypmod) from pg_attribute where attrelid = ?::regclass"
                                + " and attname = 'id'",
                        TestDatabase.table(store, uuids)))
                .contains("uuid");
    }

    @Test
    void bulkInsertWithAnInvalidDocumentSendsNothing() {
        DocumentCollection<Object, UUID> anything = store.documents(Object.class, UUID.class, "anything_bulk");
        Map<UUID, Object> docs = new LinkedHashMap<>();
        docs.put(UUID.randomUUID(), Map.of("ok", 1));
        docs.put(UUID.randomUUID(), new Object());

        assertThatThrownBy(() -> anything.bulkInsert(docs)).isInstanceOf(SerializationException.class);
        assertThat(RawSql.rowCount(store, anything)).isZero();
    }
}
