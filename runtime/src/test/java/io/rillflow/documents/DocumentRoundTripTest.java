package io.rillflow.documents;

import static io.rillflow.documents.RawSql.storedVersion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.ConcurrencyException;
import io.rillflow.Store;
import io.rillflow.documents.SampleDocuments.Address;
import io.rillflow.documents.SampleDocuments.Cart;
import io.rillflow.documents.SampleDocuments.Customer;
import io.rillflow.documents.SampleDocuments.Geo;
import io.rillflow.documents.SampleDocuments.Tier;
import io.rillflow.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every write and read of a document collection against PostgreSQL, with UUID, String and Long ids. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentRoundTripTest {
    private Store store;
    private DocumentCollection<Customer, UUID> customers;
    private DocumentCollection<Customer, String> customersByCode;
    private DocumentCollection<Customer, Long> customersByNumber;
    private DocumentCollection<Cart, UUID> carts;

    @BeforeAll
    void open() {
        store = TestDatabase.store(getClass());
        customers = store.documents(Customer.class, UUID.class);
        customersByCode = store.documents(Customer.class, String.class, "customer_by_code");
        customersByNumber = store.documents(Customer.class, Long.class, "customer_by_number");
        carts = store.documents(Cart.class, UUID.class);
    }

    @AfterAll
    void close() {
        store.close();
    }

    private static Customer richCustomer() {
        return new Customer(
                "Zoë O'Brien \"the first\"",
                "zoe@example.com",
                new Address("Hauptstraße 1", "Berlin", new Geo(52.520008, 13.404954)),
                List.of("vip", "early-adopter", "ünïcødé ✓"),
                Tier.GOLD,
                Instant.parse("2024-02-29T23:59:59.123456789Z"),
                LocalDate.of(1985, 12, 31),
                new BigDecimal("1234567890.50"));
    }

    @Test
    void defaultDocumentNameIsTheSnakeCaseSimpleName() {
        assertThat(customers.name()).isEqualTo("customer");
        assertThat(TestDatabase.table(store, customers))
                .isEqualTo("\"" + store.schemaName() + "\".\"rf_doc_customer\"");
        assertThat(customers.documentType()).isEqualTo(Customer.class);
        assertThat(customers.idType()).isEqualTo(UUID.class);
        assertThat(store.documents(Customer.class, UUID.class)).isSameAs(customers);
    }

    @Test
    void putReturnsOneThenTwoAndGetReturnsTheLatestBodyWithItsVersion() {
        UUID id = UUID.randomUUID();

        assertThat(customers.put(id, Customer.named("Ada"))).isEqualTo(1);
        assertThat(customers.get(id)).contains(new Versioned<>(Customer.named("Ada"), 1));

        assertThat(customers.put(id, Customer.named("Ada Lovelace"))).isEqualTo(2);
        assertThat(customers.get(id)).contains(new Versioned<>(Customer.named("Ada Lovelace"), 2));
        assertThat(customers.put(id, Customer.named("Ada King"))).isEqualTo(3);
        assertThat(storedVersion(store, customers, id)).contains(3L);
    }

    @Test
    void recordWithNestedRecordsListsEnumsInstantsAndDatesSurvivesTheRoundTrip() {
        UUID id = UUID.randomUUID();
        Customer original = richCustomer();

        customers.put(id, original);

        Customer loaded = customers.load(id).orElseThrow();
        assertThat(loaded).isEqualTo(original);
        assertThat(loaded.since().getNano()).isEqualTo(123456789);
        assertThat(loaded.balance()).isEqualTo(new BigDecimal("1234567890.50"));
        assertThat(loaded.address().geo()).isEqualTo(new Geo(52.520008, 13.404954));
        assertThat(RawSql.storedJson(store, customers, id).orElseThrow())
                .contains("\"tier\": \"GOLD\"")
                .contains("\"birthday\": \"1985-12-31\"");
    }

    @Test
    void getAndLoadAreEmptyForAnUnknownId() {
        UUID id = UUID.randomUUID();

        assertThat(customers.get(id)).isEmpty();
        assertThat(customers.load(id)).isEmpty();
        assertThat(storedVersion(store, customers, id)).isEmpty();
    }

    @Test
    void loadReturnsTheDocumentWithoutItsVersion() {
        UUID id = UUID.randomUUID();
        customers.put(id, Customer.named("Grace"));
        customers.put(id, Customer.named("Grace Hopper"));

        assertThat(customers.load(id)).contains(Customer.named("Grace Hopper"));
    }

    @Test
    void stringIdsAreBoundAsValuesWhateverTheyContain() {
        List<String> ids = List.of(
                "plain",
                "o'brien\"; drop table rf_doc_customer_by_code;--",
                "tab\tnew\nline\\back",
                "ünïcødé-😀",
                "",
                "PLAIN");

        for (int i = 0; i < ids.size(); i++) {
            assertThat(customersByCode.put(ids.get(i), Customer.named("Customer " + i)))
                    .isEqualTo(1);
        }

        for (int i = 0; i < ids.size(); i++) {
            assertThat(customersByCode.get(ids.get(i)))
                    .as("id %s", ids.get(i))
                    .contains(new Versioned<>(Customer.named("Customer " + i), 1));
        }
        assertThat(customersByCode.get("Plain")).isEmpty();
        assertThat(RawSql.rowCount(store, customersByCode)).isEqualTo(ids.size());
    }

    @Test
    void longIdsRoundTripIncludingExtremes() {
        List<Long> ids = List.of(0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 42L);

        for (Long id : ids) {
            assertThat(customersByNumber.put(id, Customer.named("Number " + id)))
                    .isEqualTo(1);
        }

        for (Long id : ids) {
            assertThat(customersByNumber.load(id)).contains(Customer.named("Number " + id));
        }
        assertThat(customersByNumber.put(42L, Customer.named("Again"))).isEqualTo(2);
        assertThat(customersByNumber.get(43L)).isEmpty();
    }

    @Test
    void longIdsPassedAsPrimitiveClassWork() {
        DocumentCollection<Customer, Long> primitive =
                store.documents(Customer.class, long.class, "customer_by_primitive_number");

        assertThat(primitive.idType()).isEqualTo(Long.class);
        assertThat(store.documents(Customer.class, Long.class, "customer_by_primitive_number"))
                .isSameAs(primitive);
        assertThat(primitive.put(7L, Customer.named("Seven"))).isEqualTo(1);
        assertThat(primitive.get(7L)).contains(new Versioned<>(Customer.named("Seven"), 1));
        assertThat(primitive.patch(7L, "name", "Sieben")).isEqualTo(2);
        assertThat(primitive.delete(7L)).isTrue();
    }

    @Test
    void putWithExpectedVersionZeroCreatesOnlyWhenTheIdIsFree() {
        UUID id = UUID.randomUUID();

        assertThat(customers.put(id, Customer.named("First"), 0)).isEqualTo(1);

        assertThatThrownBy(() -> customers.put(id, Customer.named("Second"), 0))
                .isInstanceOfSatisfying(ConcurrencyException.class, e -> {
                    assertThat(e.expected()).isEqualTo("0 (no document)");
                    assertThat(e.actual()).isEqualTo(1);
                    assertThat(e.target()).isEqualTo("document customer/" + id);
                });
        assertThat(customers.get(id)).contains(new Versioned<>(Customer.named("First"), 1));
    }

    @Test
    void putWithTheCurrentVersionWritesAndBumpsIt() {
        UUID id = UUID.randomUUID();
        customers.put(id, Customer.named("One"));

        assertThat(customers.put(id, Customer.named("Two"), 1)).isEqualTo(2);
        assertThat(customers.put(id, Customer.named("Three"), 2)).isEqualTo(3);

        assertThat(customers.get(id)).contains(new Versioned<>(Customer.named("Three"), 3));
    }

    @Test
    void putWithStaleVersionFailsNamingExpectedAndActualAndWritesNothing() {
        UUID id = UUID.randomUUID();
        customers.put(id, Customer.named("v1"));
        customers.put(id, Customer.named("v2"));
        customers.put(id, Customer.named("v3"));

        assertThatThrownBy(() -> customers.put(id, Customer.named("stale"), 2))
                .isInstanceOfSatisfying(ConcurrencyException.class, e -> {
                    assertThat(e.expected()).isEqualTo("2");
                    assertThat(e.actual()).isEqualTo(3);
                    assertThat(e.target()).isEqualTo("document customer/" + id);
                })
                .hasMessageContaining("customer/" + id)
                .hasMessageContaining("expected 2")
                .hasMessageContaining("actual version is 3");
        assertThatThrownBy(() -> customers.put(id, Customer.named("future"), 4))
                .isInstanceOfSatisfying(
                        ConcurrencyException.class, e -> assertThat(e.actual()).isEqualTo(3));
        assertThat(customers.get(id)).contains(new Versioned<>(Customer.named("v3"), 3));
    }

    @Test
    void putWithExpectedVersionOnAMissingDocumentFailsWithActualZero() {
        UUID id = UUID.randomUUID();

        assertThatThrownBy(() -> customers.put(id, Customer.named("Nobody"), 1))
                .isInstanceOfSatisfying(ConcurrencyException.class, e -> {
                    assertThat(e.expected()).isEqualTo("1");
                    assertThat(e.actual()).isZero();
                })
                .hasMessageContaining("does not exist");
        assertThat(customers.get(id)).isEmpty();
        assertThat(storedVersion(store, customers, id)).isEmpty();
    }

    @Test
    void insertReturnsOneAndRejectsATakenId() {
        UUID id = UUID.randomUUID();

        assertThat(customers.insert(id, Customer.named("Original"))).isEqualTo(1);

        assertThatThrownBy(() -> customers.insert(id, Customer.named("Duplicate")))
                .isInstanceOfSatisfying(
                        ConcurrencyException.class, e -> assertThat(e.actual()).isEqualTo(1));
        assertThat(customers.get(id)).contains(new Versioned<>(Customer.named("Original"), 1));
    }

    @Test
    void upsertInsertsThenOverwrites() {
        UUID id = UUID.randomUUID();

        assertThat(customers.upsert(id, Customer.named("Inserted"))).isEqualTo(1);
        assertThat(customers.upsert(id, Customer.named("Overwritten"))).isEqualTo(2);

        assertThat(customers.get(id)).contains(new Versioned<>(Customer.named("Overwritten"), 2));
    }

    @Test
    void updateWithExpectedVersionAppliesTheChangeAndReturnsTheNewVersion() {
        UUID id = UUID.randomUUID();
        customers.put(id, Customer.named("Linus"));

        Versioned<Customer> updated = customers.update(id, 1, c -> c.withTier(Tier.SILVER));

        assertThat(updated).isEqualTo(new Versioned<>(Customer.named("Linus").withTier(Tier.SILVER), 2));
        assertThat(customers.get(id)).contains(updated);
    }

    @Test
    void updateWithStaleVersionFailsWithoutCallingTheChange() {
        UUID id = UUID.randomUUID();
        customers.put(id, Customer.named("Ken"));
        customers.put(id, Customer.named("Ken Thompson"));
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> customers.update(id, 1, c -> {
                    calls.incrementAndGet();
                    return c.withName("stale");
                }))
                .isInstanceOfSatisfying(ConcurrencyException.class, e -> {
                    assertThat(e.expected()).isEqualTo("1");
                    assertThat(e.actual()).isEqualTo(2);
                });
        assertThat(calls).hasValue(0);
        assertThat(customers.get(id)).contains(new Versioned<>(Customer.named("Ken Thompson"), 2));
    }

    @Test
    void updateWithExpectedVersionFailsWhenAnotherWriterGetsInBetweenReadAndWrite() {
        UUID id = UUID.randomUUID();
        customers.put(id, Customer.named("Dennis"));

        assertThatThrownBy(() -> customers.update(id, 1, c -> {
                    customers.put(id, Customer.named("Interloper"));
                    return c.withName("Dennis Ritchie");
                }))
                .isInstanceOfSatisfying(ConcurrencyException.class, e -> {
                    assertThat(e.expected()).isEqualTo("1");
                    assertThat(e.actual()).isEqualTo(2);
                });
        assertThat(customers.get(id)).contains(new Versioned<>(Customer.named("Interloper"), 2));
    }

    @Test
    void updateWithoutVersionRereadsAndReappliesAfterLosingARace() {
        UUID id = UUID.randomUUID();
        customers.put(id, Customer.named("Barbara"));
        AtomicInteger calls = new AtomicInteger();

        Versioned<Customer> updated = customers.update(id, c -> {
            if (calls.incrementAndGet() == 1) {
                // Another writer changes the document after this read: the first write must fail and be retried.
                customers.put(id, c.withTier(Tier.GOLD));
            }
            return c.withName(c.name() + " Liskov");
        });

        assertThat(calls).hasValue(2);
        Customer expected = Customer.named("Barbara").withTier(Tier.GOLD).withName("Barbara Liskov");
        assertThat(updated).isEqualTo(new Versioned<>(expected, 3));
        assertThat(customers.get(id)).contains(updated);
    }

    @Test
    void updateWithoutVersionGivesUpWithConcurrencyExceptionWhenItKeepsLosing() {
        UUID id = UUID.randomUUID();
        customers.put(id, Customer.named("Unlucky"));
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> customers.update(id, c -> {
                    calls.incrementAndGet();
                    customers.put(id, Customer.named("Interloper " + calls.get()));
                    return c.withName("never stored");
                }))
                .isInstanceOf(ConcurrencyException.class);

        assertThat(calls.get()).isGreaterThan(1);
        assertThat(customers.get(id))
                .contains(new Versioned<>(Customer.named("Interloper " + calls.get()), 1L + calls.get()));
    }

    @Test
    void mutateWithExpectedVersionChangesAMutableDocumentInPlace() {
        UUID id = UUID.randomUUID();
        carts.put(id, new Cart("ada", "apple"));

        Versioned<Cart> mutated = carts.mutate(id, 1, cart -> {
            cart.items.add("pear");
            cart.revision++;
        });

        assertThat(mutated.version()).isEqualTo(2);
        assertThat(mutated.value().items).containsExactly("apple", "pear");
        Versioned<Cart> stored = carts.get(id).orElseThrow();
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.value().owner).isEqualTo("ada");
        assertThat(stored.value().items).containsExactly("apple", "pear");
        assertThat(stored.value().revision).isEqualTo(1);
    }

    @Test
    void mutateWithStaleVersionFailsAndChangesNothing() {
        UUID id = UUID.randomUUID();
        carts.put(id, new Cart("bob", "bread"));
        carts.put(id, new Cart("bob", "bread", "butter"));

        assertThatThrownBy(() -> carts.mutate(id, 1, cart -> cart.items.clear()))
                .isInstanceOfSatisfying(
                        ConcurrencyException.class, e -> assertThat(e.actual()).isEqualTo(2));

        assertThat(carts.load(id).orElseThrow().items).containsExactly("bread", "butter");
    }

    @Test
    void mutateWithoutVersionAppliesToTheCurrentDocument() {
        UUID id = UUID.randomUUID();
        carts.put(id, new Cart("cy", "milk"));
        carts.put(id, new Cart("cy", "milk", "eggs"));

        Versioned<Cart> mutated = carts.mutate(id, cart -> cart.items.remove("milk"));

        assertThat(mutated.version()).isEqualTo(3);
        assertThat(carts.load(id).orElseThrow().items).containsExactly("eggs");
    }

    @Test
    void mutateWithoutVersionRetriesOnAFreshCopyAfterLosingARace() {
        UUID id = UUID.randomUUID();
        carts.put(id, new Cart("di", "tea"));
        AtomicInteger calls = new AtomicInteger();

        carts.mutate(id, cart -> {
            if (calls.incrementAndGet() == 1) {
                carts.put(id, new Cart("di", "tea", "coffee"));
            }
            cart.items.add("cake");
        });

        assertThat(calls).hasValue(2);
        Versioned<Cart> stored = carts.get(id).orElseThrow();
        assertThat(stored.version()).isEqualTo(3);
        assertThat(stored.value().items).containsExactly("tea", "coffee", "cake");
    }

    @Test
    void writesToOneCollectionNeverShowInAnother() {
        UUID id = UUID.randomUUID();
        customers.put(id, Customer.named("Only here"));

        assertThat(carts.get(id)).isEmpty();
        assertThat(customersByCode.get(id.toString())).isEmpty();
    }
}
