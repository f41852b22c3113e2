package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rillflow.Store;
import io.rillflow.events.Event;
import io.rillflow.events.Expected;
import io.rillflow.tenancy.TenancyStrategy;
import io.rillflow.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docs and streams read commands with --tenant read that tenant's schema, and the store's own without it. */
class TenantReadCommandsTest {
    record Note(String text) {}

    private static TenancyStrategy.SchemaPerTenant tenancy;
    private static Store app;
    private static UUID acmeOrder;
    private static UUID rootOrder;

    @BeforeAll
    static void open() {
        tenancy = TestDatabase.freshTenancy();
        app = TestDatabase.storeBuilder(TenantReadCommandsTest.class)
                .tenancy(tenancy)
                .build();
        app.tenants().ensure("acme");
        app.tenants().ensure("globex");
        Store acme = app.forTenant("acme");
        acme.documents(Note.class, Long.class).put(7L, new Note("acme's"));
        app.documents(Note.class, Long.class).put(7L, new Note("root's"));
        acmeOrder = acme.events().resolveStreamAlias("orders:1");
        rootOrder = app.events().resolveStreamAlias("orders:1");
        acme.events().append(acmeOrder, Expected.noStream(), List.of(Event.of("OrderPlaced", Map.of("sku", "A-1"))));
    }

    @AfterAll
    static void close() {
        app.close();
    }

    @Test
    void docsReadTheNamedTenantsTables() {
        JsonNode acme = run("docs", "get", "note", "7", "--tenant=acme", "--output=json")
                .json()
                .get(0);
        assertThat(acme.get("data").get("text").asText()).isEqualTo("acme's");
        JsonNode root = run("docs", "get", "note", "7", "--output=json").json().get(0);
        assertThat(root.get("data").get("text").asText()).isEqualTo("root's");

        assertThat(run("docs", "list", "--tenant=acme").out()).contains("rf_doc_note");
        assertThat(run("docs", "list", "--tenant=globex").out()).doesNotContain("rf_doc_note");
        Cli.Result missing = run("docs", "get", "note", "7", "--tenant=globex");
        assertThat(missing.exitCode()).isEqualTo(Rillflow.NOT_FOUND);
    }

    @Test
    void softDeleteAndRestoreChangeTheNamedTenantsDocumentOnly() {
        app.forTenant("acme").documents(Note.class, Long.class).put(8L, new Note("acme's eighth"));
        app.documents(Note.class, Long.class).put(8L, new Note("root's eighth"));

        Cli.Result deleted = run("docs", "soft-delete", "note", "8", "--tenant=acme");
        assertThat(deleted.exitCode()).isZero();
        assertThat(deleted.out()).isEqualTo("Soft-deleted note 8.\n");
        assertThat(app.forTenant("acme").documents(Note.class, Long.class).get(8L))
                .isEmpty();
        assertThat(app.documents(Note.class, Long.class).get(8L))
                .as("the store's own is untouched")
                .isPresent();

        assertThat(run("docs", "restore", "note", "8", "--tenant=acme").exitCode())
                .isZero();
        assertThat(app.forTenant("acme").documents(Note.class, Long.class).get(8L))
                .isPresent();
        assertThat(run("docs", "soft-delete", "note", "8", "--tenant=ghost").exitCode())
                .isEqualTo(Rillflow.NOT_FOUND);
    }

    @Test
    void streamsReadTheNamedTenantsAliasesAndEvents() {
        assertThat(run("streams", "resolve", "orders:1", "--tenant=acme", "-o", "json")
                        .json()
                        .get(0)
                        .get("stream_id")
                        .asText())
                .isEqualTo(acmeOrder.toString());
        assertThat(run("streams", "resolve", "orders:1", "-o", "json")
                        .json()
                        .get(0)
                        .get("stream_id")
                        .asText())
                .isEqualTo(rootOrder.toString());
        Cli.Result globex = run("streams", "resolve", "orders:1", "--tenant=globex");
        assertThat(globex.exitCode()).isEqualTo(Rillflow.NOT_FOUND);
        assertThat(globex.err()).contains("schema " + tenancy.schemaFor("globex"));

        List<JsonNode> events = run("streams", "read", acmeOrder.toString(), "--tenant=acme", "--output=json")
                .json();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("type").asText()).isEqualTo("OrderPlaced");
        assertThat(run("streams", "read", acmeOrder.toString()).exitCode()).isEqualTo(Rillflow.NOT_FOUND);

        List<JsonNode> aliases =
                run("streams", "list", "--tenant=acme", "--output=json").json();
        assertThat(aliases).hasSize(1);
        assertThat(aliases.get(0).get("version").asLong()).isEqualTo(1);
    }

    @Test
    void anUnknownOrHostileTenantIsRefusedWithOneLine() {
        Cli.Result ghost = run("docs", "list", "--tenant=ghost");
        assertThat(ghost.exitCode()).isEqualTo(Rillflow.NOT_FOUND);
        assertThat(ghost.err())
                .startsWith("rillflow: Tenant \"ghost\" is not provisioned")
                .hasLineCount(1);
        assertThat(app.tenants().exists("ghost")).isFalse();

        for (String hostile : List.of("acme'; drop schema public cascade; --", "\u0430cme", "a".repeat(10_000))) {
            Cli.Result result = run("streams", "list", "--tenant=" + hostile);
            assertThat(result.exitCode()).as(hostile).isEqualTo(Rillflow.USAGE);
            assertThat(result.err()).startsWith("rillflow: ").hasLineCount(1);
        }
    }

    private static Cli.Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--database-url=" + TestDatabase.jdbcUrl());
        all.add("--schema=" + app.schemaName());
        all.add("--tenant-schema-pattern=" + tenancy.schemaPattern());
        return Cli.run(all.toArray(String[]::new));
    }
}
