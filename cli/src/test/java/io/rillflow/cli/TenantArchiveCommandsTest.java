package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.events.Event;
import io.rillflow.events.Expected;
import io.rillflow.tenancy.TenancyStrategy;
import io.rillflow.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tenants archive and import on the command line, and the progress tenants sync prints. */
class TenantArchiveCommandsTest {
    record Note(String text) {}

    @TempDir
    Path dir;

    private TenancyStrategy.SchemaPerTenant tenancy;
    private Store app;

    @BeforeEach
    void open() {
        tenancy = TestDatabase.freshTenancy();
        app = TestDatabase.storeBuilder(TenantArchiveCommandsTest.class)
                .tenancy(tenancy)
                .build();
    }

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void theRootSchemaIsArchivedAndImportedIntoATenant() throws Exception {
        app.documents(Note.class, Long.class).put(1L, new Note("root's"));
        UUID stream = UUID.randomUUID();
        app.events().append(stream, Expected.noStream(), List.of(Event.of("Noted", Map.of("n", 1))));
        Path out = dir.resolve("backups");

        Cli.Result archived = tenants("archive", "--root", "--output", out.toString());
        Path file = out.resolve(app.schemaName() + ".jsonl");
        assertThat(archived.exitCode()).as(archived.err()).isZero();
        assertThat(archived.out())
                .isEqualTo("Archived schema " + app.schemaName() + " to " + file + ": 1 documents, 1 streams, 1 events,"
                        + " 0 aliases, 0 idempotency keys, 0 snapshots.\n");
        assertThat(Files.exists(file)).isTrue();

        assertThat(tenants("ensure", "acme").exitCode()).isZero();
        Cli.Result imported = tenants("import", "acme", "--input", file.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out())
                .isEqualTo("Imported " + file + " into tenant acme (schema " + tenancy.schemaFor("acme") + "): 1"
                        + " documents, 1 streams, 1 events, 0 aliases, 0 idempotency keys, 0 snapshots.\n");
        Store acme = app.forTenant("acme");
        assertThat(acme.documents(Note.class, Long.class).load(1L)).contains(new Note("root's"));
        assertThat(acme.events().readStream(stream)).singleElement().satisfies(e -> assertThat(e.dataJson())
                .isEqualTo("{\"n\": 1}"));

        Cli.Result tenantArchive = tenants("archive", "acme", "--output", out.toString(), "--snapshots");
        assertThat(tenantArchive.exitCode()).as(tenantArchive.err()).isZero();
        assertThat(tenantArchive.out())
                .startsWith("Archived tenant acme (schema " + tenancy.schemaFor("acme") + ") to "
                        + out.resolve("acme.jsonl") + ": 1 documents");
        // The tenant holds data now: a second import is refused, and changes nothing.
        Cli.Result again = tenants("import", "acme", "--input", file.toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("it is not empty (it holds streams, events, documents in rf_doc_note)");
        assertThat(acme.events().readAll(0, 10)).hasSize(1);
    }

    @Test
    void badInputIsRefusedWithTheLineTheTenantOrTheUsage() throws Exception {
        app.documents(Note.class, Long.class).put(1L, new Note("root's"));
        tenants("archive", "--root", "--output", dir.toString());
        Path file = dir.resolve(app.schemaName() + ".jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(2, "{\"kind\": \"document\", \"table\": \"note\", \"id\": 1,");
        Path bad = Files.write(dir.resolve("bad.jsonl"), lines);
        tenants("ensure", "acme");

        Cli.Result malformed = tenants("import", "acme", "--input", bad.toString());
        assertThat(malformed.exitCode()).isEqualTo(1);
        assertThat(malformed.err()).startsWith("rillflow: Cannot import " + bad + ": line 3 is not JSON (");
        assertThat(app.forTenant("acme").documents(Note.class, Long.class).load(1L))
                .isEmpty();

        Cli.Result ghost = tenants("import", "ghost", "--input", file.toString());
        assertThat(ghost.exitCode()).isEqualTo(Rillflow.NOT_FOUND);
        assertThat(ghost.err()).startsWith("rillflow: Tenant \"ghost\" is not provisioned");

        Cli.Result missing =
                tenants("import", "acme", "--input", dir.resolve("nope.jsonl").toString());
        assertThat(missing.exitCode()).isEqualTo(Rillflow.USAGE);
        assertThat(missing.err()).contains("there is no such file");

        Cli.Result neither = tenants("archive", "--output", dir.toString());
        assertThat(neither.exitCode()).isEqualTo(Rillflow.USAGE);
        assertThat(neither.err()).contains("Name the tenant to archive, or pass --root");

        Cli.Result twice = tenants("archive", "--root", "--output", dir.toString());
        assertThat(twice.exitCode()).isEqualTo(Rillflow.USAGE);
        assertThat(twice.err()).contains("the file exists");
    }

    @Test
    void syncPrintsEachTenantToStderrAndTheTableToStdout() {
        tenants("ensure", "acme");
        tenants("ensure", "globex");
        Cli.Result sync = tenants("sync", "--output=json");
        assertThat(sync.exitCode()).isZero();
        assertThat(sync.err().lines().toList())
                .containsExactly("Synced 1/2: acme (up to date)", "Synced 2/2: globex (up to date)");
        assertThat(sync.json()).hasSize(2);
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
