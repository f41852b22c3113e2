package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rillflow.Store;
import io.rillflow.documents.DocumentCollection;
import io.rillflow.events.Event;
import io.rillflow.events.Expected;
import io.rillflow.subscriptions.SubscriptionFilter;
import io.rillflow.subscriptions.SubscriptionOptions;
import io.rillflow.tenancy.TenancyStrategy;
import io.rillflow.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command on a conjoined schema, which it recognises by its migrations: {@code --tenant} reads and changes that
 * tenant's rows only, the same ids living in each tenant, and the tenants commands administer {@code rf_tenants}.
 */
class ConjoinedCommandsTest {
    record Note(String text) {}

    private static Store app;
    private static UUID acmeOrder;
    private static UUID globexOrder;

    @BeforeAll
    static void open() {
        app = TestDatabase.storeBuilder(ConjoinedCommandsTest.class)
                .tenancy(TenancyStrategy.conjoined())
                .build();
        app.tenants().ensure("acme");
        app.tenants().ensure("globex");
        notes(app.forTenant("acme")).put(7L, new Note("acme's"));
        notes(app.forTenant("acme")).put(9L, new Note("acme's only"));
        notes(app.forTenant("globex")).put(7L, new Note("globex's"));
        notes(app).put(7L, new Note("default's"));
        acmeOrder = app.forTenant("acme").events().resolveStreamAlias("orders:1");
        app.forTenant("acme").events().resolveStreamAlias("acme:only");
        globexOrder = app.forTenant("globex").events().resolveStreamAlias("orders:1");
        app.forTenant("globex").events().resolveStreamAlias("globex:only");
        app.forTenant("acme")
                .events()
                .append(acmeOrder, Expected.noStream(), List.of(Event.of("OrderPlaced", Map.of("sku", "A-1"))));
    }

    @AfterAll
    static void close() {
        app.close();
    }

    @Test
    void docsGetReadsTheNamedTenantsRowOfTheSameId() {
        assertThat(text(run("docs", "get", "note", "7", "--tenant=acme", "-o", "json")))
                .isEqualTo("acme's");
        assertThat(text(run("docs", "get", "note", "7", "--tenant=globex", "-o", "json")))
                .isEqualTo("globex's");
        assertThat(text(run("docs", "get", "note", "7", "-o", "json"))).isEqualTo("default's");

        Cli.Result hidden = run("docs", "get", "note", "9", "--tenant=globex");
        assertThat(hidden.exitCode()).as("acme's document, asked for as globex").isEqualTo(Rillflow.NOT_FOUND);
        assertThat(hidden.err())
                .isEqualTo(
                        "rillflow: No document 9 in rf_doc_note of tenant globex in schema " + app.schemaName() + "\n");
        assertThat(run("docs", "get", "note", "9").err())
                .isEqualTo("rillflow: No document 9 in rf_doc_note of the default tenant in schema " + app.schemaName()
                        + "\n");
        assertThat(run("docs", "list", "--tenant=acme").out()).contains("rf_doc_note");
    }

    @Test
    void softDeleteAndRestoreTouchTheNamedTenantsRowOnly() {
        notes(app.forTenant("acme")).put(8L, new Note("acme's eighth"));
        notes(app.forTenant("globex")).put(8L, new Note("globex's eighth"));

        assertThat(run("docs", "soft-delete", "note", "8", "--tenant=acme").exitCode())
                .isZero();
        assertThat(notes(app.forTenant("acme")).get(8L)).isEmpty();
        assertThat(notes(app.forTenant("globex")).get(8L)).isPresent();

        assertThat(run("docs", "restore", "note", "8", "--tenant=acme").exitCode())
                .isZero();
        assertThat(notes(app.forTenant("acme")).get(8L)).isPresent();
    }

