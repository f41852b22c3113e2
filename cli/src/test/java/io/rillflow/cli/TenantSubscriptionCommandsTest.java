package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.rillflow.Store;
import io.rillflow.events.Event;
import io.rillflow.events.Expected;
import io.rillflow.subscriptions.SubscriptionFilter;
import io.rillflow.subscriptions.SubscriptionOptions;
import io.rillflow.tenancy.TenancyStrategy;
import io.rillflow.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** subscriptions list and status with --all-tenants read every tenant's schema, one row per tenant, tenant first. */
class TenantSubscriptionCommandsTest {
    private static TenancyStrategy.SchemaPerTenant tenancy;
    private static Store app;

    @BeforeAll
    static void open() {
        tenancy = TestDatabase.freshTenancy();
        app = TestDatabase.storeBuilder(TenantSubscriptionCommandsTest.class)
                .tenancy(tenancy)
                .build();
        app.tenants().ensure("acme");
        app.tenants().ensure("globex");
        for (String tenant : List.of("acme", "globex")) {
            Store store = app.forTenant(tenant);
            store.subscriptions().create("mailer", SubscriptionFilter.all(), 0);
            store.subscriptions()
                    .open("mailer", SubscriptionOptions.defaults().withGroup("billing"))
                    .close();
        }
        // Only globex has the audit subscription; acme's log has three events, globex's none.
        app.forTenant("globex").subscriptions().create("audit", SubscriptionFilter.all(), 0);
        for (int i = 0; i < 3; i++) {
            app.forTenant("acme")
                    .events()
                    .append(UUID.randomUUID(), Expected.noStream(), List.of(Event.of("Noted", Map.of("n", i))));
        }
    }

    @AfterAll
    static void close() {
        app.close();
    }

    @Test
    void allTenantsListsEveryTenantsSubscriptionsWithATenantColumn() {
        Cli.Result json = run("subscriptions", "list", "--all-tenants", "--output=json");
        assertThat(json.exitCode()).isZero();
        assertThat(json.json())
                .extracting(row -> row.get("tenant").asText(), row -> row.get("name")
                        .asText())
                .containsExactlyInAnyOrder(
                        tuple("acme", "mailer"), tuple("globex", "audit"), tuple("globex", "mailer"));
        assertThat(json.json().get(0).fieldNames().next()).isEqualTo("tenant");

        Cli.Result table = run("subscriptions", "list", "--all-tenants");
        assertThat(table.exitCode()).isZero();
        assertThat(table.lines()).hasSize(4);
        assertThat(table.lines().get(0)).startsWith("TENANT  NAME ");
        assertThat(table.lines().get(1)).matches("acme +mailer .*");

        assertThat(run("subscriptions", "list", "-o", "json").json()).isEmpty();
    }

    @Test
    void allTenantsStatusShowsTheGroupInEveryTenantThatHasIt() {
        Cli.Result json = run("subscriptions", "status", "mailer", "--group=billing", "--all-tenants", "-o", "json");
        assertThat(json.exitCode()).isZero();
        assertThat(json.json())
                .extracting(
                        row -> row.get("tenant").asText(), row -> row.get("lag").asLong())
                .containsExactly(tuple("acme", 3L), tuple("globex", 0L));

        Cli.Result table = run("subscriptions", "status", "mailer", "--group=billing", "--all-tenants");
        assertThat(table.exitCode()).isZero();
        assertThat(table.lines()).hasSize(3);
        assertThat(table.lines().get(0)).startsWith("TENANT  SUBSCRIPTION ").contains("LAST_ERROR");
        assertThat(table.lines().get(1)).matches("acme +mailer +billing .*");

        Cli.Result one = run("subscriptions", "status", "mailer", "--group=billing", "--tenant=acme", "-o", "json");
        assertThat(one.json()).hasSize(1);
        assertThat(one.json().get(0).has("tenant")).isFalse();
        assertThat(one.json().get(0).get("lag").asLong()).isEqualTo(3);
    }

    @Test
    void aGroupNoTenantHasIsNotFoundAndBothOptionsAreAUsageError() {
        Cli.Result unknown = run("subscriptions", "status", "audit", "--group=billing", "--all-tenants");
        assertThat(unknown.exitCode()).isEqualTo(Rillflow.NOT_FOUND);
        assertThat(unknown.err()).isEqualTo("rillflow: No tenant has group billing of subscription audit\n");
        assertThat(run("subscriptions", "list", "--all-tenants", "--tenant=acme")
                        .exitCode())
                .isEqualTo(Rillflow.USAGE);
    }

    private static Cli.Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--database-url=" + TestDatabase.jdbcUrl());
        all.add("--schema=" + app.schemaName());
        all.add("--tenant-schema-pattern=" + tenancy.schemaPattern());
        return Cli.run(all.toArray(String[]::new));
    }
}
