package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rillflow.Store;
import io.rillflow.tenancy.TenancyStrategy;
import io.rillflow.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** tenants ensure, list, exists, sync and drop, checked against the runtime's own view of the tenants. */
class TenantsCommandTest {
    private TenancyStrategy.SchemaPerTenant tenancy;
    private Store app;

    @BeforeEach
    void open() {
        tenancy = TestDatabase.freshTenancy();
        app = TestDatabase.storeBuilder(TenantsCommandTest.class)
                .tenancy(tenancy)
                .build();
    }

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void ensureProvisionsOnceAndListAndExistsSeeIt() {
        String acme = tenancy.schemaFor("acme");
        Cli.Result ensure = tenants("ensure", "acme");
        assertThat(ensure.exitCode()).isZero();
        assertThat(ensure.out()).isEqualTo("Provisioned tenant acme in schema " + acme + ".\n");
        assertThat(app.tenants().exists("acme")).isTrue();
        assertThat(tenants("ensure", "acme").out()).isEqualTo("Tenant acme in schema " + acme + " was up to date.\n");
        tenants("ensure", "globex");

        assertThat(tenants("list").lines())
                .containsExactly("TENANT  SCHEMA", "acme    " + acme, "globex  " + tenancy.schemaFor("globex"));
        List<JsonNode> json = tenants("list", "--output=json").json();
        assertThat(json).hasSize(2);
        assertThat(json.get(1).get("tenant").asText()).isEqualTo("globex");
        assertThat(json.get(1).get("schema").asText()).isEqualTo(tenancy.schemaFor("globex"));

        Cli.Result exists = tenants("exists", "acme", "-o", "json");
        assertThat(exists.exitCode()).isZero();
        assertThat(exists.json().get(0).get("schema").asText()).isEqualTo(acme);
        Cli.Result ghost = tenants("exists", "ghost");
        assertThat(ghost.exitCode()).isEqualTo(Rillflow.NOT_FOUND);
        assertThat(ghost.out()).isEmpty();
        assertThat(ghost.err())
                .isEqualTo("rillflow: No tenant ghost: schema " + tenancy.schemaFor("ghost")
                        + " holds no Rillflow tables\n");
    }

    @Test
    void syncAppliesWhatATenantLacksAndReportsEveryTenant() {
        tenants("ensure", "acme");
        tenants("ensure", "globex");
        // A tenant an older version provisioned: its schema is there, with none of this version's migrations.
        String old = tenancy.schemaFor("old");
        TestDatabase.execute("create schema \"" + old + "\"");
        TestDatabase.execute("create table \"" + old + "\".rf_migrations (like \"" + tenancy.schemaFor("acme")
                + "\".rf_migrations including all)");
        assertThat(TestDatabase.count("select count(*) from pg_tables where schemaname = ?", old))
                .isEqualTo(1);

        List<JsonNode> synced = tenants("sync", "--output=json").json();
        assertThat(synced).hasSize(3);
        assertThat(synced.get(0).get("tenant").asText()).isEqualTo("acme");
        assertThat(synced.get(0).get("up_to_date").asBoolean()).isTrue();
        assertThat(synced.get(0).get("applied").asText()).isEmpty();
        assertThat(synced.get(2).get("tenant").asText()).isEqualTo("old");
        assertThat(synced.get(2).get("schema").asText()).isEqualTo(old);
        assertThat(synced.get(2).get("up_to_date").asBoolean()).isFalse();
        assertThat(synced.get(2).get("applied").asText()).startsWith("0001_core, 0002_");
        assertThat(TestDatabase.count(
                        "select count(*) from pg_tables where schemaname = ? and tablename = ?", old, "rf_events"))
                .isEqualTo(1);

        Cli.Result table = tenants("sync");
        assertThat(table.exitCode()).isZero();
        assertThat(table.lines()).hasSize(4);
        assertThat(table.lines().get(3)).startsWith("old ").contains(old, "true");
        assertThat(table.lines().get(0)).startsWith("TENANT");
    }