    @Test
    void streamsResolveReadAndListTheNamedTenantsAliasesOnly() {
        assertThat(streamId(run("streams", "resolve", "orders:1", "--tenant=acme", "-o", "json")))
                .isEqualTo(acmeOrder.toString());
        assertThat(streamId(run("streams", "resolve", "orders:1", "--tenant=globex", "-o", "json")))
                .isEqualTo(globexOrder.toString());

        assertThat(run("streams", "read", acmeOrder.toString(), "--tenant=acme", "-o", "json")
                        .json())
                .extracting(event -> event.get("type").asText())
                .containsExactly("OrderPlaced");
        Cli.Result elsewhere = run("streams", "read", acmeOrder.toString(), "--tenant=globex");
        assertThat(elsewhere.exitCode()).isEqualTo(Rillflow.NOT_FOUND);
        assertThat(elsewhere.err())
                .isEqualTo(
                        "rillflow: No stream " + acmeOrder + " of tenant globex in schema " + app.schemaName() + "\n");
        assertThat(run("streams", "resolve", "acme:only", "--tenant=globex").err())
                .isEqualTo("rillflow: No stream alias \"acme:only\" is recorded for tenant globex in schema "
                        + app.schemaName() + "\n");

        assertThat(run("streams", "list", "--tenant=acme", "-o", "json").json())
                .extracting(alias -> alias.get("alias").asText())
                .containsExactly("acme:only", "orders:1");
        assertThat(run("streams", "list", "--tenant=globex", "-o", "json").json())
                .extracting(alias -> alias.get("alias").asText())
                .containsExactly("globex:only", "orders:1");
    }

    @Test
    void allTenantsIsRefusedOnAConjoinedSchemaWhoseTenantsShareItsTables() {
        for (String[] command : List.of(
                new String[] {"projections", "list"},
                new String[] {"projections", "status", "audit"},
                new String[] {"subscriptions", "list"},
                new String[] {"subscriptions", "status", "mailer"},
                new String[] {"schema-plan"})) {
            List<String> args = new java.util.ArrayList<>(List.of(command));
            args.add("--all-tenants");
            Cli.Result refused = run(args.toArray(String[]::new));
            assertThat(refused.exitCode()).as(String.join(" ", command)).isEqualTo(Rillflow.USAGE);
            assertThat(refused.out()).isEmpty();
            assertThat(refused.err())
                    .startsWith(
                            "rillflow: --all-tenants reads one schema per tenant, but the tenants of conjoined schema "
                                    + app.schemaName() + " share its tables")
                    .hasLineCount(1);
        }
    }

    @Test
    void tenantsCommandsAdministerTheConjoinedRegistry() {
        Cli.Result ensure = run("tenants", "ensure", "initech");
        assertThat(ensure.exitCode()).isZero();
        assertThat(ensure.out())
                .isEqualTo("Provisioned tenant initech in conjoined schema " + app.schemaName() + ".\n");
        assertThat(app.tenants().exists("initech")).isTrue();

        assertThat(run("tenants", "list", "-o", "json").json())
                .extracting(row ->
                        row.get("tenant").asText() + "@" + row.get("schema").asText())
                .contains("acme@" + app.schemaName(), "initech@" + app.schemaName());
        assertThat(run("tenants", "exists", "initech").exitCode()).isZero();
        Cli.Result ghost = run("tenants", "exists", "ghost");
        assertThat(ghost.exitCode()).isEqualTo(Rillflow.NOT_FOUND);
        assertThat(ghost.err())
                .isEqualTo("rillflow: No tenant ghost is provisioned in conjoined schema " + app.schemaName() + "\n");
        assertThat(run("tenants", "status", "acme").exitCode()).isZero();
        assertThat(run("tenants", "sync").exitCode()).isZero();
        assertThat(run("schema-plan").exitCode())
                .as("a single-tenant store would refuse the schema")
                .isZero();
        assertThat(run("schema-sync").exitCode()).isZero();
        assertThat(run("health", "schema").exitCode()).isZero();
        assertThat(run("health", "schema", "--tenant=globex").exitCode()).isZero();
    }

