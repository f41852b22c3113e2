package io.rillflow.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.IdempotencyConflictException;
import io.rillflow.RillflowException;
import io.rillflow.Store;
import io.rillflow.TenantNotFoundException;
import io.rillflow.admin.RawDocument;
import io.rillflow.archive.ArchiveFormatException;
import io.rillflow.archive.ArchiveReport;
import io.rillflow.events.Event;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.testing.TestDatabase;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export to JSON lines and import into an empty tenant: a round trip that keeps every row, or nothing on bad input. */
class TenantArchiveTest {
    record Note(String text) {}

    record Customer(String name, int tier) {}

    @TempDir
    Path dir;

    private Store store;
    private TenancyStrategy.SchemaPerTenant tenancy;

    @BeforeEach
    void open() {
        tenancy = TestDatabase.freshTenancy();
        store = TestDatabase.storeBuilder(getClass()).tenancy(tenancy).build();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void theRootSchemaRoundTripsIntoATenantWithEveryRowAndPositionKept() throws Exception {
        Fixture written = writeFixture(store);
        Path file = dir.resolve("root.jsonl");

        ArchiveReport exported = store.admin().export(file, true);
        store.tenants().ensure("acme");
        ArchiveReport imported = store.tenants().importFrom("acme", file);

        assertThat(exported.documents()).containsEntry("note", 2L).containsEntry("customer", 1L);
        assertThat(exported.streams()).isEqualTo(2);
        assertThat(exported.events()).isEqualTo(4);
        assertThat(exported.aliases()).isEqualTo(1);
        assertThat(exported.idempotencyKeys()).isEqualTo(1);
        assertThat(exported.snapshots()).isEqualTo(1);
        assertThat(imported).isEqualTo(exported);

        Store acme = store.forTenant("acme");
        for (String id : List.of("1", "2")) {
            assertThat(raw(acme, "note", id)).isEqualTo(raw(store, "note", id));
        }
        assertThat(raw(acme, "customer", written.customer.toString()))
                .isEqualTo(raw(store, "customer", written.customer.toString()));
        assertThat(acme.documents(Note.class, Long.class).get(2L)).isEmpty(); // soft-deleted stays so
        assertThat(acme.documents(Customer.class, UUID.class).load(written.customer))
                .contains(new Customer("Ada", 2));

        assertThat(describe(acme.events().readAll(0, 100)))
                .isEqualTo(describe(store.events().readAll(0, 100)))
                .hasSize(4);
        assertThat(acme.events().stream(written.order)).isEqualTo(store.events().stream(written.order));
        assertThat(acme.events().readStream(written.order).get(0).dataJson())
                .contains("\"total\": 12.50")
                .contains("\"big\": " + PRECISE);
        assertThat(acme.admin().streamAlias("orders:7")).contains(written.order);

        // The log goes on after the imported positions, and a recorded idempotency key still refuses its repeat.
        long last = store.events().readAll(0, 100).get(3).globalSeq();
        assertThat(acme.events()
                        .append(written.order, Expected.exact(3), List.of(Event.of("Shipped", Map.of())))
                        .firstGlobalSeq())
                .isGreaterThan(last);
        assertThatThrownBy(() -> acme.events()
                        .builder(written.order)
                        .idempotencyKey("pay-1")
                        .push(Event.of("Paid", Map.of()))
                        .send())
                .isInstanceOf(IdempotencyConflictException.class);
    }

    @Test
    void anImportedTenantExportsTheSameLinesAsItsSource() throws Exception {
        store.tenants().ensure("source");
        writeFixture(store.forTenant("source"));
        Path first = dir.resolve("source.jsonl");
        store.tenants().export("source", first, true);
        store.tenants().ensure("copy");
        store.tenants().importFrom("copy", first);
        Path second = dir.resolve("copy.jsonl");
        store.tenants().export("copy", second, true);

        List<String> a = Files.readAllLines(first);
        List<String> b = Files.readAllLines(second);
        assertThat(b.subList(1, b.size())).isEqualTo(a.subList(1, a.size()));
        assertThat(a.get(0)).contains("\"schema\":\"" + tenancy.schemaFor("source") + "\"");
        assertThat(b.get(0)).contains("\"schema\":\"" + tenancy.schemaFor("copy") + "\"");
        assertThat(a).anyMatch(line -> line.contains("\"kind\" : \"snapshot\""));
    }

    @Test
    void aTenantsExportImportsIntoTheEmptySchemaOfASingleTenantStore() throws Exception {
        store.tenants().ensure("leaving");
        Fixture written = writeFixture(store.forTenant("leaving"));
        Path file = dir.resolve("leaving.jsonl");
        ArchiveReport exported = store.tenants().export("leaving", file);

        try (Store single = TestDatabase.store(getClass())) {
            assertThat(single.admin().importFrom(file)).isEqualTo(exported);
            assertThat(single.documents(Customer.class, UUID.class).load(written.customer))
                    .contains(new Customer("Ada", 2));
            assertThat(single.events().readStream(written.order)).hasSize(3);
            assertThatThrownBy(() -> single.admin().importFrom(file))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("it is not empty (it holds streams, events, stream aliases, idempotency"
                            + " keys, documents in rf_doc_customer, documents in rf_doc_note)");
        }
    }

    @Test
    void snapshotsAreLeftOutUnlessAskedFor() throws Exception {
        writeFixture(store);
        Path file = dir.resolve("plain.jsonl");
        assertThat(store.admin().export(file).snapshots()).isZero();
        assertThat(Files.readAllLines(file)).noneMatch(line -> line.contains("\"snapshot\""));
    }

    @Test
    void aNonEmptyTenantIsRefusedAndKeepsItsData() throws Exception {
        writeFixture(store);
        Path file = dir.resolve("root.jsonl");
        store.admin().export(file);
        store.tenants().ensure("busy");
        Store busy = store.forTenant("busy");
        busy.documents(Note.class, Long.class).put(9L, new Note("mine"));

        assertThatThrownBy(() -> store.tenants().importFrom("busy", file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot import " + file + " into schema " + tenancy.schemaFor("busy") + ": it is not"
                        + " empty (it holds documents in rf_doc_note); import only into an empty schema, such as a"
                        + " newly provisioned tenant's. Nothing was imported");
        assertThat(busy.events().readAll(0, 10)).isEmpty();
        assertThat(busy.documents(Note.class, Long.class).load(9L)).contains(new Note("mine"));
        assertThat(busy.documents(Note.class, Long.class).get(1L)).isEmpty();
    }

    @Test
    void aMalformedLineIsNamedAndNothingIsImported() throws Exception {
        writeFixture(store);
        Path file = dir.resolve("root.jsonl");
        store.admin().export(file);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        int broken = lines.size() - 2; // an event or alias near the end: everything before it was sent already
        lines.set(broken, lines.get(broken).substring(0, 20));
        Path bad = Files.write(dir.resolve("bad.jsonl"), lines);
        store.tenants().ensure("target");

        assertThatThrownBy(() -> store.tenants().importFrom("target", bad))
                .isInstanceOf(ArchiveFormatException.class)
                .hasMessageStartingWith("Cannot import " + bad + ": line " + (broken + 1) + " is not JSON (")
                .hasMessageEndingWith("; nothing was imported")
                .extracting(e -> ((ArchiveFormatException) e).line())
                .isEqualTo((long) broken + 1);
        assertEmpty(store.forTenant("target"));
    }

    @Test
    void badRecordsAreNamedByLineAndField() throws Exception {
        writeFixture(store);
        Path file = dir.resolve("root.jsonl");
        store.admin().export(file);
        List<String> lines = Files.readAllLines(file);
        int event = indexOf(lines, "\"kind\" : \"event\"");
        store.tenants().ensure("target");

        assertRefused(
                replace(lines, event, lines.get(event).replaceFirst("\"streamId\" : \"[^\"]+\"", "\"streamId\" : 7")),
                event + 1,
                "has \"streamId\": 7, expected text");
        assertRefused(
                replace(
                        lines,
                        event,
                        lines.get(event).replaceFirst("\"streamId\" : \"[^\"]+\"", "\"streamId\" : \"x\"")),
                event + 1,
                "has \"streamId\": \"x\", not a UUID");
        List<String> swapped = new ArrayList<>(lines);
        swapped.set(event, lines.get(event + 1));
        swapped.set(event + 1, lines.get(event));
        assertRefused(swapped, event + 2, "has globalSeq");
        assertRefused(lines.subList(0, lines.size() - 1), lines.size() - 1, "is the last, and no end record follows");
        List<String> lost = new ArrayList<>(lines);
        lost.remove(event);
        assertRefused(
                lost,
                lines.size() - 1,
                "is the end record, but its counts differ from the records before it (events: 4 in the end");
        assertRefused(replace(lines, 0, "{\"kind\":\"csv\"}"), 1, "is not the header of a Rillflow export");
        assertEmpty(store.forTenant("target"));
    }

    @Test
    void aRowTheDatabaseRefusesRollsBackEverythingImportedBeforeIt() throws Exception {
        writeFixture(store);
        Path file = dir.resolve("root.jsonl");
        store.admin().export(file);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        int document = indexOf(lines, "\"kind\" : \"document\"");
        lines.add(document + 1, lines.get(document)); // the same document id twice: valid lines, a duplicate key
        Path twice = Files.write(dir.resolve("twice.jsonl"), lines.subList(0, lines.size() - 1));
        Files.writeString(
                twice,
                lines.get(lines.size() - 1).replaceFirst("\"documents\" ?: ?3", "\"documents\":4") + "\n",
                StandardOpenOption.APPEND);
        store.tenants().ensure("target");

        assertThatThrownBy(() -> store.tenants().importFrom("target", twice))
                .isInstanceOf(RillflowException.class)
                .hasMessageContaining("23505");
        assertEmpty(store.forTenant("target"));
    }

    @Test
    void anUnknownTenantAndAnExistingFileAreRefused() throws Exception {
        Path file = dir.resolve("root.jsonl");
        store.admin().export(file);
        assertThatThrownBy(() -> store.tenants().importFrom("ghost", file))
                .isInstanceOf(TenantNotFoundException.class)
                .hasMessageStartingWith("Tenant \"ghost\" is not provisioned");
        assertThatThrownBy(() -> store.tenants().export("ghost", dir.resolve("ghost.jsonl")))
                .isInstanceOf(TenantNotFoundException.class);
        assertThat(store.tenants().exists("ghost")).isFalse();
        assertThatThrownBy(() -> store.admin().export(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the file exists");
        assertThat(Files.list(dir)).containsExactly(file);
    }

    private void assertRefused(List<String> lines, long line, String problem) throws IOException {
        Path bad = Files.write(dir.resolve("bad" + line + problem.hashCode() + ".jsonl"), lines);
        assertThatThrownBy(() -> store.tenants().importFrom("target", bad))
                .isInstanceOf(ArchiveFormatException.class)
                .hasMessageContaining(": line " + line + " " + problem);
    }

    private static void assertEmpty(Store tenant) {
        assertThat(tenant.events().readAll(0, 10)).isEmpty();
        assertThat(tenant.admin().documentNames()).doesNotContain("note", "customer");
        assertThat(tenant.admin().streamAlias("orders:7")).isEmpty();
    }

    private static List<String> replace(List<String> lines, int index, String line) {
        List<String> copy = new ArrayList<>(lines);
        copy.set(index, line);
        return copy;
    }

    private static int indexOf(List<String> lines, String part) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i;
            }
        }
        throw new AssertionError("no line with " + part);
    }

    record Fixture(UUID order, UUID customer) {}

    /** More digits than a double holds: an import must keep every one. */
    private static final String PRECISE = "12345678901234567890.123456789012345678900";

    /** Two document tables (one row soft-deleted), two streams with headers and ids, an alias, a key, a snapshot. */
    static Fixture writeFixture(Store target) throws Exception {
        target.documents(Note.class, Long.class).put(1L, new Note("kept\ttab \"quoted\" \\ line\nbreak"));
        target.documents(Note.class, Long.class).put(2L, new Note("gone"));
        target.documents(Note.class, Long.class).softDelete(2L);
        UUID customer = UUID.randomUUID();
        target.documents(Customer.class, UUID.class).put(customer, new Customer("Ada", 2));
        UUID order = target.events().resolveStreamAlias("orders:7");
        UUID correlation = UUID.randomUUID();
        target.events()
                .builder(order)
                .expected(Expected.noStream())
                .streamType("order")
                .headers(Map.of("actor", "ada", "attempt", 2))
                .correlationId(correlation)
                .causationId(UUID.randomUUID())
                .push(Event.of("Placed", Map.of("total", new BigDecimal("12.50"), "big", new BigDecimal(PRECISE))))
                .push(Event.of("ItemAdded", Map.of("sku", "ü-1")))
                .send();
        target.events()
                .builder(order)
                .idempotencyKey("pay-1")
                .push(Event.of("Paid", Map.of()))
                .send();
        target.events().append(UUID.randomUUID(), Expected.noStream(), List.of(Event.of("Noted", Map.of())));
        try (Connection c = target.dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute("insert into \"" + target.schemaName() + "\".rf_snapshots (stream_id, aggregate_type,"
                    + " stream_version, schema_version, shape, state) values ('" + order + "', 'order', 3, 1,"
                    + " 'abc', '{\"total\": 12.5}')");
        }
        return new Fixture(order, customer);
    }

    private static RawDocument raw(Store store, String table, String id) {
        return store.admin().document(table, id).orElseThrow();
    }

    private static List<String> describe(List<EventEnvelope> events) {
        return events.stream()
                .map(e -> e.globalSeq() + " " + e.streamId() + " " + e.streamSeq() + " " + e.type() + " "
                        + e.typeVersion() + " " + e.dataJson() + " " + e.headers() + " " + e.causationId() + " "
                        + e.correlationId() + " " + e.createdAt())
                .toList();
    }
}
