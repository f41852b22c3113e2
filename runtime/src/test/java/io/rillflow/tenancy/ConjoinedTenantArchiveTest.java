package io.rillflow.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.Store;
import io.rillflow.TenantNotFoundException;
import io.rillflow.archive.ArchiveReport;
import io.rillflow.events.Event;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A conjoined tenant's export and import: only the tenant's rows, in the format of a schema's export, so a tenant moves
 * between a conjoined store and a schema-per-tenant one both ways; imported events take new global positions.
 */
class ConjoinedTenantArchiveTest {
    record Note(String text) {}

    @TempDir
    Path dir;

    private Store conjoined;
    private Store perSchema;

    @BeforeEach
    void open() {
        conjoined = TestDatabase.storeBuilder(getClass())
                .tenancy(TenancyStrategy.conjoined())
                .build();
        perSchema = TestDatabase.storeBuilder(getClass())
                .tenancy(TestDatabase.freshTenancy())
                .build();
        conjoined.tenants().ensure("acme");
        conjoined.tenants().ensure("globex");
    }

    @AfterEach
    void close() {
        conjoined.close();
        perSchema.close();
    }

    @Test
    void aConjoinedTenantMovesToASchemaOfItsOwnAndBackWithOnlyItsRows() throws Exception {
        // globex writes first, so it holds the schema's first global positions.
        UUID order = UUID.randomUUID();
        write(conjoined.forTenant("globex"), order, "globex's");
        write(conjoined.forTenant("acme"), order, "acme's");
        snapshot(conjoined, "acme", order);

        Path out = dir.resolve("acme.jsonl");
        ArchiveReport exported = conjoined.tenants().export("acme", out, true);
        assertThat(exported.documents()).containsEntry("note", 1L);
        assertThat(exported.streams()).isEqualTo(1);
        assertThat(exported.events()).isEqualTo(2);
        assertThat(exported.aliases()).isEqualTo(1);
        assertThat(exported.idempotencyKeys()).isEqualTo(1);
        assertThat(exported.snapshots()).isEqualTo(1);
        assertThat(Files.readString(out)).contains("acme's").doesNotContain("globex's");

        perSchema.tenants().ensure("acme");
        assertThat(perSchema.tenants().importFrom("acme", out)).isEqualTo(exported);
        Store moved = perSchema.forTenant("acme");
        assertThat(moved.documents(Note.class, Long.class).load(7L)).contains(new Note("acme's"));
        assertThat(describe(moved.events().readStream(order)))
                .isEqualTo(describe(conjoined.forTenant("acme").events().readStream(order)));
        assertThat(positions(moved.events().readAll(0, 100)))
                .as("a schema of its own keeps the exported positions")
                .isEqualTo(positions(conjoined.forTenant("acme").events().readAll(0, 100)));

        // Back into a conjoined tenant: positions 1 and 2 of the schema are globex's, so the events are renumbered.
        Path back = dir.resolve("back.jsonl");
        perSchema.tenants().export("acme", back, true);
        conjoined.tenants().ensure("initech");
        long before =
                conjoined.forTenant("acme").events().readAll(0, 100).get(1).globalSeq();
        ArchiveReport imported = conjoined.tenants().importFrom("initech", back);
        assertThat(imported.events()).isEqualTo(2);
        assertThat(imported.snapshots()).isEqualTo(1);

        Store initech = conjoined.forTenant("initech");
        assertThat(initech.documents(Note.class, Long.class).load(7L)).contains(new Note("acme's"));
        assertThat(describe(initech.events().readStream(order)))
                .isEqualTo(describe(conjoined.forTenant("acme").events().readStream(order)));
        List<Long> renumbered = positions(initech.events().readAll(0, 100));
        assertThat(renumbered).hasSize(2).isSorted().allMatch(seq -> seq > before);
        assertThat(initech.admin().streamAlias("orders:7"))
                .isEqualTo(conjoined.forTenant("acme").admin().streamAlias("orders:7"));
        assertThat(initech.events().stream(order).orElseThrow().version()).isEqualTo(2);
        assertThat(initech.events()
                        .append(order, Expected.exact(2), List.of(Event.of("Shipped", Map.of())))
                        .firstGlobalSeq())
                .isGreaterThan(renumbered.get(1));

        // Nobody else's rows moved.
        assertThat(conjoined
                        .forTenant("globex")
                        .documents(Note.class, Long.class)
                        .load(7L))
                .contains(new Note("globex's"));
        assertThat(conjoined.forTenant("globex").events().readAll(0, 100)).hasSize(2);
        assertThat(conjoined.forTenant("acme").events().readAll(0, 100)).hasSize(2);
    }

