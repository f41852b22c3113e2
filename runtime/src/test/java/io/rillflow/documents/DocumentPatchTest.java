package io.rillflow.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rillflow.ConcurrencyException;
import io.rillflow.DocumentNotFoundException;
import io.rillflow.Store;
import io.rillflow.documents.SampleDocuments.Address;
import io.rillflow.documents.SampleDocuments.Customer;
import io.rillflow.documents.SampleDocuments.Geo;
import io.rillflow.documents.SampleDocuments.Tier;
import io.rillflow.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Server-side patches and single-field reads. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentPatchTest {
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

    private UUID stored(Customer customer) {
        UUID id = UUID.randomUUID();
        customers.put(id, customer);
        return id;
    }

    private static Customer withAddressAndTags() {
        return new Customer(
                "Edsger",
                "ewd@example.com",
                new Address("Plantage Muidergracht 24", "Amsterdam", null),
                List.of("a", "b", "c"),
                Tier.SILVER,
                Instant.parse("2020-05-05T05:05:05Z"),
                LocalDate.of(1930, 5, 11),
                new BigDecimal("12.50"));
    }

    @Test
    void patchSetsOneFieldBumpsTheVersionAndKeepsTheOthers() {
        UUID id = stored(Customer.named("Alan"));

        assertThat(customers.patch(id, "name", "Alan Turing")).isEqualTo(2);

        assertThat(customers.get(id))
                .contains(new Versioned<>(Customer.named("Alan").withName("Alan Turing"), 2));
        assertThat(customers.patch(id, "tier", Tier.GOLD)).isEqualTo(3);
        assertThat(customers.load(id).orElseThrow().tier()).isEqualTo(Tier.GOLD);
    }

    @Test
    void patchOfANestedPathCreatesEveryMissingParent() {
        UUID id = stored(Customer.named("Nomad"));
        assertThat(customers.load(id).orElseThrow().address()).isNull();

        assertThat(customers.patch(id, "address.geo.lat", 52.5)).isEqualTo(2);

        Customer loaded = customers.load(id).orElseThrow();
        assertThat(loaded.address()).isEqualTo(new Address(null, null, new Geo(52.5, null)));
        assertThat(customers.getField(id, "address.geo.lat", Double.class)).contains(52.5);
        assertThat(loaded).isEqualTo(Customer.named("Nomad").withAddress(new Address(null, null, new Geo(52.5, null))));
    }

    @Test
    void patchOfANestedPathKeepsTheSiblingsOfExistingParents() {
        UUID id = stored(withAddressAndTags());

        customers.patch(id, "address.geo.lon", 4.9);

        assertThat(customers.load(id).orElseThrow().address())
                .isEqualTo(new Address("Plantage Muidergracht 24", "Amsterdam", new Geo(null, 4.9)));
    }

    @Test
    void patchOfAnArrayElementByIndexReplacesOnlyThatElement() {
        UUID id = stored(withAddressAndTags());

        customers.patch(id, "tags.1", "B");

        assertThat(customers.load(id).orElseThrow().tags()).containsExactly("a", "B", "c");
        assertThat(customers.getField(id, "tags.1", String.class)).contains("B");
    }

    @Test
    void patchWithAnObjectValueStoresItAsNestedJson() {
        UUID id = stored(Customer.named("Mover"));
        Address address = new Address("Rue de Rivoli 1", "Paris", new Geo(48.86, 2.35));

        customers.patch(id, "address", address);

        assertThat(customers.load(id).orElseThrow().address()).isEqualTo(address);
        assertThat(customers.getField(id, "address", Address.class)).contains(address);
        assertThat(customers.getField(id, "address.city", String.class)).contains("Paris");
    }

    @Test
    void patchWithNullStoresJsonNull() {
        UUID id = stored(withAddressAndTags());

        assertThat(customers.patch(id, "email", null)).isEqualTo(2);

        assertThat(customers.load(id).orElseThrow().email()).isNull();
        assertThat(customers.getField(id, "email")).isEmpty();
    }

    @Test
    void patchWithSeveralFieldsAppliesThemAllInOneVersion() {
        UUID id = stored(Customer.named("Many"));

        long version = customers.patch(
                id,
                Patch.set("name", "Many Fields")
                        .and("tier", Tier.GOLD)
                        .and("address.city", "Oslo")
                        .and("balance", new BigDecimal("99.90"))
                        .and("birthday", LocalDate.of(2000, 2, 29)));

        assertThat(version).isEqualTo(2);
        Customer loaded = customers.load(id).orElseThrow();
        assertThat(loaded.name()).isEqualTo("Many Fields");
        assertThat(loaded.tier()).isEqualTo(Tier.GOLD);
        assertThat(loaded.address()).isEqualTo(new Address(null, "Oslo", null));
        assertThat(loaded.balance()).isEqualTo(new BigDecimal("99.90"));
        assertThat(loaded.birthday()).isEqualTo(LocalDate.of(2000, 2, 29));
        assertThat(loaded.email()).isEqualTo("many@example.com");
    }

    @Test
    void patchSettingOnePathTwiceKeepsTheLaterValue() {
        UUID id = stored(Customer.named("Twice"));

        customers.patch(
                id, Patch.set("name", "first").and("address.city", "Rome").and("name", "second"));

        Customer loaded = customers.load(id).orElseThrow();
        assertThat(loaded.name()).isEqualTo("second");
        assertThat(loaded.address().city()).isEqualTo("Rome");
    }

    @Test
    void patchWithTheCurrentVersionApplies() {
        UUID id = stored(Customer.named("Checked"));
        customers.put(id, Customer.named("Checked"));

        assertThat(customers.patch(id, 2, "name", "Checked Twice")).isEqualTo(3);
        assertThat(customers.patch(id, 3, Patch.set("tier", Tier.SILVER).and("email", "c@x")))
                .isEqualTo(4);

        Versioned<Customer> stored = customers.get(id).orElseThrow();
        assertThat(stored.version()).isEqualTo(4);
        assertThat(stored.value().name()).isEqualTo("Checked Twice");
        assertThat(stored.value().tier()).isEqualTo(Tier.SILVER);
        assertThat(stored.value().email()).isEqualTo("c@x");
    }

    @Test
    void patchWithStaleVersionFailsNamingExpectedAndActualAndChangesNothing() {
        UUID id = stored(Customer.named("Stale"));
        customers.patch(id, "name", "Stale 2");

        assertThatThrownBy(() -> customers.patch(id, 1, "name", "lost"))
                .isInstanceOfSatisfying(ConcurrencyException.class, e -> {
                    assertThat(e.expected()).isEqualTo("1");
                    assertThat(e.actual()).isEqualTo(2);
                    assertThat(e.target()).isEqualTo("document customer/" + id);
                });
        assertThatThrownBy(
                        () -> customers.patch(id, 3, Patch.set("name", "lost").and("tier", Tier.GOLD)))
                .isInstanceOfSatisfying(ConcurrencyException.class, e -> {
                    assertThat(e.expected()).isEqualTo("3");
                    assertThat(e.actual()).isEqualTo(2);
                });

        assertThat(customers.get(id))
                .contains(new Versioned<>(Customer.named("Stale").withName("Stale 2"), 2));
    }

    @Test
    void patchOfASoftDeletedDocumentFailsAsNotFoundWithOrWithoutVersion() {
        UUID id = stored(Customer.named("Gone"));
        customers.softDelete(id);

        assertThatThrownBy(() -> customers.patch(id, "name", "ghost"))
                .isInstanceOf(DocumentNotFoundException.class)
                .hasMessageContaining(id.toString());
        assertThatThrownBy(() -> customers.patch(id, 2, "name", "ghost"))
                .isInstanceOf(DocumentNotFoundException.class)
                .hasMessageContaining(id.toString());

        assertThat(RawSql.storedVersion(store, customers, id)).contains(2L);
        assertThat(RawSql.storedJson(store, customers, id).orElseThrow()).doesNotContain("ghost");
    }

    @Test
    void getFieldReturnsTheJsonNodeOrTheTypedValue() {
        UUID id = stored(withAddressAndTags());

        JsonNode name = customers.getField(id, "name").orElseThrow();
        assertThat(name.isTextual()).isTrue();
        assertThat(name.asText()).isEqualTo("Edsger");
        assertThat(customers.getField(id, "address").orElseThrow().get("city").asText())
                .isEqualTo("Amsterdam");
        assertThat(customers.getField(id, "tags").orElseThrow().size()).isEqualTo(3);
        assertThat(customers.getField(id, "address.city", String.class)).contains("Amsterdam");
        assertThat(customers.getField(id, "tags.2", String.class)).contains("c");
        assertThat(customers.getField(id, "tier", Tier.class)).contains(Tier.SILVER);
        assertThat(customers.getField(id, "birthday", LocalDate.class)).contains(LocalDate.of(1930, 5, 11));
        assertThat(customers.getField(id, "since", Instant.class)).contains(Instant.parse("2020-05-05T05:05:05Z"));
        assertThat(customers.getField(id, "balance", BigDecimal.class)).contains(new BigDecimal("12.50"));
    }

    @Test
    void getFieldIsEmptyForAbsentOrNullFields() {
        UUID id = stored(withAddressAndTags());

        assertThat(customers.getField(id, "nickname")).isEmpty();
        assertThat(customers.getField(id, "address.geo")).isEmpty();
        assertThat(customers.getField(id, "address.geo.lat")).isEmpty();
        assertThat(customers.getField(id, "tags.9", String.class)).isEmpty();
        assertThat(customers.getField(id, "name.first")).isEmpty();
    }
}