    @Test
    void partitionMovesATenantIntoItsOwnPartitionAndListAndStatusShowIt() {
        app.tenants().ensure("wayne");
        UUID stream = app.forTenant("wayne").events().resolveStreamAlias("wayne:orders");
        app.forTenant("wayne")
                .events()
                .append(stream, Expected.noStream(), List.of(Event.of("OrderPlaced", Map.of("sku", "W-1"))));
        assertThat(run("tenants", "status", "wayne", "-o", "json")
                        .json()
                        .get(0)
                        .get("partition")
                        .asText())
                .isEqualTo("default");

        Cli.Result moved = run("tenants", "partition", "wayne");
        assertThat(moved.exitCode()).as(moved.err()).isZero();
        assertThat(moved.out())
                .isEqualTo("Moved tenant wayne into a partition of its own in conjoined schema " + app.schemaName()
                        + ".\n");
        assertThat(app.tenants().partitioned()).contains("wayne");
        assertThat(app.forTenant("wayne").events().readStream(stream))
                .extracting(event -> event.type())
                .containsExactly("OrderPlaced");
        assertThat(run("tenants", "partition", "wayne").out())
                .isEqualTo("Tenant wayne in conjoined schema " + app.schemaName()
                        + " had a partition of its own already.\n");

        assertThat(run("tenants", "list", "-o", "json").json())
                .extracting(row ->
                        row.get("tenant").asText() + ":" + row.get("partition").asText())
                .contains("wayne:own", "globex:default");
        assertThat(run("tenants", "list").lines().get(0)).matches("TENANT +SCHEMA +PARTITION");
        assertThat(run("tenants", "list").lines())
                .anySatisfy(line -> assertThat(line).startsWith("wayne ").endsWith(" own"));
        JsonNode status = run("tenants", "status", "wayne", "-o", "json").json().get(0);
        assertThat(status.get("partition").asText()).isEqualTo("own");
        assertThat(status.get("up_to_date").asBoolean()).isTrue();
        assertThat(run("tenants", "status", "wayne").lines().get(1)).endsWith(" own");

        Cli.Result ghost = run("tenants", "partition", "ghost");
        assertThat(ghost.exitCode()).isEqualTo(Rillflow.NOT_FOUND);
        assertThat(ghost.out()).isEmpty();
        assertThat(ghost.err()).contains("ghost").hasLineCount(1);
        assertThat(app.tenants().partitioned()).doesNotContain("ghost");
    }

    @Test
    void dropIsRefusedWithoutForceAndThenDeletesTheTenantsRowsOnly() {
        app.tenants().ensure("umbrella");
        notes(app.forTenant("umbrella")).put(7L, new Note("umbrella's"));

        Cli.Result refused = run("tenants", "drop", "umbrella");
        assertThat(refused.exitCode()).isEqualTo(Rillflow.USAGE);
        assertThat(refused.err())
                .isEqualTo("rillflow: Refusing to drop tenant umbrella: it deletes all its rows of conjoined schema "
                        + app.schemaName() + " for good; add --force to confirm\n");
        assertThat(notes(app.forTenant("umbrella")).get(7L)).isPresent();

        Cli.Result dropped = run("tenants", "drop", "umbrella", "--force");
        assertThat(dropped.exitCode()).isZero();
        assertThat(dropped.out())
                .isEqualTo("Dropped tenant umbrella and its rows of conjoined schema " + app.schemaName() + ".\n");
        assertThat(app.tenants().exists("umbrella")).isFalse();
        assertThat(notes(app.forTenant("globex")).get(7L)).isPresent();
        assertThat(run("tenants", "drop", "umbrella", "--force").exitCode()).isEqualTo(Rillflow.NOT_FOUND);
    }

    @Test
    void archiveAndImportMoveOneTenantsRowsIntoAnother(@TempDir Path dir) throws Exception {
        Cli.Result archived = run("tenants", "archive", "acme", "--output=" + dir);
        assertThat(archived.exitCode()).as(archived.err()).isZero();
        Path file = dir.resolve("acme.jsonl");
        assertThat(archived.out())
                .startsWith("Archived tenant acme (conjoined schema " + app.schemaName() + ") to " + file + ": ");
        assertThat(Files.readString(file)).contains("acme's").doesNotContain("globex's", "default's");

        app.tenants().ensure("hooli");
        Cli.Result imported = run("tenants", "import", "hooli", "--input=" + file);
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).startsWith("Imported " + file + " into tenant hooli (conjoined schema ");
        assertThat(notes(app.forTenant("hooli")).load(9L)).contains(new Note("acme's only"));
        assertThat(app.forTenant("hooli").events().readStream(acmeOrder))
                .extracting(event -> event.type())
                .containsExactly("OrderPlaced");