    @Test
    void anImportIntoATenantWithRowsOrAnUnknownTenantIsRefusedAndChangesNothing() throws Exception {
        write(conjoined.forTenant("acme"), UUID.randomUUID(), "acme's");
        Path out = dir.resolve("acme.jsonl");
        conjoined.tenants().export("acme", out);

        assertThatThrownBy(() -> conjoined.tenants().importFrom("acme", out))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("into tenant acme of schema " + conjoined.schemaName())
                .hasMessageContaining("not empty");
        assertThat(conjoined.forTenant("acme").events().readAll(0, 100)).hasSize(2);

        write(conjoined.forTenant("globex"), UUID.randomUUID(), "globex's");
        assertThatThrownBy(() -> conjoined.tenants().importFrom("globex", out))
                .isInstanceOf(IllegalStateException.class);
        assertThat(conjoined
                        .forTenant("globex")
                        .documents(Note.class, Long.class)
                        .load(7L))
                .contains(new Note("globex's"));

        assertThatThrownBy(() -> conjoined.tenants().importFrom("ghost", out))
                .isInstanceOf(TenantNotFoundException.class);
        assertThatThrownBy(() -> conjoined.tenants().export("ghost", dir.resolve("ghost.jsonl")))
                .isInstanceOf(TenantNotFoundException.class);
        assertThat(conjoined.tenants().exists("ghost")).isFalse();
    }

    @Test
    void theStoreTheBuilderMadeExportsTheDefaultTenantsRowsOnly() throws Exception {
        write(conjoined, UUID.randomUUID(), "default's");
        write(conjoined.forTenant("acme"), UUID.randomUUID(), "acme's");
        Path out = dir.resolve("default.jsonl");

        assertThat(conjoined.admin().export(out).events()).isEqualTo(2);
        assertThat(Files.readString(out)).contains("default's").doesNotContain("acme's");
    }

    /** A document with id 7, an alias, and stream {@code order} of two events (one with an idempotency key). */
    private static void write(Store tenant, UUID order, String text) {
        tenant.documents(Note.class, Long.class).put(7L, new Note(text));
        tenant.events().resolveStreamAlias("orders:7");
        tenant.events().append(order, Expected.noStream(), List.of(Event.of("Placed", Map.of("by", text))));
        tenant.events()
                .builder(order)
                .idempotencyKey("pay-1")
                .push(Event.of("Paid", Map.of()))
                .send();
    }

    private static void snapshot(Store store, String tenant, UUID stream) throws Exception {
        try (Connection c = store.dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute("insert into \"" + store.schemaName() + "\".rf_snapshots (tenant_id, stream_id, aggregate_type,"
                    + " stream_version, schema_version, shape, state) values ('" + tenant + "', '" + stream
                    + "', 'order', 2, 1, 'abc', '{\"total\": 12.5}')");
        }
    }

    private static List<String> describe(List<EventEnvelope> events) {
        return events.stream()
                .map(e -> e.streamId() + " " + e.streamSeq() + " " + e.type() + " " + e.dataJson() + " " + e.headers()
                        + " " + e.createdAt())
                .toList();
    }

    private static List<Long> positions(List<EventEnvelope> events) {
        return events.stream().map(EventEnvelope::globalSeq).toList();
    }
}
