package io.rillflow.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.IdempotencyConflictException;
import io.rillflow.Store;
import io.rillflow.events.Event;
import io.rillflow.events.Expected;
import io.rillflow.events.StreamIds;
import io.rillflow.testing.TestDatabase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A partitioned tenant's streams, stream aliases and idempotency keys move with its events: they live in partitions of
 * their own, every path still finds and enforces them, the other tenants keep theirs, a move under writers creating
 * streams with keys loses none, and a drop takes the partitions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConjoinedStreamPartitionTest {
    private static final List<String> TABLES =
            List.of("rf_streams", "rf_stream_aliases", "rf_idempotency_keys", "rf_snapshots");

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

    private static Event noted(String text) {
        return Event.of("Noted", java.util.Map.of("text", text));
    }

    private long rowsIn(String table, String tenant) {
        return TestDatabase.count("select count(*) from only " + schema + "." + table + " where tenant_id = ?", tenant);
    }

    private boolean isPartitionOf(String parent, String partition) {
        return TestDatabase.count(
                        "select count(*) from pg_inherits where inhparent = to_regclass(?) and inhrelid = to_regclass(?)",
                        schema + "." + parent,
                        schema + "." + partition)
                == 1;
    }

    @Test
    void aPartitionedTenantsStreamsAliasesAndKeysLiveInItsPartitionsAndAreStillEnforced() {
        store.tenants().ensure("acme");
        store.tenants().ensure("globex");
        Store acme = store.forTenant("acme");
        Store globex = store.forTenant("globex");
        UUID aliased = acme.events().resolveStreamAlias("order-1");
        assertThat(globex.events().resolveStreamAlias("order-1")).isEqualTo(aliased);
        acme.events().builder(aliased).idempotencyKey("k1").push(noted("a")).send();
        globex.events().builder(aliased).idempotencyKey("k1").push(noted("g")).send();

        assertThat(store.tenants().partition("acme")).isTrue();

        for (String table : TABLES) {
            assertThat(isPartitionOf(table, table + "_t_acme")).as(table).isTrue();
            assertThat(isPartitionOf(table, table + "_default")).as(table).isTrue();
        }
        assertThat(rowsIn("rf_streams_t_acme", "acme")).isEqualTo(1);
        assertThat(rowsIn("rf_stream_aliases_t_acme", "acme")).isEqualTo(1);
        assertThat(rowsIn("rf_idempotency_keys_t_acme", "acme")).isEqualTo(1);
        assertThat(rowsIn("rf_streams_default", "acme")).isZero();
        assertThat(rowsIn("rf_idempotency_keys_default", "acme")).isZero();
        assertThat(rowsIn("rf_streams_default", "globex")).isEqualTo(1);
        assertThat(rowsIn("rf_idempotency_keys_default", "globex")).isEqualTo(1);

        // A key used before the move is still refused after it; the other tenant's keys are its own.
        assertThatThrownBy(() -> acme.events()
                        .builder(aliased)
                        .idempotencyKey("k1")
                        .push(noted("again"))
                        .send())
                .isInstanceOf(IdempotencyConflictException.class);
        acme.events().builder(aliased).idempotencyKey("k2").push(noted("b")).send();
        globex.events().builder(aliased).idempotencyKey("k2").push(noted("g2")).send();
        assertThat(rowsIn("rf_idempotency_keys_t_acme", "acme")).isEqualTo(2);
        assertThat(acme.events().stream(aliased))
                .get()
                .extracting(s -> s.version())
                .isEqualTo(2L);
        assertThat(acme.events().resolveStreamAlias("order-1")).isEqualTo(StreamIds.forName("order-1"));
        UUID later = acme.events().resolveStreamAlias("order-2");
        acme.events().append(later, Expected.noStream(), List.of(noted("c")));
        assertThat(rowsIn("rf_stream_aliases_t_acme", "acme")).isEqualTo(2);
        assertThat(rowsIn("rf_streams_t_acme", "acme")).isEqualTo(2);
        assertThat(globex.events().stream(later)).isEmpty();
    }

    @Test
    void movingATenantWhileWritersCreateKeyedStreamsLosesAndDoublesNone() throws Exception {
        store.tenants().ensure("busy");
        store.tenants().ensure("calm");
        Store busy = store.forTenant("busy");
        Store calm = store.forTenant("calm");
        AtomicBoolean stop = new AtomicBoolean();
        List<UUID> acknowledged = Collections.synchronizedList(new ArrayList<>());
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<Integer>> done = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            Store target = w < 3 ? busy : calm;
            done.add(writers.submit(() -> {
                int appended = 0;
                while (!stop.get()) {
                    UUID stream = UUID.randomUUID();
                    target.events()
                            .builder(stream)
                            .idempotencyKey("key-" + stream)
                            .push(noted("w"))
                            .send();
                    if (target == busy) {
                        acknowledged.add(stream);
                    }
                    appended++;
                }
                return appended;
            }));
        }
        try {
            while (acknowledged.size() < 50) {
                Thread.sleep(5);
            }
            assertThat(store.tenants().partition("busy")).isTrue();
            int afterMove = acknowledged.size();
            while (acknowledged.size() < afterMove + 50) {
                Thread.sleep(5);
            }
        } finally {
            stop.set(true);
            writers.shutdown();
            assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        for (Future<Integer> f : done) {
            assertThat(f.get()).isPositive();
        }

        int n = acknowledged.size();
        assertThat(rowsIn("rf_streams_t_busy", "busy")).isEqualTo(n);
        assertThat(rowsIn("rf_idempotency_keys_t_busy", "busy")).isEqualTo(n);
        assertThat(rowsIn("rf_streams_default", "busy") + rowsIn("rf_idempotency_keys_default", "busy"))
                .isZero();
        assertThat(TestDatabase.count(
                        "select count(distinct id) from " + schema + ".rf_streams where tenant_id =" + " 'busy'"))
                .isEqualTo(n);
        for (UUID stream : List.of(acknowledged.get(0), acknowledged.get(n - 1))) {
            assertThat(busy.events().stream(stream)).isPresent();
            assertThatThrownBy(() -> busy.events()
                            .builder(stream)
                            .idempotencyKey("key-" + stream)
                            .push(noted("twice"))
                            .send())
                    .isInstanceOf(IdempotencyConflictException.class);
        }
        assertThat(rowsIn("rf_streams_default", "calm")).isPositive();
        assertThat(calm.events().readAll(0, 100_000)).isNotEmpty();
    }

    /**
     * Two first moves at once, on a schema whose tables are still plain: the second waits for the first's locks and
     * then finds the tables converted, rather than converting them again.
     */
    @Test
    void twoFirstMovesAtOnceBothSucceed() throws Exception {
        try (Store fresh = TestDatabase.storeBuilder(getClass())
                .tenancy(TenancyStrategy.conjoined())
                .maxConnections(6)
                .build()) {
            for (String tenant : List.of("one", "two")) {
                fresh.tenants().ensure(tenant);
                fresh.forTenant(tenant).events().resolveStreamAlias("s");
            }
            ExecutorService movers = Executors.newFixedThreadPool(2);
            try {
                Future<Boolean> one = movers.submit(() -> fresh.tenants().partition("one"));
                Future<Boolean> two = movers.submit(() -> fresh.tenants().partition("two"));
                assertThat(one.get()).isTrue();
                assertThat(two.get()).isTrue();
            } finally {
                movers.shutdownNow();
            }
            String quoted = "\"" + fresh.schemaName() + "\"";
            for (String tenant : List.of("one", "two")) {
                assertThat(TestDatabase.count("select count(*) from " + quoted + ".rf_stream_aliases_t_" + tenant))
                        .isEqualTo(1);
            }
        }
    }

    @Test
    void droppingAPartitionedTenantDropsItsStreamPartitionsAndLeavesTheOthers() {
        store.tenants().ensure("gone");
        store.tenants().ensure("kept");
        UUID stream = store.forTenant("gone").events().resolveStreamAlias("s");
        store.forTenant("gone")
                .events()
                .builder(stream)
                .idempotencyKey("k")
                .push(noted("g"))
                .send();
        store.forTenant("kept")
                .events()
                .builder(stream)
                .idempotencyKey("k")
                .push(noted("k"))
                .send();
        store.tenants().partition("gone");

        assertThat(store.tenants().drop("gone", "gone")).isTrue();

        for (String table : TABLES) {
            assertThat(TestDatabase.count(
                            "select count(*) from pg_class where oid = to_regclass(?)",
                            schema + "." + table + "_t_gone"))
                    .as(table)
                    .isZero();
            assertThat(TestDatabase.count("select count(*) from " + schema + "." + table + " where tenant_id = 'gone'"))
                    .as(table)
                    .isZero();
        }
        assertThat(store.forTenant("kept").events().stream(stream)).isPresent();
        assertThat(rowsIn("rf_idempotency_keys_default", "kept")).isEqualTo(1);
    }
}
