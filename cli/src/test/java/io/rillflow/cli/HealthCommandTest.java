package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rillflow.Store;
import io.rillflow.schema.Migration;
import io.rillflow.tenancy.TenancyStrategy;
import io.rillflow.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** tenants status and health schema, with a tenant made to lack a migration and another to drift. */
class HealthCommandTest {
    private TenancyStrategy.SchemaPerTenant tenancy;
    private Store app;
    private int shipped;

    @BeforeEach
    void open() {
        tenancy = TestDatabase.freshTenancy();
        app = TestDatabase.storeBuilder(HealthCommandTest.class)
                .tenancy(tenancy)
                .build();
        app.tenants().ensure("acme");
        app.tenants().ensure("globex");
        shipped = app.schema().migrations().size();
    }

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void currentSchemasPassWithOneLineEach() {
        Cli.Result root = run("health", "schema");
        assertThat(root.exitCode()).isZero();
        assertThat(root.err()).isEmpty();
        assertThat(root.lines()).hasSize(2);
        assertThat(root.lines().get(0))
                .isEqualTo(root.lines().get(0).toUpperCase())
                .startsWith("TENANT");
        assertThat(root.lines().get(1)).startsWith("-").contains(app.schemaName(), "true", " " + shipped + " ");

        Cli.Result all = run("health", "schema", "--all-tenants", "--output=json");
        assertThat(all.exitCode()).isZero();
        List<JsonNode> json = all.json();
        assertThat(json).extracting(j -> j.get("tenant").asText()).containsExactly("acme", "globex");
        assertThat(json.get(1).get("schema").asText()).isEqualTo(tenancy.schemaFor("globex"));
        assertThat(json.get(1).get("up_to_date").asBoolean()).isTrue();
        assertThat(json.get(1).get("applied").asInt()).isEqualTo(shipped);
        assertThat(json.get(1).get("pending").asText()).isEmpty();
        assertThat(json.get(1).get("drift").asText()).isEmpty();
    }

    @Test
    void aTenantBehindFailsTheCheckNamingIt() {
        int last = app.schema().migrations().get(shipped - 1).version();
        String lastName = String.format(
                "%04d_%s", last, app.schema().migrations().get(shipped - 1).name());
        TestDatabase.execute("delete from \"" + tenancy.schemaFor("acme") + "\".rf_migrations where version = " + last);
        TestDatabase.execute("update \"" + tenancy.schemaFor("globex")
                + "\".rf_migrations set checksum = 'abc123' where version = 1");

        Cli.Result all = run("health", "schema", "--all-tenants", "-o", "json");
        assertThat(all.exitCode()).isEqualTo(Rillflow.FAILED);
        List<JsonNode> json = all.json();
        assertThat(json).hasSize(2);
        assertThat(json.get(0).get("up_to_date").asBoolean()).isFalse();
        assertThat(json.get(0).get("applied").asInt()).isEqualTo(shipped - 1);
        assertThat(json.get(0).get("pending").asText()).isEqualTo(lastName);
        assertThat(json.get(1).get("pending").asText()).isEmpty();
        assertThat(json.get(1).get("drift").asText()).startsWith("migration 0001_core applied with checksum abc123");
        assertThat(all.err())
                .isEqualTo("rillflow: not up to date: tenant acme (" + tenancy.schemaFor("acme") + "), tenant globex ("
                        + tenancy.schemaFor("globex") + ")\n");

        Cli.Result one = run("health", "schema", "--tenant=acme");
        assertThat(one.exitCode()).isEqualTo(Rillflow.FAILED);
        assertThat(one.lines()).hasSize(2);
        assertThat(one.lines().get(1)).startsWith("acme ").contains("false", lastName);

        assertThat(run("health", "schema").exitCode()).isZero();

        Cli.Result status = run("tenants", "status", "acme", "--output=json");
        assertThat(status.exitCode()).isZero();
        assertThat(status.json()).hasSize(1);
        assertThat(status.json().get(0).get("pending").asText()).isEqualTo(lastName);
        assertThat(run("tenants", "status", "globex").lines().get(1)).contains("abc123");
    }

    @Test
    void schemaPlanWithAllTenantsShowsEachTenantsPendingMigrations() {
        Migration lastMigration = app.schema().migrations().get(shipped - 1);
        String lastName = String.format("%04d_%s", lastMigration.version(), lastMigration.name());
        TestDatabase.execute("delete from \"" + tenancy.schemaFor("acme") + "\".rf_migrations where version = "
                + lastMigration.version());

        Cli.Result json = run("schema-plan", "--all-tenants", "--output=json");
        assertThat(json.exitCode()).isZero();
        assertThat(json.json()).extracting(j -> j.get("tenant").asText()).containsExactly("acme", "globex");
        JsonNode acme = json.json().get(0);
        assertThat(acme.get("schema").asText()).isEqualTo(tenancy.schemaFor("acme"));
        assertThat(acme.get("up_to_date").asBoolean()).isFalse();
        assertThat(acme.get("pending")).extracting(JsonNode::asText).containsExactly(lastName);
        assertThat(acme.get("ddl").asText()).isNotBlank();
        assertThat(json.json().get(1).get("up_to_date").asBoolean()).isTrue();

        Cli.Result table = run("schema-plan", "--all-tenants");
        assertThat(table.exitCode()).isZero();
        assertThat(table.lines()).hasSize(3);
        assertThat(table.lines().get(0)).matches("TENANT +SCHEMA +UP_TO_DATE +PENDING");
        assertThat(table.lines().get(1)).startsWith("acme ").contains(tenancy.schemaFor("acme"), "false", lastName);
        assertThat(table.lines().get(2)).startsWith("globex ").contains("true");

        assertThat(run("schema-plan", "--tenant=acme").out())
                .isEqualTo(acme.get("ddl").asText() + "\n");
        assertThat(run("schema-plan", "--tenant=globex").out())
                .isEqualTo("Schema " + tenancy.schemaFor("globex") + " is up to date.\n");
        assertThat(run("schema-plan", "--tenant=acme", "--all-tenants").exitCode())
                .isEqualTo(Rillflow.USAGE);
    }

    @Test
    void unknownTenantIsNotFoundAndBothScopesAtOnceAreAUsageError() {
        Cli.Result ghost = run("tenants", "status", "ghost");
        assertThat(ghost.exitCode()).isEqualTo(Rillflow.NOT_FOUND);
        assertThat(ghost.out()).isEmpty();
        assertThat(ghost.err())
                .startsWith("rillflow: Tenant \"ghost\" is not provisioned")
                .hasLineCount(1);
        assertThat(run("health", "schema", "--tenant=ghost").exitCode()).isEqualTo(Rillflow.NOT_FOUND);
        assertThat(run("health", "schema", "--tenant=Acme'--").exitCode()).isEqualTo(Rillflow.USAGE);
        assertThat(run("health", "schema", "--tenant=acme", "--all-tenants").exitCode())
                .isEqualTo(Rillflow.USAGE);
    }

    private Cli.Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--database-url=" + TestDatabase.jdbcUrl());
        all.add("--schema=" + app.schemaName());
        all.add("--tenant-schema-pattern=" + tenancy.schemaPattern());
        return Cli.runWith(Map.of(), all.toArray(String[]::new));
    }
}
