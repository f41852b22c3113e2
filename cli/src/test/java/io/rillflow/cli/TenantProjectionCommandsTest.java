package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.rillflow.Store;
import io.rillflow.events.Event;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.projections.ProjectionContext;
import io.rillflow.projections.ProjectionHandler;
import io.rillflow.tenancy.TenancyStrategy;
import io.rillflow.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** projections commands with --tenant show and administer the rows of that tenant's schema, and the store's own without. */
class TenantProjectionCommandsTest {
    private static TenancyStrategy.SchemaPerTenant tenancy;
    private static Store app;

    @BeforeAll
    static void open() {
        tenancy = TestDatabase.freshTenancy();
        app = TestDatabase.storeBuilder(TenantProjectionCommandsTest.class)
                .tenancy(tenancy)
                .build();
        app.tenants().ensure("acme");
        app.tenants().ensure("globex");
        app.projections().register(new ProjectionHandler() {
            @Override
            public String name() {
                return "audit";
            }

            @Override
            public void apply(EventEnvelope event, ProjectionContext context) {}
        });
        Store acme = app.forTenant("acme");
        for (int i = 0; i < 3; i++) {
            acme.events().append(UUID.randomUUID(), Expected.noStream(), List.of(Event.of("Noted", Map.of("n", i))));
        }
        app.projections().runUntilIdle();
    }

    @AfterAll
    static void close() {
        app.close();
    }

    @Test
    void listAndStatusReadTheNamedTenantsCheckpoints() {
        JsonNode acme = run("projections", "status", "audit", "--tenant=acme", "--output=json")
                .json()
                .get(0);
        assertThat(acme.get("checkpoint").asLong()).isEqualTo(3);
        JsonNode root = run("projections", "list", "--output=json").json().get(0);
        assertThat(root.get("name").asText()).isEqualTo("audit");
        assertThat(root.get("checkpoint").asLong()).isZero();
        assertThat(run("projections", "list", "--tenant=globex", "--output=json")
                        .json())
                .extracting(row -> row.get("checkpoint").asLong())
                .containsExactly(0L);
    }

    @Test
    void allTenantsListsEveryTenantsProjectionsWithATenantColumn() {
        Cli.Result json = run("projections", "list", "--all-tenants", "--output=json");
        assertThat(json.exitCode()).isZero();
        assertThat(json.json())
                .extracting(
                        row -> row.get("tenant").asText(),
                        row -> row.get("name").asText(),
                        row -> row.get("checkpoint").asLong())
                .containsExactly(tuple("acme", "audit", 3L), tuple("globex", "audit", 0L));

        Cli.Result table = run("projections", "list", "--all-tenants");
        assertThat(table.exitCode()).isZero();
        assertThat(table.lines()).hasSize(3);
        assertThat(table.lines().get(0)).startsWith("TENANT  NAME ");
        assertThat(table.lines().get(1)).matches("acme +audit +3 .*");
        assertThat(table.lines().get(2)).matches("globex +audit +0 .*");
    }

    @Test
    void allTenantsStatusShowsTheProjectionInEveryTenant() {
        Cli.Result json = run("projections", "status", "audit", "--all-tenants", "-o", "json");
        assertThat(json.exitCode()).isZero();
        assertThat(json.json())
                .extracting(row -> row.get("tenant").asText(), row -> row.get("checkpoint")
                        .asLong())
                .containsExactly(tuple("acme", 3L), tuple("globex", 0L));
        assertThat(json.json().get(0).has("rebuild_requested_at")).isTrue();

        Cli.Result table = run("projections", "status", "audit", "--all-tenants");
        assertThat(table.lines().get(0)).startsWith("TENANT  NAME ").contains("LAST_ERROR");
        assertThat(table.lines()).hasSize(3);

        Cli.Result unknown = run("projections", "status", "nope", "--all-tenants");
        assertThat(unknown.exitCode()).isEqualTo(Rillflow.NOT_FOUND);
        assertThat(unknown.err()).isEqualTo("rillflow: No tenant has projection nope\n");
        assertThat(run("projections", "list", "--all-tenants", "--tenant=acme").exitCode())
                .isEqualTo(Rillflow.USAGE);
    }

    @Test
    void pauseAndResumeChangeTheNamedTenantOnly() {
        assertThat(run("projections", "pause", "audit", "--tenant=globex").exitCode())
                .isZero();
        assertThat(app.forTenant("globex").projections().status("audit").paused())
                .isTrue();
        assertThat(app.forTenant("acme").projections().status("audit").paused()).isFalse();
        assertThat(app.projections().status("audit").paused()).isFalse();
        assertThat(run("projections", "resume", "audit", "--tenant=globex").exitCode())
                .isZero();
        assertThat(app.forTenant("globex").projections().status("audit").paused())
                .isFalse();
    }

    @Test
    void rebuildWithTenantRequestsAndCancelsInThatTenantsSchemaOnly() {
        Cli.Result requested = run("projections", "rebuild", "audit", "--tenant=acme");
        assertThat(requested.err()).isEmpty();
        assertThat(requested.exitCode()).isZero();
        assertThat(app.forTenant("acme").admin().projectionRebuildRequestedAt("audit"))
                .isPresent();
        assertThat(app.forTenant("globex").admin().projectionRebuildRequestedAt("audit"))
                .isEmpty();
        assertThat(app.admin().projectionRebuildRequestedAt("audit")).isEmpty();

        assertThat(run("projections", "rebuild", "audit", "--cancel", "--tenant=globex")
                        .exitCode())
                .isEqualTo(Rillflow.NOT_FOUND);
        assertThat(run("projections", "rebuild", "audit", "--cancel", "--tenant=acme")
                        .exitCode())
                .isZero();
        assertThat(app.forTenant("acme").admin().projectionRebuildRequestedAt("audit"))
                .isEmpty();
    }

    private static Cli.Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--database-url=" + TestDatabase.jdbcUrl());
        all.add("--schema=" + app.schemaName());
        all.add("--tenant-schema-pattern=" + tenancy.schemaPattern());
        return Cli.run(all.toArray(String[]::new));
    }
}
