package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.annotations.ProjectionMode;
import io.rillflow.events.Event;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.projections.ProjectionContext;
import io.rillflow.projections.ProjectionHandler;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.tenancy.TenancyStrategy;
import io.rillflow.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code projections rebuild NAME} of an {@code INLINE} projection: without {@code --classpath} a running application
 * that registered it (no daemon) performs the request; with it, the command rebuilds it itself.
 */
class InlineRebuildCommandsTest {
    private static final Map<String, String> APPLICATION =
            Map.of("inline/NoteAdded.java", """
            package inline;

            import io.rillflow.annotations.Event;
            import java.util.UUID;

            @Event(name = "NoteAdded")
            public record NoteAdded(UUID id, String text) {}
            """, "inline/Note.java", """
            package inline;

            import io.rillflow.annotations.Document;
            import io.rillflow.annotations.Id;
            import java.util.UUID;

            @Document
            public record Note(@Id UUID id, String text) {}
            """, "inline/Notes.java", """
            package inline;

            import io.rillflow.annotations.On;
            import io.rillflow.annotations.Projection;
            import io.rillflow.annotations.ProjectionMode;
            import io.rillflow.annotations.Rebuild;
            import io.rillflow.projections.ProjectionContext;
            import java.util.UUID;

            @Projection(name = "notes", mode = ProjectionMode.INLINE)
            public class Notes {
                @On
                void on(NoteAdded event, ProjectionContext context) {
                    context.documents(Note.class, UUID.class).put(event.id(), new Note(event.id(), event.text()));
                }

                @Rebuild
                void clear(ProjectionContext context) {
                    context.documents(Note.class, UUID.class).deleteAll();
                }
            }
            """);

    @Test
    void aRequestedRebuildOfAnInlineProjectionIsPerformedByTheApplicationThatRegisteredIt() {
        try (Store app = TestDatabase.storeBuilder(InlineRebuildCommandsTest.class)
                .projectionOptions(ProjectionOptions.defaults().withPollInterval(Duration.ofMillis(50)))
                .build()) {
            Tally tally = new Tally();
            app.projections().register(tally);
            append(app, "Tick");
            append(app, "Tick");
            tally.applied.addAndGet(1000); // a read model gone wrong, which only a rebuild repairs

            Cli.Result requested = Cli.on(app, "projections", "rebuild", "tally");
            assertThat(requested.err()).isEmpty();
            assertThat(requested.exitCode()).isZero();
            assertThat(requested.out()).startsWith("Requested a rebuild of projection tally:");

            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (app.admin().projectionRebuildRequestedAt("tally").isPresent()) {
                assertThat(System.nanoTime()).as("the request performed").isLessThan(deadline);
                sleep();
            }
            assertThat(tally.rebuilds).hasValue(1);
            assertThat(tally.applied).hasValue(2);
            assertThat(Cli.on(app, "projections", "status", "tally", "--output=json")
                            .json()
                            .get(0)
                            .get("rebuild_requested_at")
                            .isNull())
                    .isTrue();
        }
    }

    @Test
    void withTheClasspathTheCommandRebuildsAnInlineProjectionItself() {
        String classpath = "--classpath=" + FixtureApplication.compile(APPLICATION);
        try (Store app = TestDatabase.store(InlineRebuildCommandsTest.class)) {
            // This application has not registered the projection: its appends did not apply it.
            UUID id = UUID.randomUUID();
            app.events()
                    .append(id, Expected.noStream(), List.of(Event.of("NoteAdded", Map.of("id", id, "text", "kept"))));
            app.events()
                    .append(
                            UUID.randomUUID(),
                            Expected.noStream(),
                            List.of(Event.of("NoteAdded", Map.of("id", UUID.randomUUID(), "text", "also"))));

            Cli.Result rebuilt = Cli.on(app, "projections", "rebuild", "notes", classpath);
            assertThat(rebuilt.err()).isEmpty();
            assertThat(rebuilt.exitCode()).isZero();
            assertThat(rebuilt.out())
                    .isEqualTo("Rebuilt inline projection notes: every stored event of its types applied again.\n");

            String notes = "\"" + app.schemaName() + "\".rf_doc_note";
            assertThat(TestDatabase.count("select count(*) from " + notes)).isEqualTo(2);
            assertThat(TestDatabase.count("select count(*) from " + notes + " where data->>'text' = ?", "kept"))
                    .isOne();
            assertThat(app.admin().projectionStatus("notes").checkpoint())
                    .isEqualTo(
                            TestDatabase.count("select max(global_seq) from \"" + app.schemaName() + "\".rf_events"));
        }
    }