    @Test
    void dropIsRefusedWithoutForceAndDeletesTheTenantWithIt() {
        tenants("ensure", "acme");
        app.forTenant("acme").events().resolveStreamAlias("orders:1");

        Cli.Result refused = tenants("drop", "acme");
        assertThat(refused.exitCode()).isEqualTo(Rillflow.USAGE);
        assertThat(refused.err())
                .isEqualTo("rillflow: Refusing to drop tenant acme: it deletes schema " + tenancy.schemaFor("acme")
                        + " and all its data for good; add --force to confirm\n");
        assertThat(app.tenants().exists("acme")).isTrue();

        Cli.Result dropped = tenants("drop", "acme", "--force");
        assertThat(dropped.exitCode()).isZero();
        assertThat(dropped.out()).isEqualTo("Dropped tenant acme and its schema " + tenancy.schemaFor("acme") + ".\n");
        assertThat(app.tenants().exists("acme")).isFalse();
        assertThat(TestDatabase.count("select count(*) from pg_namespace where nspname = ?", tenancy.schemaFor("acme")))
                .isZero();

        assertThat(tenants("drop", "acme", "--force").exitCode()).isEqualTo(Rillflow.NOT_FOUND);
    }

    @Test
    void hostileTenantIdsAndPatternsAreUsageErrorsBeforeAnySql() {
        for (String hostile : List.of("acme'; drop schema public cascade; --", "Acme", "аcme", "a".repeat(10_000))) {
            for (String command : List.of("ensure", "exists")) {
                Cli.Result result = tenants(command, hostile);
                assertThat(result.exitCode()).as(command + " " + hostile).isEqualTo(Rillflow.USAGE);
                assertThat(result.err()).startsWith("rillflow: ").hasLineCount(1);
            }
            assertThat(tenants("drop", hostile, "--force").exitCode()).isEqualTo(Rillflow.USAGE);
        }
        assertThat(tenants("list").lines()).containsExactly("TENANT  SCHEMA");

        Cli.Result pattern = Cli.run(
                "tenants",
                "list",
                "--database-url=" + TestDatabase.jdbcUrl(),
                "--tenant-schema-pattern=x\"; drop table t; {tenant}");
        assertThat(pattern.exitCode()).isEqualTo(Rillflow.USAGE);
        assertThat(pattern.err()).startsWith("rillflow: ").hasLineCount(1);
    }

    @Test
    void partitionIsRefusedOnASchemaPerTenantStoreWhoseTenantsHaveTablesOfTheirOwn() {
        tenants("ensure", "acme");
        Cli.Result refused = tenants("partition", "acme");
        assertThat(refused.exitCode()).isEqualTo(Rillflow.USAGE);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err())
                .isEqualTo("rillflow: Refusing to partition tenant acme: schema " + app.schemaName()
                        + " is not conjoined, and each tenant of a schema-per-tenant store has tables of its own"
                        + " already\n");
        assertThat(tenants("status", "acme", "-o", "json").json().get(0).has("partition"))
                .as("no partition column where tenants have schemas")
                .isFalse();
    }

    @Test
    void theRootStoreIsNeverAnotherTenantsSchema() {
        Cli.Result root = Cli.run(
                "tenants",
                "ensure",
                "acme",
                "--database-url=" + TestDatabase.jdbcUrl(),
                "--schema=" + tenancy.schemaFor("acme"),
                "--tenant-schema-pattern=" + tenancy.schemaPattern());
        assertThat(root.exitCode()).isEqualTo(Rillflow.USAGE);
        assertThat(root.err()).contains("the store's own schema");
        assertThat(app.tenants().exists("acme")).isFalse();
    }

    private Cli.Result tenants(String... args) {
        List<String> all = new ArrayList<>(List.of("tenants"));
        all.addAll(List.of(args));
        all.add("--database-url=" + TestDatabase.jdbcUrl());
        all.add("--schema=" + app.schemaName());
        all.add("--tenant-schema-pattern=" + tenancy.schemaPattern());
        return Cli.runWith(Map.of(), all.toArray(String[]::new));
    }
}
