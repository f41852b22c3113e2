package io.rillflow.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.ConcurrencyException;
import io.rillflow.Store;
import io.rillflow.annotations.ProjectionMode;
import io.rillflow.documents.DocumentCollection;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.projections.ProjectionContext;
import io.rillflow.projections.ProjectionHandler;
import io.rillflow.sessions.DocumentSession;
import io.rillflow.testing.TestDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two tenants of one store, on one pool: what one writes the other never sees, and the same document ids and stream
 * ids in both never collide. The root store's own schema stays empty throughout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationTest {
    record Note(String text) {}

    record Noted(String text) {}

    private Store store;
    private Store acme;
    private Store globex;

    @BeforeAll
    void open() {
        store = TestDatabase.storeBuilder(getClass())
                .tenancy(TestDatabase.freshTenancy())
                .eventType("Noted", Noted.class)
                .maxConnections(8)
                .build();
        store.projections().register(new ProjectionHandler() {
            @Override
            public String name() {
                return "inline_notes";
            }

            @Override
            public ProjectionMode mode() {
                return ProjectionMode.INLINE;
            }

            @Override
            public Set<String> eventTypes() {
                return Set.of("Noted");
            }

            @Override
            public void apply(EventEnvelope event, ProjectionContext context) {
                Noted noted = (Noted) event.event();
                context.documents(Note.class, UUID.class, "inline_note").put(event.streamId(), new Note(noted.text()));
            }
        });
        store.tenants().ensure("acme");
        store.tenants().ensure("globex");
        acme = store.forTenant("acme");
        globex = store.forTenant("globex");
    }

    @AfterAll
    void close() {
        store.close();
    }

    private static DocumentCollection<Note, UUID> notes(Store s) {
        return s.documents(Note.class, UUID.class);
    }

    @Test
    void documentsWithTheSameIdLiveApartInEachTenant() {
        UUID id = UUID.randomUUID();
        assertThat(notes(acme).put(id, new Note("acme's"))).isEqualTo(1);
        assertThat(notes(globex).load(id)).isEmpty();
        assertThat(notes(globex).put(id, new Note("globex's"))).isEqualTo(1);
        notes(globex).update(id, n -> new Note(n.text() + ", updated"));

        assertThat(notes(acme).load(id)).contains(new Note("acme's"));
        assertThat(notes(globex).load(id)).contains(new Note("globex's, updated"));
        assertThat(notes(acme).get(id).orElseThrow().version()).isEqualTo(1);
        assertThat(notes(store).load(id)).isEmpty();

        assertThat(notes(globex).delete(id)).isTrue();
        assertThat(notes(acme).load(id)).contains(new Note("acme's"));
    }

    @Test
    void bulkOperationsStayInTheirTenant() {
        Map<UUID, Note> batch = new LinkedHashMap<>();
        for (int i = 0; i < 300; i++) {
            batch.put(UUID.randomUUID(), new Note("bulk " + i));
        }
        DocumentCollection<Note, UUID> acmeBulk = acme.documents(Note.class, UUID.class, "bulk_note");
        DocumentCollection<Note, UUID> globexBulk = globex.documents(Note.class, UUID.class, "bulk_note");
        assertThat(acmeBulk.bulkInsert(batch)).isEqualTo(300);
        assertThat(globexBulk.query().count()).isZero();
        globexBulk.bulkPut(batch);
        assertThat(globexBulk.deleteAll(batch.keySet())).isEqualTo(300);
        assertThat(acmeBulk.query().count()).isEqualTo(300);
        assertThat(globexBulk.query().count()).isZero();
    }

    @Test
    void streamsWithTheSameIdKeepTheirOwnVersionsAndReadAllSeesOneTenant() {
        UUID stream = UUID.randomUUID();
        acme.events().append(stream, Expected.noStream(), List.of(new Noted("a1"), new Noted("a2")));
        // The same stream id is new in globex: no stream there yet, so noStream holds.
        globex.events().append(stream, Expected.noStream(), List.of(new Noted("g1")));
        assertThatThrownBy(() -> globex.events().append(stream, Expected.exact(2), List.of(new Noted("g2"))))
                .isInstanceOf(ConcurrencyException.class);

        assertThat(acme.events().readStream(stream))
                .extracting(EventEnvelope::event)
                .containsExactly(new Noted("a1"), new Noted("a2"));
        assertThat(globex.events().readStream(stream))
                .extracting(EventEnvelope::event)
                .containsExactly(new Noted("g1"));
        assertThat(store.events().stream(stream)).isEmpty();
        assertThat(globex.events().readAll(0, 1000))
                .extracting(EventEnvelope::event)
                .doesNotContain(new Noted("a1"), new Noted("a2"))
                .contains(new Noted("g1"));
    }

    @Test
    void anInlineProjectionRegisteredOnTheRootWritesTheAppendingTenantsDocuments() {
        UUID stream = UUID.randomUUID();
        acme.events().append(stream, Expected.noStream(), List.of(new Noted("projected")));

        assertThat(acme.documents(Note.class, UUID.class, "inline_note").load(stream))
                .contains(new Note("projected"));
        assertThat(globex.documents(Note.class, UUID.class, "inline_note").load(stream))
                .isEmpty();
        assertThat(store.documents(Note.class, UUID.class, "inline_note").load(stream))
                .isEmpty();
    }

    @Test
    void aSessionWritesOnlyItsTenant() {
        UUID stream = UUID.randomUUID();
        try (DocumentSession session = acme.openSession()) {
            session.events().append(stream, Expected.noStream(), new Noted("in a session"));
            session.saveChanges();
        }
        assertThat(acme.events().readStream(stream)).hasSize(1);
        assertThat(globex.events().stream(stream)).isEmpty();
        globex.inSession(session -> {
            session.events().append(stream, Expected.noStream(), new Noted("globex's session"));
            return null;
        });
        assertThat(globex.events().readStream(stream))
                .extracting(EventEnvelope::event)
                .containsExactly(new Noted("globex's session"));
        assertThat(acme.events().readStream(stream))
                .extracting(EventEnvelope::event)
                .containsExactly(new Noted("in a session"));
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
                    DocumentCollection<Note, UUID> coll = mine.documents(Note.class, UUID.class, "race_note");
                    for (int i = 0; i < perThread; i++) {
                        // Ids shared between the two tenants: thread 0 and thread 1 write the same ids, and so on.
                        UUID id = new UUID(thread / 2, i);
                        coll.put(id, new Note(tenant));
                        mine.events().append(id, Expected.any(), List.of(new Noted(tenant)));
                        assertThat(coll.load(id)).contains(new Note(tenant));
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
            List<Note> stored =
                    s.documents(Note.class, UUID.class, "race_note").query().list();
            assertThat(stored).hasSize(4 * perThread).containsOnly(new Note(tenant));
            for (int i = 0; i < perThread; i++) {
                assertThat(s.events().readStream(new UUID(0, i)))
                        .extracting(EventEnvelope::event)
                        .containsExactly(new Noted(tenant));
            }
        }
    }
}