        Cli.Result again = run("tenants", "import", "hooli", "--input=" + file);
        assertThat(again.exitCode()).isEqualTo(Rillflow.FAILED);
        assertThat(again.err()).contains("not empty").hasLineCount(1);
        assertThat(run("tenants", "import", "ghost", "--input=" + file).exitCode())
                .isEqualTo(Rillflow.NOT_FOUND);
    }

    @Test
    void schemaSyncWithTenancyConjoinedCreatesAConjoinedSchema() {
        String schema = TestDatabase.freshSchema(ConjoinedCommandsTest.class);
        String url = "--database-url=" + TestDatabase.jdbcUrl();
        assertThat(Cli.run("schema-sync", "--tenancy=conjoined", url, "--schema=" + schema)
                        .exitCode())
                .isZero();
        try (Store created = Store.builder(TestDatabase.jdbcUrl())
                .schema(schema)
                .migrateOnStart(false)
                .build()) {
            assertThat(created.schema().isConjoined()).isTrue();
        }
        assertThat(Cli.run("tenants", "ensure", "acme", url, "--schema=" + schema)
                        .out())
                .isEqualTo("Provisioned tenant acme in conjoined schema " + schema + ".\n");

        Cli.Result unknown = Cli.run("schema-sync", "--tenancy=schema", url, "--schema=" + schema);
        assertThat(unknown.exitCode()).isEqualTo(Rillflow.USAGE);
        assertThat(unknown.err()).contains("--tenancy");
    }

    @Test
    void subscriptionCommandsWithATenantWorkOnThatTenantsSubscriptionsOnly() {
        Cli.Result created =
                run("subscriptions", "create", "mailer", "--event-type=OrderPlaced", "--from=0", "--tenant=acme");
        assertThat(created.exitCode()).as(created.err()).isZero();
        app.forTenant("globex").subscriptions().create("mailer", SubscriptionFilter.all(), 0);
        app.forTenant("acme")
                .subscriptions()
                .open("mailer", SubscriptionOptions.defaults())
                .close();
        app.forTenant("globex")
                .subscriptions()
                .open("mailer", SubscriptionOptions.defaults())
                .close();

        JsonNode acme = run("subscriptions", "list", "--tenant=acme", "-o", "json")
                .json()
                .get(0);
        assertThat(acme.get("name").asText()).isEqualTo("mailer");
        assertThat(acme.get("filter").get("event_types").get(0).asText()).isEqualTo("OrderPlaced");
        JsonNode globex = run("subscriptions", "list", "--tenant=globex", "-o", "json")
                .json()
                .get(0);
        assertThat(globex.get("filter").get("event_types")).isEmpty();
        assertThat(run("subscriptions", "list", "-o", "json").json())
                .as("the default tenant's")
                .isEmpty();

        assertThat(run("subscriptions", "pause", "mailer", "--tenant=acme").exitCode())
                .isZero();
        assertThat(app.forTenant("acme")
                        .subscriptions()
                        .status("mailer", "default")
                        .paused())
                .isTrue();
        assertThat(app.forTenant("globex")
                        .subscriptions()
                        .status("mailer", "default")
                        .paused())
                .isFalse();

        JsonNode status = run("subscriptions", "status", "mailer", "--tenant=acme", "-o", "json")
                .json()
                .get(0);
        assertThat(status.get("paused").asBoolean()).isTrue();
        assertThat(status.get("head").asLong())
                .as("acme's log")
                .isEqualTo(app.forTenant("acme")
                        .subscriptions()
                        .status("mailer", "default")
                        .head());
        assertThat(run("subscriptions", "status", "mailer").exitCode())
                .as("no subscription of the default tenant has that name")
                .isEqualTo(Rillflow.NOT_FOUND);
    }

    private static DocumentCollection<Note, Long> notes(Store store) {
        return store.documents(Note.class, Long.class);
    }

    private static String text(Cli.Result result) {
        assertThat(result.exitCode()).as(result.err()).isZero();
        return result.json().get(0).get("data").get("text").asText();
    }

    private static String streamId(Cli.Result result) {
        assertThat(result.exitCode()).as(result.err()).isZero();
        return result.json().get(0).get("stream_id").asText();
    }

    private static Cli.Result run(String... args) {
        return Cli.on(app, args);
    }
}