    @Test
    void aRequestWithTenantIsPerformedInThatTenantsSchemaOnly() {
        TenancyStrategy.SchemaPerTenant tenancy = TestDatabase.freshTenancy();
        try (Store app = TestDatabase.storeBuilder(InlineRebuildCommandsTest.class)
                .tenancy(tenancy)
                .projectionOptions(ProjectionOptions.defaults().withPollInterval(Duration.ofMillis(50)))
                .build()) {
            app.tenants().ensure("acme");
            app.tenants().ensure("globex");
            Tally tally = new Tally();
            app.projections().register(tally);
            append(app.forTenant("acme"), "Tick");
            append(app.forTenant("globex"), "Tick");
            append(app.forTenant("globex"), "Tick");
            String pattern = "--tenant-schema-pattern=" + tenancy.schemaPattern();

            tally.applied.set(1000); // a read model gone wrong, which only a rebuild repairs
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            Cli.Result requested;
            // The application's watcher makes the projection's row in each tenant's schema within a poll interval.
            while ((requested = Cli.on(app, "projections", "rebuild", "tally", "--tenant=acme", pattern)).exitCode()
                    == Rillflow.NOT_FOUND) {
                assertThat(System.nanoTime()).as("the row in acme's schema").isLessThan(deadline);
                sleep();
            }
            assertThat(requested.err()).isEmpty();
            assertThat(requested.exitCode()).isZero();
            while (app.forTenant("acme")
                    .admin()
                    .projectionRebuildRequestedAt("tally")
                    .isPresent()) {
                assertThat(System.nanoTime()).as("the request performed").isLessThan(deadline);
                sleep();
            }

            assertThat(tally.rebuilds).hasValue(1);
            assertThat(tally.applied)
                    .as("acme's one event replayed, not globex's")
                    .hasValue(1);
            assertThat(Cli.on(app, "projections", "rebuild", "tally", "--cancel", "--tenant=globex", pattern)
                            .exitCode())
                    .as("nothing requested in globex")
                    .isEqualTo(Rillflow.NOT_FOUND);
        }
    }

    @Test
    void withTheClasspathAndTenantTheCommandRebuildsInThatTenantsSchema() {
        String classpath = "--classpath=" + FixtureApplication.compile(APPLICATION);
        TenancyStrategy.SchemaPerTenant tenancy = TestDatabase.freshTenancy();
        try (Store app = TestDatabase.storeBuilder(InlineRebuildCommandsTest.class)
                .tenancy(tenancy)
                .build()) {
            app.tenants().ensure("acme");
            app.tenants().ensure("globex");
            for (String tenant : List.of("acme", "globex", "globex")) {
                UUID id = UUID.randomUUID();
                app.forTenant(tenant)
                        .events()
                        .append(
                                id,
                                Expected.noStream(),
                                List.of(Event.of("NoteAdded", Map.of("id", id, "text", tenant))));
            }

            Cli.Result rebuilt = Cli.on(
                    app,
                    "projections",
                    "rebuild",
                    "notes",
                    classpath,
                    "--tenant=acme",
                    "--tenant-schema-pattern=" + tenancy.schemaPattern());
            assertThat(rebuilt.err()).isEmpty();
            assertThat(rebuilt.exitCode()).isZero();

            String acme = app.forTenant("acme").schemaName();
            assertThat(TestDatabase.count(
                            "select count(*) from \"" + acme + "\".rf_doc_note where data->>'text' = ?", "acme"))
                    .isOne();
            assertThat(TestDatabase.count(
                            "select count(*) from information_schema.tables where table_schema = ?"
                                    + " and table_name = 'rf_doc_note'",
                            app.forTenant("globex").schemaName()))
                    .as("globex untouched")
                    .isZero();
        }
    }

    private static void append(Store store, String type) {
        store.events().append(UUID.randomUUID(), Expected.any(), List.of(Event.of(type, Map.of())));
    }

    private static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** An inline projection counting what it applies; its rebuild hook resets the count. */
    private static final class Tally implements ProjectionHandler {
        final AtomicInteger applied = new AtomicInteger();
        final AtomicInteger rebuilds = new AtomicInteger();

        @Override
        public String name() {
            return "tally";
        }

        @Override
        public ProjectionMode mode() {
            return ProjectionMode.INLINE;
        }

        @Override
        public Set<String> eventTypes() {
            return Set.of("Tick");
        }

        @Override
        public void apply(EventEnvelope event, ProjectionContext context) {
            applied.incrementAndGet();
        }

        @Override
        public void rebuild(ProjectionContext context) {
            applied.set(0);
            rebuilds.incrementAndGet();
        }
    }
}
