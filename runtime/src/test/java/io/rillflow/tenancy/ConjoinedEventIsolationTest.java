package io.rillflow.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.ConcurrencyException;
import io.rillflow.IdempotencyConflictException;
import io.rillflow.Store;
import io.rillflow.admin.StreamAlias;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.events.StreamInfo;
import io.rillflow.testing.TestDatabase;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The events of two tenants of one conjoined store, on one pool and one set of tables: what one appends the other never
 * reads, and the same stream ids, aliases and idempotency keys in both never collide. The root store is the default
 * tenant, which sees none of theirs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConjoinedEventIsolationTest {
    record Noted(String text) {}

    private Store store;
    private Store acme;
    private Store globex;

    @BeforeAll
    void open() {
        store = TestDatabase.storeBuilder(getClass())
                .tenancy(TenancyStrategy.conjoined())
                .eventType("Noted", Noted.class)
                .maxConnections(8)
                .build();
        store.tenants().ensure("acme");
        store.tenants().ensure("globex");
        acme = store.forTenant("acme");
        globex = store.forTenant("globex");
    }

    @AfterAll
    void close() {
        store.close();
    }

    private static List<Object> read(Store s, UUID stream) {
        return s.events().readStream(stream).stream().map(EventEnvelope::event).toList();
    }

    @Test
    void streamsWithTheSameIdKeepTheirOwnVersionsAndTheRootSeesNone() {
        UUID stream = UUID.randomUUID();
        acme.events()
                .builder(stream)
                .streamType("order")
                .push(new Noted("a1"))
                .push(new Noted("a2"))
                .send();
        // The same stream id is new in globex: no stream there yet, so noStream holds.
        globex.events().append(stream, Expected.noStream(), List.of(new Noted("g1")));

        assertThat(read(acme, stream)).containsExactly(new Noted("a1"), new Noted("a2"));
        assertThat(read(globex, stream)).containsExactly(new Noted("g1"));
        assertThat(acme.events().stream(stream))
                .get()
                .extracting(StreamInfo::version, StreamInfo::type)
                .containsExactly(2L, "order");
        assertThat(globex.events().stream(stream))
                .get()
                .extracting(StreamInfo::version, StreamInfo::type)
                .containsExactly(1L, null);
        assertThat(acme.events().readStream(stream, 2, 10))
                .extracting(EventEnvelope::event)
                .containsExactly(new Noted("a2"));
        assertThat(store.events().stream(stream)).isEmpty();
        assertThat(store.events().readStream(stream)).isEmpty();
    }

    @Test
    void expectedVersionsAreCheckedAgainstTheTenantsOwnStream() {
        UUID stream = UUID.randomUUID();
        acme.events().append(stream, Expected.noStream(), List.of(new Noted("1"), new Noted("2"), new Noted("3")));

        assertThatThrownBy(() -> globex.events().append(stream, Expected.exact(3), List.of(new Noted("x"))))
                .isInstanceOfSatisfying(
                        ConcurrencyException.class, e -> assertThat(e.actual()).isZero());
        assertThatThrownBy(() -> globex.events().append(stream, Expected.streamExists(), List.of(new Noted("x"))))
                .isInstanceOf(ConcurrencyException.class);
        globex.events().append(stream, Expected.noStream(), List.of(new Noted("g")));
        assertThatThrownBy(() -> acme.events().append(stream, Expected.exact(1), List.of(new Noted("x"))))
                .isInstanceOfSatisfying(
                        ConcurrencyException.class, e -> assertThat(e.actual()).isEqualTo(3));
        // A large append (loaded with COPY) checks and writes its tenant's stream too.
        List<Noted> many = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            many.add(new Noted("many " + i));
        }
        assertThat(globex.events().append(stream, Expected.exact(1), many).streamVersion())
                .isEqualTo(251);
        assertThat(acme.events().append(stream, Expected.exact(3), many).streamVersion())
                .isEqualTo(253);
        assertThat(read(globex, stream)).hasSize(251).startsWith(new Noted("g"));
        assertThat(read(acme, stream)).hasSize(253).startsWith(new Noted("1"));
    }

    @Test
    void readAllOfATenantReturnsOnlyItsEventsInGlobalOrder() {
        List<UUID> streams = List.of(UUID.randomUUID(), UUID.randomUUID());
        for (int i = 0; i < 10; i++) {
            UUID stream = streams.get(i % 2);
            acme.events().append(stream, Expected.any(), List.of(new Noted("readall acme " + i)));
            globex.events().append(stream, Expected.any(), List.of(new Noted("readall globex " + i)));
        }

        List<EventEnvelope> acmes = acme.events().readAll(0, 100_000);
        assertThat(acmes).extracting(EventEnvelope::globalSeq).isSorted().doesNotHaveDuplicates();
        assertThat(texts(acmes, "readall "))
                .containsExactly(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9).stream()
                        .map(i -> "readall acme " + i)
                        .toArray(String[]::new));
        assertThat(texts(globex.events().readAll(0, 100_000), "readall "))
                .hasSize(10)
                .allMatch(t -> t.contains("globex"));
        assertThat(texts(store.events().readAll(0, 100_000), "readall ")).isEmpty();
        // Reading on from a position is a tenant's too: the global positions between its events are other tenants'.
        long fifth = acmes.stream()
                .filter(e -> e.event().equals(new Noted("readall acme 4")))
                .findFirst()
                .orElseThrow()
                .globalSeq();
        assertThat(texts(acme.events().readAll(fifth, 3), "readall "))
                .containsExactly("readall acme 5", "readall acme 6", "readall acme 7");
    }

    private static List<String> texts(List<EventEnvelope> events, String prefix) {
        return events.stream()
                .map(e -> ((Noted) e.event()).text())
                .filter(t -> t.startsWith(prefix))
                .toList();
    }

    @Test
    void theSameAliasNamesAStreamInEachTenantAndTheAdminListsTheTenantsOwn() {
        UUID stream = acme.events().resolveStreamAlias("order-17");
        acme.events().append(stream, Expected.any(), List.of(new Noted("a"), new Noted("b")));
        assertThat(acme.admin().streamAlias("order-17")).contains(stream);
        assertThat(globex.admin().streamAlias("order-17")).isEmpty();
        assertThat(store.admin().streamAlias("order-17")).isEmpty();

        assertThat(globex.events().resolveStreamAlias("order-17")).isEqualTo(stream);
        globex.events().append(stream, Expected.any(), List.of(new Noted("g")));

        assertThat(acme.admin().streamAliases("order-", 10))
                .extracting(StreamAlias::alias, StreamAlias::version)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("order-17", 2L));
        assertThat(globex.admin().streamAliases("order-", 10))
                .extracting(StreamAlias::alias, StreamAlias::version)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("order-17", 1L));
        assertThat(store.admin().streamAliases("order-", 10)).isEmpty();
    }

    @Test
    void theSameIdempotencyKeyIsAcceptedOncePerTenant() {
        UUID stream = UUID.randomUUID();
        acme.events()
                .builder(stream)
                .idempotencyKey("req-1")
                .push(new Noted("a"))
                .send();
        globex.events()
                .builder(stream)
                .idempotencyKey("req-1")
                .push(new Noted("g"))
                .send();
        assertThatThrownBy(() -> acme.events()
                        .builder(stream)
                        .idempotencyKey("req-1")
                        .push(new Noted("again"))
                        .send())
                .isInstanceOf(IdempotencyConflictException.class);
        assertThatThrownBy(() -> globex.events()
                        .builder(stream)
                        .idempotencyKey("req-1")
                        .lockStream()
                        .push(new Noted("again"))
                        .send())
                .isInstanceOf(IdempotencyConflictException.class);

        // The COPY route records its key on its own.
        List<Noted> many = Collections.nCopies(220, new Noted("bulk"));
        acme.events().builder(stream).idempotencyKey("bulk-1").pushAll(many).send();
        globex.events().builder(stream).idempotencyKey("bulk-1").pushAll(many).send();
        assertThatThrownBy(() -> globex.events()
                        .builder(stream)
                        .idempotencyKey("bulk-1")
                        .pushAll(many)
                        .send())
                .isInstanceOf(IdempotencyConflictException.class);
        assertThat(read(acme, stream)).hasSize(221).startsWith(new Noted("a"));
        assertThat(read(globex, stream)).hasSize(221).startsWith(new Noted("g"));
    }

    @Test
    void aStreamLockOfOneTenantDoesNotHoldBackTheSameStreamIdInAnother() throws Exception {
        UUID stream = UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Connection c = TestDatabase.connection()) {
            c.setAutoCommit(false);
            acme.events()
                    .within(c)
                    .builder(stream)
                    .lockStream()
                    .push(new Noted("held"))
                    .send();

            Future<?> other = pool.submit(() -> globex.events()
                    .builder(stream)
                    .lockStream()
                    .push(new Noted("free"))
                    .send());
            other.get(10, TimeUnit.SECONDS);
            // So does a session of that tenant taking its streams' locks.
            pool.submit(() -> globex.inSession(o -> o.withStreamLocks(true), session -> {
                        session.events().append(stream, Expected.exact(1), new Noted("session"));
                        return null;
                    }))
                    .get(10, TimeUnit.SECONDS);
            // The lock is real: a session of the same tenant taking its streams' locks waits for it (without the lock
            // it would fail at once: the held append's row is not committed, so version 1 is not there yet).
            Future<?> same = pool.submit(() -> acme.inSession(o -> o.withStreamLocks(true), session -> {
                session.events().append(stream, Expected.exact(1), new Noted("queued"));
                return null;
            }));
            assertThatThrownBy(() -> same.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            c.commit();
            same.get(10, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(read(acme, stream)).containsExactly(new Noted("held"), new Noted("queued"));
        assertThat(read(globex, stream)).containsExactly(new Noted("free"), new Noted("session"));
    }

    @Test
    void aSessionAppendsToItsTenantAndReportsItsTenantsVersions() {
        UUID missed = UUID.randomUUID();
        UUID shared = UUID.randomUUID();
        acme.events().append(missed, Expected.noStream(), List.of(new Noted("a1")));
        acme.events().append(shared, Expected.noStream(), List.of(new Noted("a1")));

        assertThatThrownBy(() -> globex.inSession(session -> {
                    // Both streams are at version 1 in acme, at 0 in globex: the first append sent fails, and the
                    // session reports the other stream's version too, globex's.
                    session.events().append(missed, Expected.exact(1), new Noted("never"));
                    session.events().append(shared, Expected.exact(1), new Noted("never"));
                    return null;
                }))
                .isInstanceOfSatisfying(ConcurrencyException.class, e -> {
                    List<String> found = new ArrayList<>();
                    found.add(e.target() + " at " + e.actual());
                    for (Throwable other : e.getSuppressed()) {
                        ConcurrencyException c = (ConcurrencyException) other;
                        found.add(c.target() + " at " + c.actual());
                    }
                    assertThat(found)
                            .containsExactlyInAnyOrder("stream " + missed + " at 0", "stream " + shared + " at 0");
                });
        globex.inSession(o -> o.withStreamLocks(true), session -> {
            session.events().append(shared, Expected.noStream(), new Noted("g1"));
            return null;
        });
        assertThat(read(globex, shared)).containsExactly(new Noted("g1"));
        assertThat(read(acme, shared)).containsExactly(new Noted("a1"));
    }

    @Test
    void concurrentAppendsToTheSameStreamIdInTwoTenantsNeverConflict() throws Exception {
        UUID stream = UUID.randomUUID();
        int appends = 60;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (Store s : List.of(acme, globex)) {
                work.add(pool.submit(() -> {
                    for (int i = 0; i < appends; i++) {
                        s.events()
                                .append(
                                        stream,
                                        Expected.exact(i),
                                        List.of(new Noted(s.tenant().orElseThrow() + " " + i)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (Store s : List.of(acme, globex)) {
            String tenant = s.tenant().orElseThrow();
            assertThat(s.events().stream(stream).orElseThrow().version()).isEqualTo(appends);
            assertThat(s.events().readStream(stream))
                    .extracting(e -> ((Noted) e.event()).text())
                    .hasSize(appends)
                    .allMatch(text -> text.startsWith(tenant + " "));
        }
    }

    @Test
    void twoTenantsInterleavedOnOnePoolUnderEightThreadsNeverSeeEachOther() throws Exception {
        int perThread = 40;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                Store mine = t % 2 == 0 ? acme : globex;
                String tenant = mine.tenant().orElseThrow();
                int thread = t;
                Callable<Void> writer = () -> {
                    for (int i = 0; i < perThread; i++) {
                        // Stream ids shared between the tenants: threads 0 and 1 write the same ids, and so on.
                        UUID id = new UUID(1000 + thread / 2, i);
                        mine.events().append(id, Expected.noStream(), List.of(new Noted(tenant)));
                        mine.events().resolveStreamAlias("race-" + thread / 2 + "-" + i);
                        assertThat(read(mine, id)).containsExactly(new Noted(tenant));
                    }
                    return null;
                };
                work.add(pool.submit(writer));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        for (Store s : List.of(acme, globex)) {
            String tenant = s.tenant().orElseThrow();
            for (int i = 0; i < perThread; i++) {
                assertThat(read(s, new UUID(1000, i))).containsExactly(new Noted(tenant));
            }
            assertThat(s.admin().streamAliases("race-", 1000)).hasSize(4 * perThread);
        }
    }

    @Test
    void droppingATenantDeletesExactlyItsEventsStreamsAliasesAndKeys() {
        store.tenants().ensure("initech");
        Store initech = store.forTenant("initech");
        UUID stream = UUID.randomUUID();
        for (Store s : List.of(initech, acme, store)) {
            s.events()
                    .builder(stream)
                    .idempotencyKey("k")
                    .push(new Noted("before drop"))
                    .send();
            s.events().resolveStreamAlias("dropped-alias");
        }
        List<String> tables = List.of("rf_events", "rf_streams", "rf_stream_aliases", "rf_idempotency_keys");
        List<Long> others = counts(tables, "<> 'initech'");
        assertThat(counts(tables, "= 'initech'")).allMatch(n -> n > 0);

        assertThat(store.tenants().drop("initech", "initech")).isTrue();

        assertThat(counts(tables, "= 'initech'")).containsOnly(0L);
        assertThat(counts(tables, "<> 'initech'")).isEqualTo(others);
        assertThat(read(acme, stream)).containsExactly(new Noted("before drop"));
        assertThat(read(store, stream)).containsExactly(new Noted("before drop"));
        store.tenants().ensure("initech");
        Store again = store.forTenant("initech");
        assertThat(again.events().stream(stream)).isEmpty();
        again.events()
                .builder(stream)
                .idempotencyKey("k")
                .expected(Expected.noStream())
                .push(new Noted("new"))
                .send();
        assertThat(read(again, stream)).containsExactly(new Noted("new"));
    }

    private List<Long> counts(List<String> tables, String tenantCondition) {
        List<Long> counts = new ArrayList<>();
        for (String table : tables) {
            counts.add(TestDatabase.count("select count(*) from \"" + store.schemaName() + "\"." + table
                    + " where tenant_id " + tenantCondition));
        }
        return counts;
    }
}
