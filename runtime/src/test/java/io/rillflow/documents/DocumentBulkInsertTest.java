package io.rillflow.documents;

import static io.rillflow.documents.RawSql.rowCount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.RillflowException;
import io.rillflow.Store;
import io.rillflow.documents.SampleDocuments.Address;
import io.rillflow.documents.SampleDocuments.Customer;
import io.rillflow.documents.SampleDocuments.Geo;
import io.rillflow.documents.SampleDocuments.Tier;
import io.rillflow.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Bulk loads through COPY: all or nothing, and every character survives the text format's escaping. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentBulkInsertTest {
    private static final int MANY = 5_000;

    /** Strings the COPY text format treats specially, plus characters of 2, 3 and 4 bytes in UTF-8. */
    private static final List<String> AWKWARD = List.of(
            "tab\there",
            "new\nline",
            "carriage\r\nreturn",
            "back\\slash",
            "double \\\\ backslash",
            "\\N",
            "\\.",
            "\\t not a tab",
            "end with backslash\\",
            "quotes \" and ' and `",
            "ünïcødé ñ ß",
            "中文字符 日本語 한국어",
            "emoji 😀🎉👩‍👩‍👧",
            "line sep \u2028 para sep \u2029",
            "control \u0001\u0007\u001f",
            "{\"looks\": \"like json\"}",
            "");

    private Store store;
    private DocumentCollection<Customer, UUID> customers;
    private DocumentCollection<Customer, String> byCode;
    private DocumentCollection<Customer, Long> byNumber;

    @BeforeAll
    void open() {
        store = TestDatabase.store(getClass());
        customers = store.documents(Customer.class, UUID.class);
        byCode = store.documents(Customer.class, String.class, "customer_by_code");
        byNumber = store.documents(Customer.class, Long.class, "customer_by_number");
    }

    @AfterAll
    void close() {
        store.close();
    }

    private static Customer numbered(int i) {
        return new Customer(
                "Customer " + i + " – 顧客 " + i,
                "c" + i + "@example.com",
                new Address("Street " + i, i % 2 == 0 ? "Berlin" : "Zürich", new Geo(i / 100.0, -i / 100.0)),
                List.of("n" + i, "tag\t" + (i % 7)),
                Tier.values()[i % 3],
                Instant.parse("2024-01-01T00:00:00Z").plusSeconds(i).plusNanos(i),
                LocalDate.of(2000, 1, 1).plusDays(i),
                new BigDecimal(i + ".50"));
    }

    @Test
    void bulkInsertStoresFiveThousandDocumentsAtVersionOne() throws Exception {
        Map<UUID, Customer> docs = new LinkedHashMap<>();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < MANY; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            docs.put(id, numbered(i));
        }
        long before = rowCount(store, customers);

        assertThat(customers.bulkInsert(docs)).isEqualTo(MANY);

        assertThat(rowCount(store, customers)).isEqualTo(before + MANY);
        for (int i : new int[] {0, 1, 2, 999, 2500, 4321, MANY - 2, MANY - 1}) {
            assertThat(customers.get(ids.get(i))).as("document %d", i).contains(new Versioned<>(numbered(i), 1));
        }
        for (int i = 0; i < MANY; i += 97) {
            assertThat(customers.load(ids.get(i))).as("document %d", i).contains(numbered(i));
        }
        String storedAsWritten = "select count(*) from " + TestDatabase.table(store, customers)
                + " where version = 1 and deleted_at is null and id = any(?)";
        try (var c = store.dataSource().getConnection();
                var p = c.prepareStatement(storedAsWritten)) {
            p.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (var rs = p.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(MANY);
            }
        }
        assertThat(customers.put(ids.get(7), numbered(70_000), 1)).isEqualTo(2);
    }

    @Test
    void bulkInsertWithAnExistingIdFailsAndStoresNoneOfTheBatch() {
        UUID existing = UUID.randomUUID();
        customers.put(existing, Customer.named("Already here"));
        Map<UUID, Customer> docs = new LinkedHashMap<>();
        for (int i = 0; i < 1_000; i++) {
            docs.put(i == 500 ? existing : UUID.randomUUID(), numbered(i));
        }
        long before = rowCount(store, customers);

        assertThatThrownBy(() -> customers.bulkInsert(docs))
                .isInstanceOf(RillflowException.class)
                .hasMessageContaining("23505")
                .hasMessageContaining(existing.toString());

        assertThat(rowCount(store, customers)).isEqualTo(before);
        for (UUID id : docs.keySet()) {
            if (!id.equals(existing)) {
                assertThat(customers.get(id)).isEmpty();
            }
        }
        assertThat(customers.get(existing)).contains(new Versioned<>(Customer.named("Already here"), 1));
        UUID after = UUID.randomUUID();
        assertThat(customers.bulkInsert(Map.of(after, numbered(1)))).isEqualTo(1);
        assertThat(customers.get(after)).contains(new Versioned<>(numbered(1), 1));
    }

    @Test
    void bulkInsertOverASoftDeletedIdAlsoFailsAndStoresNothing() {
        UUID hidden = UUID.randomUUID();
        customers.put(hidden, Customer.named("Hidden"));
        customers.softDelete(hidden);
        UUID fresh = UUID.randomUUID();
        Map<UUID, Customer> docs = new LinkedHashMap<>();
        docs.put(fresh, numbered(1));
        docs.put(hidden, numbered(2));

        assertThatThrownBy(() -> customers.bulkInsert(docs)).isInstanceOf(RillflowException.class);

        assertThat(customers.get(fresh)).isEmpty();
        assertThat(RawSql.storedVersion(store, customers, hidden)).contains(2L);
    }

    @Test
    void bulkInsertKeepsTabsNewlinesBackslashesAndUnicodeInBodies() {
        Map<UUID, Customer> docs = new LinkedHashMap<>();
        for (String text : AWKWARD) {
            docs.put(UUID.randomUUID(), Customer.named("x").withName(text).withAddress(new Address(text, text, null)));
        }

        assertThat(customers.bulkInsert(docs)).isEqualTo(AWKWARD.size());

        docs.forEach((id, doc) -> assertThat(customers.get(id))
                .as("document named %s", doc.name())
                .contains(new Versioned<>(doc, 1)));
    }

    @Test
    void bulkInsertKeepsTabsNewlinesBackslashesAndUnicodeInStringIds() {
        Map<String, Customer> docs = new LinkedHashMap<>();
        for (int i = 0; i < AWKWARD.size(); i++) {
            docs.put(AWKWARD.get(i), Customer.named("Awkward " + i));
        }

        assertThat(byCode.bulkInsert(docs)).isEqualTo(AWKWARD.size());

        assertThat(rowCount(store, byCode)).isEqualTo(AWKWARD.size());
        docs.forEach((id, doc) -> assertThat(byCode.get(id)).as("id %s", id).contains(new Versioned<>(doc, 1)));
    }

    @Test
    void bulkInsertKeepsMultiByteTextWhateverChunkItLandsIn() {
        Map<Long, Customer> docs = new LinkedHashMap<>();
        for (long i = 0; i < MANY; i++) {
            String text = "中".repeat((int) (i % 13)) + "😀".repeat((int) (i % 5)) + "é" + i;
            docs.put(i, Customer.named("x").withName(text));
        }

        assertThat(byNumber.bulkInsert(docs)).isEqualTo(MANY);

        assertThat(rowCount(store, byNumber)).isEqualTo(MANY);
        for (long i = 0; i < MANY; i++) {
            if (i % 50 == 0 || i > MANY - 20) {
                assertThat(byNumber.load(i)).as("document %d", i).contains(docs.get(i));
            }
        }
        assertThat(RawSql.queryLong(
                        store,
                        "select count(*) from " + TestDatabase.table(store, byNumber)
                                + " where data->>'name' like '%é' || id::text"))
                .contains((long) MANY);
    }

    @Test
    void bulkInsertOfNothingStoresNothing() {
        long before = rowCount(store, customers);

        assertThat(customers.bulkInsert(Map.of())).isZero();

        assertThat(rowCount(store, customers)).isEqualTo(before);
    }
}
