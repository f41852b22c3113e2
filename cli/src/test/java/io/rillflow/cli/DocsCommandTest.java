package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rillflow.Store;
import io.rillflow.documents.DocumentCollection;
import io.rillflow.testing.TestDatabase;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docs list, get, soft-delete and restore on tables the application's typed collections wrote. */
class DocsCommandTest {
    record Customer(String name, String city) {}

    record Counter(long count) {}

    private static Store app;
    private static DocumentCollection<Customer, UUID> customers;
    private static DocumentCollection<Counter, Long> counters;
    private static final UUID ADA = UUID.randomUUID();

    @BeforeAll
    static void open() {
        app = TestDatabase.store(DocsCommandTest.class);
        customers = app.documents(Customer.class, UUID.class);
        counters = app.documents(Counter.class, Long.class);
        customers.put(ADA, new Customer("Ada", "London"));
        counters.put(42L, new Counter(7));
    }

    @AfterAll
    static void close() {
        app.close();
    }

    @Test
    void listAndGetInBothForms() {
        List<JsonNode> names = Cli.on(app, "docs", "list", "--output=json").json();
        assertThat(names).extracting(j -> j.get("name").asText()).containsExactly("counter", "customer");

        JsonNode ada = Cli.on(app, "docs", "get", "customer", ADA.toString(), "--output=json")
                .json()
                .get(0);
        assertThat(ada.get("id").asText()).isEqualTo(ADA.toString());
        assertThat(ada.get("version").asLong())
                .isEqualTo(customers.get(ADA).orElseThrow().version());
        assertThat(ada.get("data").get("city").asText()).isEqualTo("London");
        assertThat(ada.get("deleted_at").isNull()).isTrue();

        Cli.Result table = Cli.on(app, "docs", "get", "counter", "42");
        assertThat(table.exitCode()).isZero();
        assertThat(table.lines().get(0)).startsWith("ID").contains("VERSION", "DELETED_AT", "DATA");
        assertThat(table.lines().get(1)).startsWith("42 ").endsWith("{\"count\":7}");
    }

    @Test
    void softDeleteAndRestoreChangeWhatTheApplicationSees() {
        Cli.Result deleted = Cli.on(app, "docs", "soft-delete", "counter", "42");
        assertThat(deleted.exitCode()).isZero();
        assertThat(deleted.out()).isEqualTo("Soft-deleted counter 42.\n");
        assertThat(counters.get(42L)).isEmpty();
        assertThat(Cli.on(app, "docs", "get", "counter", "42", "--output=json")
                        .json()
                        .get(0)
                        .get("deleted_at")
                        .isNull())
                .isFalse();

        Cli.Result twice = Cli.on(app, "docs", "soft-delete", "counter", "42");
        assertThat(twice.exitCode()).isZero();
        assertThat(twice.out()).isEqualTo("counter 42 was soft-deleted already.\n");

        Cli.Result restored = Cli.on(app, "docs", "restore", "counter", "42");
        assertThat(restored.exitCode()).isZero();
        assertThat(counters.get(42L).orElseThrow().value()).isEqualTo(new Counter(7));
        assertThat(counters.get(42L).orElseThrow().version()).isEqualTo(3);
    }

    @Test
    void unknownTablesIdsAndMalformedIdsChangeNothing() {
        Cli.Result noTable = Cli.on(app, "docs", "get", "invoice", "1");
        assertThat(noTable.exitCode()).isEqualTo(Rillflow.NOT_FOUND);
        assertThat(noTable.err())
                .contains("rf_doc_invoice", "counter, customer")
                .hasLineCount(1);

        Cli.Result noDocument =
                Cli.on(app, "docs", "soft-delete", "customer", UUID.randomUUID().toString());
        assertThat(noDocument.exitCode()).isEqualTo(Rillflow.NOT_FOUND);
        assertThat(Cli.on(app, "docs", "get", "counter", "43").exitCode()).isEqualTo(Rillflow.NOT_FOUND);

        Cli.Result notUuid = Cli.on(app, "docs", "soft-delete", "customer", "42");
        assertThat(notUuid.exitCode()).isEqualTo(Rillflow.USAGE);
        assertThat(notUuid.err())
                .isEqualTo("rillflow: Invalid document id \"42\": the ids of rf_doc_customer are of type uuid\n");
        Cli.Result notNumber = Cli.on(app, "docs", "get", "counter", "forty-two");
        assertThat(notNumber.exitCode()).isEqualTo(Rillflow.USAGE);

        Cli.Result hostile = Cli.on(app, "docs", "soft-delete", "customer\"; drop table x; --", ADA.toString());
        assertThat(hostile.exitCode()).isEqualTo(Rillflow.USAGE);
        assertThat(hostile.err()).contains("Invalid document table name").hasLineCount(1);
        assertThat(customers.get(ADA)).isPresent();
    }
}
