package io.rillflow.documents;

import static io.rillflow.documents.RawSql.storedJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.rillflow.InvalidIdentifierException;
import io.rillflow.SerializationException;
import io.rillflow.Store;
import io.rillflow.documents.SampleDocuments.Board;
import io.rillflow.documents.SampleDocuments.Customer;
import io.rillflow.testing.TestDatabase;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A patch of a typed collection names properties the document class reads back, with a value of the property's type;
 * otherwise it is refused before SQL and the document stays readable. Untyped collections take any path.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PatchPathCheckTest {
    record Renamed(@JsonProperty("full_name") String name, int age) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Lenient(String name) {}

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

    @Test
    void aMisspeltPropertyIsRefusedWithDidYouMeanAndTheDocumentStaysReadable() {
        UUID id = stored(Customer.named("Ada"));
        String before = storedJson(store, customers, id).orElseThrow();

        assertThatThrownBy(() -> customers.patch(id, "nmae", "typo"))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessageContaining("customer/" + id)
                .hasMessageContaining("\"nmae\"")
                .hasMessageContaining("Did you mean \"name\"?");
        assertThatThrownBy(() -> customers.patch(id, Patch.set("name", "fine").and("emial", "x")))
                .hasMessageContaining("Did you mean \"email\"?");
        assertThatThrownBy(() -> customers.patch(id, "zzzzzzzz", 1))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessageContaining("Its properties are [address, balance, birthday");

        assertThat(storedJson(store, customers, id)).contains(before);
        assertThat(customers.get(id).orElseThrow().version()).isEqualTo(1);
        assertThat(customers.query().list()).isNotEmpty();
    }

    @Test
    void nestedPathsAreCheckedIntoRecordsAndListsAndScalarsHaveNoFields() {
        UUID id = stored(Customer.named("Grace"));

        assertThatThrownBy(() -> customers.patch(id, "address.ctiy", "Paris"))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessageContaining("address has no property \"ctiy\"")
                .hasMessageContaining("Did you mean \"city\"?");
        assertThatThrownBy(() -> customers.patch(id, "address.geo.latt", 1.0))
                .hasMessageContaining("address.geo has no property \"latt\"")
                .hasMessageContaining("Did you mean \"lat\"?");
        assertThatThrownBy(() -> customers.patch(id, "name.first", "G"))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessageContaining("name is a String, which has no field \"first\"");
        assertThatThrownBy(() -> customers.patch(id, "tags.first", "x"))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessageContaining("tags is a list");

        assertThat(customers.patch(id, "address.geo.lat", 1.5)).isEqualTo(2);
        assertThat(customers.get(id).orElseThrow().value().address().geo().lat())
                .isEqualTo(1.5);
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedNamingThePathAndType() {
        UUID id = stored(Customer.named("Barbara"));

        assertThatThrownBy(() -> customers.patch(id, "balance", "lots"))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("customer/" + id)
                .hasMessageContaining("balance")
                .hasMessageContaining("BigDecimal");
        assertThatThrownBy(() -> customers.patch(id, "tier", "PLATINUM"))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("tier");
        assertThatThrownBy(() -> customers.patch(id, "address", Map.of("town", "x")))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("town");

        assertThat(customers.get(id).orElseThrow().version()).isEqualTo(1);
        assertThat(customers.patch(id, "balance", new BigDecimal("3.50"))).isEqualTo(2);
        assertThat(customers.patch(id, "tags", List.of("x"))).isEqualTo(3);
    }

    @Test
    void jacksonNamesMapsAndTypesAcceptingUnknownFieldsDecideWhatIsFree() {
        DocumentCollection<Renamed, UUID> renamed = store.documents(Renamed.class, UUID.class, "renamed");
        UUID id = UUID.randomUUID();
        renamed.put(id, new Renamed("Alan", 41));
        assertThatThrownBy(() -> renamed.patch(id, "name", "x")).isInstanceOf(InvalidIdentifierException.class);
        assertThatThrownBy(() -> renamed.patch(id, "fullname", "x"))
                .hasMessageContaining("Did you mean \"full_name\"?");
        renamed.patch(id, "full_name", "Alan T.");
        assertThat(renamed.get(id).orElseThrow().value()).isEqualTo(new Renamed("Alan T.", 41));

        DocumentCollection<Board, UUID> boards = store.documents(Board.class, UUID.class, "boards");
        boards.put(id, new Board("b", Map.of()));
        boards.patch(id, "slots.anyKey", "v");
        assertThat(boards.get(id).orElseThrow().value().slots()).containsEntry("anyKey", "v");

        DocumentCollection<Lenient, UUID> lenient = store.documents(Lenient.class, UUID.class, "lenient");
        lenient.put(id, new Lenient("l"));
        lenient.patch(id, "extra", 1);
        assertThat(lenient.get(id).orElseThrow().value()).isEqualTo(new Lenient("l"));
    }

    @Test
    void untypedCollectionsTakeAnyPath() {
        DocumentCollection<JsonNode, String> untyped = store.documents(JsonNode.class, String.class, "untyped");
        untyped.put("u1", store.objectMapper().createObjectNode().put("name", "free"));

        assertThat(untyped.patch("u1", "nmae", "typo")).isEqualTo(2);
        assertThat(untyped.patch("u1", "deep.er.path", List.of(1, 2))).isEqualTo(3);
        assertThat(untyped.get("u1").orElseThrow().value().get("nmae").asText()).isEqualTo("typo");

        DocumentCollection<Map, String> maps = store.documents(Map.class, String.class, "maps");
        maps.put("m1", Map.of("a", 1));
        assertThat(maps.patch("m1", "b.c", "d")).isEqualTo(2);
    }
}
