package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

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

    private static Cli.Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--database-url=" + TestDatabase.jdbcUrl());
        all.add("--schema=" + app.schemaName());
        all.add("--tenant-schema-pattern=" + tenancy.schemaPattern());
        return Cli.run(all.toArray(String[]::new));
    }
}
