package io.rillflow.documents;

import static io.rillflow.documents.IndexFixture.SKU;
import static io.rillflow.documents.IndexFixture.fill;
import static io.rillflow.documents.IndexFixture.index;
import static io.rillflow.documents.IndexFixture.indexNames;
import static io.rillflow.documents.IndexFixture.item;
import static io.rillflow.documents.IndexFixture.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.schema.SchemaPlan;
import io.rillflow.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Application nodes that start together with a changed index declaration rebuild it once, and never deadlock. */
class IndexSyncConcurrencyTest {
    private static final int NODES = 3;

    private final String schema = TestDatabase.freshSchema(getClass());
    private final ExecutorService pool = Executors.newFixedThreadPool(NODES);
    private final List<Store> stores = new ArrayList<>();

    @AfterEach
    void close() {
        pool.shutdownNow();
        stores.forEach(Store::close);
    }

    private void startNodes(DocumentDefinition<?, ?> definition) throws Exception {
        for (int i = 0; i < NODES; i++) {
            stores.add(start(schema, definition, false));
        }
    }

    @Test
    void nodesSyncingTogetherRebuildTheChangedIndexExactlyOnce() throws Exception {
        try (Store first = start(schema, item(IndexDefinition.btree("sku", SKU, false)), true)) {
            fill(first, 5_000);
        }
        startNodes(item(IndexDefinition.btree("sku", SKU, true)));
        CyclicBarrier barrier = new CyclicBarrier(NODES);
        List<Future<SchemaPlan>> syncs = new ArrayList<>();
        for (Store store : stores) {
            syncs.add(pool.submit(() -> {
                barrier.await();
                return store.schema().sync();
            }));
        }

        int applied = 0;
        for (Future<SchemaPlan> sync : syncs) {
            applied += sync.get(60, TimeUnit.SECONDS).isEmpty() ? 0 : 1;
        }
        assertThat(applied).isEqualTo(1);
        assertThat(index(stores.get(0), "rf_doc_item_sku").orElseThrow().unique())
                .isTrue();
        assertThat(indexNames(stores.get(0))).noneMatch(name -> name.contains("_new_"));
        for (Store store : stores) {
            assertThat(store.schema().plan().isEmpty()).isTrue();
        }
    }

    /**
     * A concurrent build waits for every transaction older than it; a node waiting for the schema lock must not be one
     * of them, or the build and the waiting node would wait for each other (PostgreSQL would then fail one after its
     * {@code deadlock_timeout} of 1 s). A writer keeps the build of whichever node locks first waiting for longer than
     * that.
     */
    @Test
    void aNodeWaitingForTheSchemaLockDoesNotDeadlockWithTheBuildHoldingIt() throws Exception {
        try (Store first = start(schema, item(IndexDefinition.btree("sku", SKU, false)), true)) {
            fill(first, 1_000);
        }
        startNodes(item(IndexDefinition.btree("sku", SKU, true)));
        List<Future<SchemaPlan>> syncs = new ArrayList<>();
        try (Connection writer = stores.get(0).dataSource().getConnection()) {
            writer.setAutoCommit(false);
            try (Statement s = writer.createStatement()) {
                s.executeUpdate("insert into \"" + schema + "\".rf_doc_item (id, data) values ('" + UUID.randomUUID()
                        + "', '{\"sku\": \"late\"}')");
            }
            syncs.add(pool.submit(() -> stores.get(0).schema().sync()));
            Thread.sleep(300);
            syncs.add(pool.submit(() -> stores.get(1).schema().sync()));
            Thread.sleep(1_500);
            assertThat(syncs).noneMatch(Future::isDone);
            writer.commit();
        }

        int applied = 0;
        for (Future<SchemaPlan> sync : syncs) {
            applied += sync.get(60, TimeUnit.SECONDS).isEmpty() ? 0 : 1;
        }
        assertThat(applied).isEqualTo(1);
        assertThat(index(stores.get(0), "rf_doc_item_sku").orElseThrow().unique())
                .isTrue();
    }
}
