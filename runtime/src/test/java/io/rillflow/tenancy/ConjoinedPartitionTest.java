package io.rillflow.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.ConcurrencyException;
import io.rillflow.InvalidIdentifierException;
import io.rillflow.Store;
import io.rillflow.TenantNotFoundException;
import io.rillflow.documents.DocumentCollection;
import io.rillflow.documents.DocumentDefinition;
import io.rillflow.documents.IndexDefinition;
import io.rillflow.events.AppendResult;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.query.StringPath;
import io.rillflow.testing.TestDatabase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A tenant of a conjoined store moved into a partition of its own: its events really live there, every read and write
 * path finds them, the tenants left in the default partition never see them, a move under concurrent appends loses
 * none, and dropping the tenant drops the partition.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConjoinedPartitionTest {
    record Noted(String text) {}

    record Member(String email, String name) {}

    static final StringPath EMAIL = new StringPath(null, "email");
    static final DocumentDefinition<Member, UUID> MEMBER = new DocumentDefinition<>(
            "member", Member.class, UUID.class, List.of(IndexDefinition.btree("email", EMAIL, true)));

    private Store store;
    private String schema;

    @BeforeAll
    void open() {
        store = TestDatabase.storeBuilder(getClass())
                .tenancy(TenancyStrategy.conjoined())
                .eventType("Noted", Noted.class)
                .maxConnections(12)
                .build();
        schema = "\"" + store.schemaName() + "\"";
    }

    @AfterAll
    void close() {
        store.close();
    }

    private static List<Noted> notes(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> new Noted(prefix + i)).toList();
    }

    private static List<Object> read(Store s, UUID stream) {
        return s.events().readStream(stream).stream().map(EventEnvelope::event).toList();
    }

    private long rowsIn(String table, String tenant) {
        return TestDatabase.count("select count(*) from only " + schema + "." + table + " where tenant_id = ?", tenant);
    }

    @Test
    void aPartitionedTenantsEventsLiveInItsPartitionAndEveryPathFindsThem() {
        store.tenants().ensure("acme");
        store.tenants().ensure("globex");
        Store acme = store.forTenant("acme");
        Store globex = store.forTenant("globex");
        UUID stream = UUID.randomUUID();
        AppendResult before = acme.events().append(stream, Expected.noStream(), notes("old", 3));
        globex.events().append(stream, Expected.noStream(), List.of(new Noted("g1")));
        store.events().append(stream, Expected.noStream(), List.of(new Noted("root")));
        assertThat(rowsIn("rf_events_default", "acme")).isEqualTo(3);

        assertThat(store.tenants().partition("acme")).isTrue();
        assertThat(store.tenants().partition("acme")).isFalse();

        assertThat(store.tenants().partitioned()).contains("acme").doesNotContain("globex");
        assertThat(store.tenants().status("acme").ownPartition()).isTrue();
        assertThat(store.tenants().status("globex").ownPartition()).isFalse();
        assertThat(TestDatabase.count(
                        "select count(*) from pg_inherits where inhparent = ?::regclass"
                                + " and inhrelid = ?::regclass",
                        schema + ".rf_events",
                        schema + ".rf_events_t_acme"))
                .isEqualTo(1);
        assertThat(rowsIn("rf_events_default", "acme")).isZero();
        assertThat(rowsIn("rf_events_t_acme", "acme")).isEqualTo(3);

        // Writes after the move: one statement, the expected-version check, the COPY route of a large append.
        acme.events().append(stream, Expected.exact(3), notes("new", 2));
        assertThatThrownBy(() -> acme.events().append(stream, Expected.exact(3), notes("stale", 1)))
                .isInstanceOf(ConcurrencyException.class);
        UUID large = UUID.randomUUID();
        acme.events().append(large, Expected.noStream(), notes("bulk", 250));
        acme.events()
                .builder(stream)
                .idempotencyKey("k1")
                .push(new Noted("keyed"))
                .send();
        assertThat(TestDatabase.count(
                        "select count(distinct tableoid) from " + schema + ".rf_events where tenant_id = 'acme'"))
                .isEqualTo(1);
        assertThat(rowsIn("rf_events_t_acme", "acme")).isEqualTo(3 + 2 + 250 + 1);

        assertThat(read(acme, stream)).hasSize(6).startsWith(new Noted("old0"), new Noted("old1"), new Noted("old2"));
        assertThat(acme.events().readStream(stream).get(0).globalSeq()).isEqualTo(before.firstGlobalSeq());
        assertThat(acme.events().stream(stream))
                .get()
                .extracting(s -> s.version())
                .isEqualTo(6L);
        assertThat(acme.events().readStream(large, 249, 10)).hasSize(2);
        List<EventEnvelope> all = acme.events().readAll(0, 1000);
        assertThat(all).hasSize(256);
        assertThat(all).extracting(EventEnvelope::globalSeq).isSorted();
        // Tenants of the default partition and the default tenant keep their own, and see none of acme's.
        assertThat(read(globex, stream)).containsExactly(new Noted("g1"));
        assertThat(read(store, stream)).containsExactly(new Noted("root"));
        assertThat(globex.events().readAll(0, 1000)).hasSize(1);
        assertThat(store.events().readStream(large)).isEmpty();

        // Documents are not partitioned: every path works for the partitioned tenant as for the others.
        DocumentCollection<Member, UUID> members = acme.documents(MEMBER);
        UUID id = UUID.randomUUID();
        members.put(id, new Member("a@x", "ada"));
        globex.documents(MEMBER).put(id, new Member("a@x", "grace"));
        assertThat(members.get(id)).get().extracting(v -> v.value().name()).isEqualTo("ada");
        assertThat(members.query().where(EMAIL.eq("a@x")).list())
                .extracting(Member::name)
                .containsExactly("ada");
    }

    @Test
    void anExistingSchemasEventsBecomeTheDefaultPartitionAndPositionsGoOn() {
        String fresh = TestDatabase.freshSchema(getClass());
        String quoted = "\"" + fresh + "\"";
        long last;
        try (Store single = Store.builder(TestDatabase.jdbcUrl())
                .schema(fresh)
                .eventType("Noted", Noted.class)
                .build()) {
            last = single.events()
                    .append(UUID.randomUUID(), Expected.noStream(), notes("old", 5))
                    .lastGlobalSeq();
        }
        try (Store conjoined = Store.builder(TestDatabase.jdbcUrl())
                .schema(fresh)
                .tenancy(TenancyStrategy.conjoined())
                .eventType("Noted", Noted.class)
                .build()) {
            assertThat(TestDatabase.count(
                            "select count(*) from pg_class where oid = ?::regclass and relkind = 'p'",
                            quoted + ".rf_events"))
                    .isEqualTo(1);
            assertThat(TestDatabase.count("select count(*) from only " + quoted + ".rf_events_default"))
                    .isEqualTo(5);
            conjoined.tenants().ensure("acme");
            AppendResult next = conjoined
                    .forTenant("acme")
                    .events()
                    .append(UUID.randomUUID(), Expected.noStream(), notes("new", 1));
            assertThat(next.firstGlobalSeq()).isGreaterThan(last);
            assertThat(conjoined.tenants().partition("acme")).isTrue();
            assertThat(conjoined.events().readAll(0, 100)).hasSize(5);
            assertThat(conjoined.forTenant("acme").events().readAll(0, 100))
                    .extracting(EventEnvelope::globalSeq)
                    .containsExactly(next.firstGlobalSeq());
        }
    }

    @Test
    void movingATenantWhileOthersAppendLosesNoEvent() throws Exception {
        store.tenants().ensure("busy");
        store.tenants().ensure("calm");
        Store busy = store.forTenant("busy");
        Store calm = store.forTenant("calm");
        for (int i = 0; i < 20; i++) {
            busy.events().append(UUID.randomUUID(), Expected.noStream(), notes("seed", 50));
        }
        AtomicBoolean stop = new AtomicBoolean();
        List<Long> acknowledged = Collections.synchronizedList(new ArrayList<>());
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<Integer>> done = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            Store target = w < 3 ? busy : calm;
            done.add(writers.submit(() -> {
                UUID stream = UUID.randomUUID();
                int appended = 0;
                while (!stop.get()) {
                    AppendResult r = target.events().append(stream, Expected.any(), List.of(new Noted("w")));
                    if (target == busy) {
                        acknowledged.add(r.firstGlobalSeq());
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

        Set<Long> stored = new TreeSet<>();
        busy.events().readAll(0, 100_000).forEach(e -> stored.add(e.globalSeq()));
        assertThat(stored).hasSize(20 * 50 + acknowledged.size()).containsAll(acknowledged);
        assertThat(rowsIn("rf_events_t_busy", "busy")).isEqualTo(stored.size());
        assertThat(rowsIn("rf_events_default", "busy")).isZero();
        assertThat(calm.events().readAll(0, 100_000)).isNotEmpty().allMatch(e -> e.event()
                .equals(new Noted("w")));
    }

    @Test
    void droppingAPartitionedTenantDropsItsPartitionAndNothingElse() {
        store.tenants().ensure("gone");
        store.tenants().ensure("stays");
        UUID stream = UUID.randomUUID();
        store.forTenant("gone").events().append(stream, Expected.noStream(), notes("g", 4));
        store.forTenant("stays").events().append(stream, Expected.noStream(), notes("s", 2));
        store.tenants().partition("gone");

        assertThat(store.tenants().drop("gone", "gone")).isTrue();

        assertThat(TestDatabase.count(
                        "select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                                + " where n.nspname = ? and c.relname = 'rf_events_t_gone'",
                        store.schemaName()))
                .isZero();
        assertThat(store.tenants().partitioned()).doesNotContain("gone");
        assertThat(TestDatabase.count("select count(*) from " + schema + ".rf_streams where tenant_id = 'gone'"))
                .isZero();
        assertThat(read(store.forTenant("stays"), stream)).hasSize(2);
        // Provisioned again, the tenant starts empty, in the default partition.
        store.tenants().ensure("gone");
        assertThat(store.forTenant("gone").events().readStream(stream)).isEmpty();
        store.forTenant("gone").events().append(stream, Expected.noStream(), notes("again", 1));
        assertThat(rowsIn("rf_events_default", "gone")).isEqualTo(1);
    }

    @Test
    void aDropRacingAMoveLeavesNeitherRowsNorAPartitionBehind() throws Exception {
        ExecutorService both = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 6; i++) {
                String tenant = "race_" + i;
                store.tenants().ensure(tenant);
                store.forTenant(tenant).events().append(UUID.randomUUID(), Expected.noStream(), notes("r", 20));
                Future<?> move = both.submit(() -> {
                    try {
                        store.tenants().partition(tenant);
                    } catch (TenantNotFoundException dropped) {
                        // the drop went first
                    }
                });
                Future<Boolean> drop = both.submit(() -> store.tenants().drop(tenant, tenant));
                move.get(30, TimeUnit.SECONDS);
                assertThat(drop.get(30, TimeUnit.SECONDS)).isTrue();

                assertThat(store.tenants().exists(tenant)).isFalse();
                assertThat(store.tenants().partitioned()).doesNotContain(tenant);
                assertThat(TestDatabase.count(
                                "select count(*) from pg_class where relname = ?", "rf_events_t_" + tenant))
                        .isZero();
                assertThat(TestDatabase.count(
                                "select count(*) from " + schema + ".rf_events where tenant_id = ?", tenant))
                        .isZero();
            }
        } finally {
            both.shutdownNow();
        }
    }

    @Test
    void aTenantsStoreHeldAcrossItsDropIsRefusedNamingTheTenant() {
        store.tenants().ensure("held");
        Store held = store.forTenant("held");
        UUID stream = UUID.randomUUID();
        held.events().append(stream, Expected.noStream(), notes("h", 1));
        DocumentCollection<Member, UUID> members = held.documents(MEMBER);

        store.tenants().drop("held", "held");

        assertThatThrownBy(() -> held.events().append(stream, Expected.any(), notes("late", 1)))
                .isInstanceOf(TenantNotFoundException.class)
                .hasMessageContaining("\"held\"")
                .satisfies(
                        e -> assertThat(((TenantNotFoundException) e).tenant()).isEqualTo("held"));
        assertThatThrownBy(() -> held.events().readStream(stream)).isInstanceOf(TenantNotFoundException.class);
        assertThatThrownBy(() -> members.put(UUID.randomUUID(), new Member("late@x", "late")))
                .isInstanceOf(TenantNotFoundException.class);
        assertThat(TestDatabase.count("select count(*) from " + schema + ".rf_events where tenant_id = 'held'"))
                .isZero();

        store.tenants().ensure("held");
        assertThat(held.events().readStream(stream)).isEmpty();
    }

    @Test
    void partitioningIsRefusedForAnUnknownOrBadTenantAndOutsideConjoinedTenancy() {
        assertThatThrownBy(() -> store.tenants().partition("nobody"))
                .isInstanceOf(TenantNotFoundException.class)
                .hasMessageContaining("\"nobody\"");
        assertThat(TestDatabase.count("select count(*) from pg_class where relname = 'rf_events_t_nobody'"))
                .isZero();
        assertThatThrownBy(() -> store.tenants().partition("x'); drop table rf_events; --"))
                .isInstanceOf(InvalidIdentifierException.class);
        try (Store perSchema = TestDatabase.storeBuilder(getClass())
                .tenancy(TestDatabase.freshTenancy())
                .build()) {
            assertThatThrownBy(() -> perSchema.tenants().partition("acme"))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("conjoined");
            assertThat(perSchema.tenants().partitioned()).isEmpty();
        }
    }
}
