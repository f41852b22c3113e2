package io.rillflow.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.InvalidIdentifierException;
import io.rillflow.SchemaDriftException;
import io.rillflow.Store;
import io.rillflow.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SchemaMigrationTest {

    @Test
    void planListsPendingDdlAndSyncAppliesItOnce() {
        try (Store store =
                TestDatabase.storeBuilder(getClass()).migrateOnStart(false).build()) {
            SchemaPlan plan = store.schema().plan();
            assertThat(plan.pending()).extracting(Migration::name).contains("core");
            assertThat(plan.ddl())
                    .contains("0001_core")
                    .contains("CREATE TABLE \"" + store.schemaName() + "\".rf_events")
                    .doesNotContain("${schema}");
            assertThat(store.schema().applied()).isEmpty();

            SchemaPlan applied = store.schema().sync();
            assertThat(applied.pending())
                    .extracting(Migration::version)
                    .isEqualTo(plan.pending().stream().map(Migration::version).toList());
            assertThat(store.schema().plan().isEmpty()).isTrue();
            assertThat(store.schema().sync().isEmpty()).isTrue();
            assertThat(store.schema().applied())
                    .extracting(AppliedMigration::version)
                    .containsExactlyElementsOf(
                            plan.pending().stream().map(Migration::version).toList());
            assertThat(store.schema().isConjoined()).isFalse();
        }
    }

    @Test
    void storesStartingTogetherOnOneSchemaMigrateExactlyOnce() throws Exception {
        String schema = TestDatabase.freshSchema(getClass());
        int nodes = 4;
        CyclicBarrier barrier = new CyclicBarrier(nodes);
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        List<Callable<Store>> starts = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            starts.add(() -> {
                barrier.await();
                return Store.builder(TestDatabase.jdbcUrl())
                        .schema(schema)
                        .maxConnections(2)
                        .build();
            });
        }
        List<Store> stores = new ArrayList<>();
        try {
            for (Future<Store> f : pool.invokeAll(starts)) {
                stores.add(f.get());
            }
            List<AppliedMigration> applied = stores.get(0).schema().applied();
            assertThat(applied).extracting(AppliedMigration::version).doesNotHaveDuplicates();
            assertThat(applied).hasSameSizeAs(stores.get(0).schema().migrations());
            for (Store store : stores) {
                assertThat(store.schema().plan().isEmpty()).isTrue();
            }
        } finally {
            stores.forEach(Store::close);
            pool.shutdownNow();
        }
    }

    @Test
    void editedAppliedMigrationIsRefusedNamingItAndBothChecksums() {
        try (Store store = TestDatabase.store(getClass())) {
            String shipped = store.schema().migrations().get(0).checksum();
            TestDatabase.execute("update \"" + store.schemaName() + "\".rf_migrations set checksum = 'abc123'"
                    + " where version = 1");
            assertThatThrownBy(() -> store.schema().plan())
                    .isInstanceOf(SchemaDriftException.class)
                    .hasMessageContaining("0001_core")
                    .hasMessageContaining("abc123")
                    .hasMessageContaining(shipped);
            assertThatThrownBy(() -> store.schema().sync()).isInstanceOf(SchemaDriftException.class);
            assertThatThrownBy(() -> Store.builder(TestDatabase.jdbcUrl())
                            .schema(store.schemaName())
                            .build())
                    .isInstanceOf(SchemaDriftException.class);
        }
    }

    @Test
    void hostileSchemaNameIsRefusedBeforeReachingSql() {
        assertThatThrownBy(() -> Store.builder(TestDatabase.jdbcUrl()).schema("x\"; drop schema public; --"))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessageContaining("schema name");
    }
}
