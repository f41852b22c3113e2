package io.rillflow.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.documents.DocumentCollection;
import io.rillflow.documents.DocumentDefinition;
import io.rillflow.documents.DocumentVersion;
import io.rillflow.documents.Patch;
import io.rillflow.events.Event;
import io.rillflow.events.Expected;
import io.rillflow.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A conjoined tenant's documents moved into partitions of their own: none lost or doubled under concurrent writers,
 * history kept across the move without entries for it, a table declared later partitioned at the next call, long
 * names shortened, and the partitions dropped with the tenant.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConjoinedDocumentPartitionTest {
    record Card(String owner, int n) {}

    private Store store;
    private String schema;

    @BeforeAll
    void open() {
        store = TestDatabase.storeBuilder(getClass())
                .tenancy(TenancyStrategy.conjoined())
                .maxConnections(10)
                .build();
        schema = "\"" + store.schemaName() + "\"";
    }

    @AfterAll
    void close() {
        store.close();
    }

    private static DocumentCollection<Card, UUID> cards(Store s, String name) {
        return s.documents(Card.class, UUID.class, name);
    }

    private boolean isPartitionOf(String table, String partition) {
        return TestDatabase.count(
                        "select count(*) from pg_inherits where inhparent = to_regclass(?) and inhrelid = to_regclass(?)",
                        schema + "." + table,
                        schema + ".\"" + partition + "\"")
                == 1;
    }

    @Test
    void movingATenantWhileItsWritersPutAndPatchLosesAndDoublesNoDocument(@TempDir Path dir) throws Exception {
        store.tenants().ensure("busy");
        store.tenants().ensure("calm");
        Store busy = store.forTenant("busy");
        Store calm = store.forTenant("calm");
        for (int i = 0; i < 200; i++) {
            cards(busy, "card").put(UUID.randomUUID(), new Card("busy", i));
        }
        AtomicBoolean stop = new AtomicBoolean();
        List<UUID> acknowledged = Collections.synchronizedList(new ArrayList<>());
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Store mine = t % 2 == 0 ? busy : calm;
            done.add(writers.submit(() -> {
                DocumentCollection<Card, UUID> c = cards(mine, "card");
                for (int i = 0; !stop.get() || i < 20; i++) {
                    UUID id = UUID.randomUUID();
                    c.put(id, new Card(mine.tenant().orElseThrow(), i));
                    c.patch(id, Patch.set("n", -i));
                    if (mine == busy) {
                        acknowledged.add(id);
                    }
                }
                return null;
            }));
        }
        Thread.sleep(300);
        assertThat(store.tenants().partition("busy")).isTrue();
        Thread.sleep(300);
        stop.set(true);
        for (Future<?> f : done) {
            f.get();
        }
        writers.shutdown();

        assertThat(isPartitionOf("rf_doc_card", "rf_doc_card_t_busy")).isTrue();
        assertThat(TestDatabase.count("select count(*) from (select id from " + schema
                        + ".rf_doc_card where tenant_id = 'busy'" + " group by id having count(*) > 1) doubled"))
                .isZero();
        assertThat(TestDatabase.count(
                        "select count(*) from only " + schema + ".rf_doc_card_default" + " where tenant_id = 'busy'"))
                .isZero();
        assertThat(TestDatabase.count("select count(*) from only " + schema + ".rf_doc_card_t_busy"))
                .isEqualTo(200 + acknowledged.size());
        DocumentCollection<Card, UUID> mine = cards(busy, "card");
        for (UUID id : acknowledged) {
            assertThat(mine.get(id)).as(id.toString()).get().satisfies(v -> {
                assertThat(v.version()).isEqualTo(2);
                assertThat(v.value().n()).isLessThanOrEqualTo(0);
            });
        }
        assertThat(cards(calm, "card").query().list()).isNotEmpty().allMatch(c -> c.owner()
                .equals("calm"));
        assertThat(cards(busy, "card").query().count()).isEqualTo(200 + acknowledged.size());

        // The partitions are the table's, not documents of their own, for the admin and an export.
        assertThat(store.admin().documentNames()).contains("card").noneMatch(n -> n.startsWith("card_"));
        assertThat(store.tenants()
                        .export("busy", dir.resolve("busy.jsonl"), false)
                        .documents())
                .containsEntry("card", 200L + acknowledged.size())
                .doesNotContainKeys("card_default", "card_t_busy");
    }

    @Test
    void historyKeepsTheVersionsFromBeforeTheMoveAndRecordsNoneForIt() {
        DocumentDefinition<Card, UUID> logged =
                new DocumentDefinition<>("logged_card", Card.class, UUID.class, List.of()).withHistory();
        store.tenants().ensure("archivist");
        Store archivist = store.forTenant("archivist");
        UUID id = UUID.randomUUID();
        archivist.documents(logged).put(id, new Card("archivist", 1));
        archivist.documents(logged).put(id, new Card("archivist", 2));

        store.tenants().partition("archivist");
        archivist.documents(logged).put(id, new Card("archivist", 3));

        assertThat(isPartitionOf("rf_doc_logged_card", "rf_doc_logged_card_t_archivist"))
                .isTrue();
        assertThat(archivist.documents(logged).history(id))
                .extracting(DocumentVersion::version)
                .containsExactly(3L, 2L, 1L);
        assertThat(TestDatabase.count(
                        "select count(*) from pg_trigger where tgrelid = ?::regclass and not tgisinternal",
                        schema + ".rf_doc_logged_card"))
                .as("the history triggers moved to the parent")
                .isEqualTo(3);
        assertThat(TestDatabase.count(
                        "select count(*) from pg_trigger where tgrelid = ?::regclass and not tgisinternal"
                                + " and tgparentid = 0",
                        schema + ".rf_doc_logged_card_default"))
                .isZero();
    }

    @Test
    void aTableDeclaredAfterTheMoveGetsTheTenantsPartitionsAndLongNamesAreShortened() {
        String tenant = "t".repeat(50);
        store.tenants().ensure(tenant);
        store.tenants().ensure("later");
        Store big = store.forTenant(tenant);
        assertThat(store.tenants().partition(tenant)).isTrue();
        assertThat(store.tenants().partition("later")).isTrue();

        String name = "a_document_name_of_forty_characters_long";
        UUID id = UUID.randomUUID();
        cards(big, name).put(id, new Card("big", 1));
        assertThat(store.tenants().partition(tenant))
                .as("partitioned when first used")
                .isFalse();
        assertThat(isPartitionOf("rf_doc_" + name, "rf_doc_" + name + "_t_later"))
                .isTrue();

        String partition = TestDatabase.count(
                                "select count(*) from pg_inherits i join pg_class c on c.oid = i.inhrelid"
                                        + " where i.inhparent = ?::regclass and length(c.relname) = 63"
                                        + " and c.relname like 'rf_doc_a_document_name%'",
                                schema + ".rf_doc_" + name)
                        == 1
                ? "shortened"
                : "missing";
        assertThat(partition).isEqualTo("shortened");
        assertThat(cards(big, name).get(id))
                .get()
                .extracting(v -> v.value().n())
                .isEqualTo(1);
        assertThat(cards(store.forTenant("later"), name).get(id)).isEmpty();
    }

    @Test
    void droppingAPartitionedTenantDropsItsDocumentPartitions() {
        store.tenants().ensure("gone");
        store.tenants().ensure("stays");
        UUID id = UUID.randomUUID();
        cards(store.forTenant("gone"), "drop_card").put(id, new Card("gone", 1));
        cards(store.forTenant("stays"), "drop_card").put(id, new Card("stays", 1));
        store.tenants().partition("gone");
        assertThat(isPartitionOf("rf_doc_drop_card", "rf_doc_drop_card_t_gone")).isTrue();

        assertThat(store.tenants().drop("gone", "gone")).isTrue();

        assertThat(TestDatabase.count(
                        "select count(*) from pg_class where oid = to_regclass(?)",
                        schema + ".rf_doc_drop_card_t_gone"))
                .isZero();
        assertThat(cards(store.forTenant("stays"), "drop_card").get(id)).isPresent();
        store.tenants().ensure("gone");
        assertThat(cards(store.forTenant("gone"), "drop_card").get(id)).isEmpty();
    }
    /**
     * A projection batch reads rf_events and then writes a document table; partition() locks the document tables and
     * then rf_events. Crossed, PostgreSQL fails the one that waited first (partition()), which must try again rather
     * than fail the caller.
     */
    @Test
    void aDeadlockWithATransactionHoldingTheEventsIsRetriedNotThrown() throws Exception {
        store.tenants().ensure("crossed");
        Store crossed = store.forTenant("crossed");
        UUID stream = UUID.randomUUID();
        crossed.events().append(stream, Expected.any(), List.of(Event.of("Carded", new Card("crossed", 1))));
        UUID id = UUID.randomUUID();
        cards(crossed, "card").put(id, new Card("crossed", 0));
        ExecutorService mover = Executors.newSingleThreadExecutor();
        try (Connection batch = TestDatabase.connection()) {
            batch.setAutoCommit(false);
            try (Statement s = batch.createStatement()) {
                s.executeQuery("select count(*) from " + schema + ".rf_events").close();
                Future<Boolean> moved = mover.submit(() -> store.tenants().partition("crossed"));
                // partition() now holds the document tables and waits for rf_events.
                while (TestDatabase.count(
                                "select count(*) from pg_locks where not granted and relation = to_regclass(?)",
                                schema + ".rf_events")
                        == 0) {
                    Thread.sleep(10);
                }
                s.executeUpdate("update " + schema + ".rf_doc_card set data = data where id = '" + id + "'");
                batch.commit();
                assertThat(moved.get()).isTrue();
            }
        } finally {
            mover.shutdownNow();
        }
        assertThat(store.tenants().partitioned()).contains("crossed");
        assertThat(cards(crossed, "card").get(id).orElseThrow().value()).isEqualTo(new Card("crossed", 0));
        assertThat(crossed.events().readStream(stream)).hasSize(1);
    }
}
