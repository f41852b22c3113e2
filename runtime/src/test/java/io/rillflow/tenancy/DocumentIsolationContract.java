package io.rillflow.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.DocumentNotFoundException;
import io.rillflow.Store;
import io.rillflow.documents.DocumentCollection;
import io.rillflow.documents.DocumentDefinition;
import io.rillflow.documents.DocumentVersion;
import io.rillflow.documents.IndexDefinition;
import io.rillflow.documents.Patch;
import io.rillflow.documents.UniqueIndexViolationException;
import io.rillflow.documents.Versioned;
import io.rillflow.query.StringPath;
import io.rillflow.testing.TestDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * The documents of two tenants of one store on one pool, for each tenancy strategy (a subclass per strategy): what one
 * tenant writes, by any document path, the other never sees, the same ids and the same unique values in both never
 * collide, and the store the builder made sees none of either.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DocumentIsolationContract {
    record Member(String email, String name) {}

    static final StringPath EMAIL = new StringPath(null, "email");
    static final StringPath NAME = new StringPath(null, "name");

    /** A unique email and a document history: both must be per tenant. */
    static final DocumentDefinition<Member, UUID> MEMBER = new DocumentDefinition<>(
                    "member", Member.class, UUID.class, List.of(IndexDefinition.btree("email", EMAIL, true)))
            .withHistory();

    Store store;
    Store acme;
    Store globex;

    /** The strategy under test. */
    abstract TenancyStrategy tenancy();

    /** What {@code tenants().drop} takes as confirmation for the tenant of {@code view}. */
    abstract String dropConfirmation(Store view);

    @BeforeAll
    void open() {
        store = TestDatabase.storeBuilder(getClass())
                .tenancy(tenancy())
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

    static DocumentCollection<Member, UUID> members(Store s) {
        return s.documents(MEMBER);
    }

    @Test
    void singleDocumentWritesWithTheSameIdStayInTheirTenant() {
        UUID id = UUID.randomUUID();
        assertThat(members(acme).insert(id, new Member("a@x", "acme"))).isEqualTo(1);
        assertThat(members(globex).get(id)).isEmpty();
        assertThat(members(globex).insert(id, new Member("g@x", "globex"))).isEqualTo(1);
        members(globex).put(id, new Member("g@x", "globex 2"), 1);
        members(globex).patch(id, Patch.set("name", "globex 3"));
        members(globex).update(id, m -> new Member(m.email(), m.name() + "!"));

        assertThat(members(acme).get(id)).contains(new Versioned<>(new Member("a@x", "acme"), 1));
        assertThat(members(globex).get(id)).contains(new Versioned<>(new Member("g@x", "globex 3!"), 4));
        assertThat(members(acme).getField(id, "name", String.class)).contains("acme");
        assertThat(members(acme).loadWithMetadata(id).orElseThrow().metadata().version())
                .isEqualTo(1);
        assertThat(members(store).get(id)).isEmpty();
        assertThat(members(store).loadWithMetadata(id)).isEmpty();
        assertThatThrownBy(() -> members(store).patch(id, Patch.set("name", "root")))
                .isInstanceOf(DocumentNotFoundException.class);

        assertThat(members(globex).delete(id)).isTrue();
        assertThat(members(globex).delete(id)).isFalse();
        assertThat(members(acme).get(id)).isPresent();
    }

    @Test
    void theSameUniqueValueInTwoTenantsNeverCollidesButRepeatsInOneAreRefused() {
        members(acme).put(UUID.randomUUID(), new Member("same@x", "acme"));
        members(globex).put(UUID.randomUUID(), new Member("same@x", "globex"));
        members(store).put(UUID.randomUUID(), new Member("same@x", "root"));

        assertThatThrownBy(() -> members(acme).put(UUID.randomUUID(), new Member("same@x", "acme again")))
                .isInstanceOf(UniqueIndexViolationException.class);
        assertThat(members(acme).query().where(EMAIL.eq("same@x")).list())
                .containsExactly(new Member("same@x", "acme"));
        assertThat(members(store).query().where(EMAIL.eq("same@x")).list())
                .containsExactly(new Member("same@x", "root"));
    }

    @Test
    void queriesCountPagesAndExistsSeeOneTenant() {
        String name = "queried " + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            members(acme).put(UUID.randomUUID(), new Member("q" + i + "@" + name, name));
        }
        members(globex).put(UUID.randomUUID(), new Member("q@" + name, name));

        assertThat(members(acme).query().where(NAME.eq(name)).count()).isEqualTo(3);
        assertThat(members(globex).query().where(NAME.eq(name)).list()).hasSize(1);
        assertThat(members(acme).query().where(NAME.eq(name)).listPage(1, 2).total())
                .isEqualTo(3);
        assertThat(members(store).query().where(NAME.eq(name)).exists()).isFalse();
        assertThat(members(store).query().where(NAME.eq(name)).includeDeleted().count())
                .isZero();
    }

    @Test
    void bulkWritesAndCopyStayInTheirTenant() {
        Map<UUID, Member> batch = new LinkedHashMap<>();
        for (int i = 0; i < 600; i++) {
            batch.put(UUID.randomUUID(), new Member("bulk" + i + "@x", "bulk"));
        }
        DocumentCollection<Member, UUID> acmeBulk = acme.documents(Member.class, UUID.class, "bulk_member");
        DocumentCollection<Member, UUID> globexBulk = globex.documents(Member.class, UUID.class, "bulk_member");
        assertThat(acmeBulk.bulkInsert(batch)).isEqualTo(600);
        assertThat(globexBulk.query().count()).isZero();
        assertThat(globexBulk.bulkPut(batch).values()).containsOnly(1L);

        Map<UUID, Versioned<Member>> updates = new LinkedHashMap<>();
        batch.forEach((id, m) -> updates.put(id, new Versioned<>(new Member(m.email(), "updated"), 1)));
        assertThat(globexBulk.bulkUpdate(updates).values()).containsOnly(2L);
        assertThat(acmeBulk.query().where(NAME.eq("updated")).count()).isZero();

        List<UUID> half = new ArrayList<>(batch.keySet()).subList(0, 300);
        assertThat(globexBulk.softDeleteAll(half)).isEqualTo(300);
        assertThat(globexBulk.deleteAll(batch.keySet())).isEqualTo(600);
        assertThat(acmeBulk.query().count()).isEqualTo(600);
        assertThat(globexBulk.query().includeDeleted().count()).isZero();
        assertThat(store.documents(Member.class, UUID.class, "bulk_member").deleteAll())
                .isZero();
        assertThat(globexBulk.deleteAll()).isZero();
        assertThat(acmeBulk.deleteAll()).isEqualTo(600);
    }

    @Test
    void softDeleteAndRestoreTouchOneTenant() {
        UUID id = UUID.randomUUID();
        members(acme).put(id, new Member("soft-a@x", "acme"));
        members(globex).put(id, new Member("soft-g@x", "globex"));

        assertThat(members(globex).softDelete(id)).isTrue();
        assertThat(members(acme).get(id)).isPresent();
        assertThat(members(acme).restore(id)).isFalse();
        assertThatThrownBy(() -> members(store).softDelete(id)).isInstanceOf(DocumentNotFoundException.class);
        assertThat(members(globex)
                        .query()
                        .onlyDeleted()
                        .where(EMAIL.eq("soft-g@x"))
                        .count())
                .isEqualTo(1);
        assertThat(members(acme)
                        .query()
                        .onlyDeleted()
                        .where(EMAIL.eq("soft-g@x"))
                        .count())
                .isZero();
        assertThat(members(globex).restore(id)).isTrue();
        assertThat(members(globex).get(id).orElseThrow().version()).isEqualTo(3);
        assertThat(members(acme).get(id).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void historyRecordsAndReadsEachTenantsVersions() {
        UUID id = UUID.randomUUID();
        members(acme).put(id, new Member("h-a@x", "a1"));
        members(acme).put(id, new Member("h-a@x", "a2"));
        members(globex).put(id, new Member("h-g@x", "g1"));
        members(globex).delete(id);

        assertThat(members(acme).history(id)).extracting(v -> v.value().name()).containsExactly("a2", "a1");
        assertThat(members(globex).history(id))
                .extracting(DocumentVersion::operation)
                .containsExactly(DocumentVersion.Operation.DELETE, DocumentVersion.Operation.INSERT);
        assertThat(members(acme).atVersion(id, 2).orElseThrow().value().name()).isEqualTo("a2");
        assertThat(members(globex).atVersion(id, 2).orElseThrow().value().name())
                .isEqualTo("g1");
        assertThat(members(store).history(id)).isEmpty();
    }

    @Test
    void adminReadsAndSoftDeletesInItsTenant() {
        UUID id = UUID.randomUUID();
        members(store); // the root's table exists, so the admin looks for the id in it
        members(acme).put(id, new Member("adm-a@x", "acme"));
        members(globex).put(id, new Member("adm-g@x", "globex"));

        assertThat(acme.admin().document("member", id.toString()).orElseThrow().json())
                .contains("adm-a@x");
        assertThat(store.admin().document("member", id.toString())).isEmpty();
        assertThat(globex.admin().softDeleteDocument("member", id.toString())).isTrue();
        assertThat(acme.admin().document("member", id.toString()).orElseThrow().deletedAt())
                .isNull();
        assertThatThrownBy(() -> store.admin().softDeleteDocument("member", id.toString()))
                .isInstanceOf(DocumentNotFoundException.class);
        assertThat(globex.admin().restoreDocument("member", id.toString())).isTrue();
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
                    DocumentCollection<Member, UUID> race = mine.documents(Member.class, UUID.class, "race_member");
                    for (int i = 0; i < perThread; i++) {
                        // Threads 0 and 1 write the same ids, one in each tenant; and so on.
                        UUID id = new UUID(thread / 2, i);
                        race.put(id, new Member(tenant + "@x", tenant));
                        race.patch(id, Patch.set("email", tenant + i + "@x"));
                        assertThat(race.load(id).orElseThrow().name()).isEqualTo(tenant);
                        assertThat(race.query().where(NAME.eq(tenant)).exists()).isTrue();
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
            DocumentCollection<Member, UUID> race = s.documents(Member.class, UUID.class, "race_member");
            assertThat(race.query().list()).hasSize(4 * perThread).allMatch(m -> m.name()
                    .equals(tenant));
            assertThat(race.get(new UUID(0, 0)).orElseThrow().version()).isEqualTo(2);
        }
        assertThat(store.documents(Member.class, UUID.class, "race_member")
                        .query()
                        .count())
                .isZero();
    }

    @Test
    void droppingATenantRemovesItsDocumentsOnly() {
        store.tenants().ensure("initech");
        Store initech = store.forTenant("initech");
        UUID id = UUID.randomUUID();
        members(initech).put(id, new Member("drop@x", "initech"));
        members(initech).put(id, new Member("drop@x", "initech 2"));
        members(acme).put(id, new Member("keep@x", "acme"));
        members(store).put(id, new Member("root@x", "root"));

        assertThat(store.tenants().drop("initech", dropConfirmation(initech))).isTrue();

        assertThat(store.tenants().exists("initech")).isFalse();
        assertThat(members(acme).get(id)).isPresent();
        assertThat(members(acme).history(id)).hasSize(1);
        assertThat(members(store).get(id)).isPresent();
        store.tenants().ensure("initech");
        Store again = store.forTenant("initech");
        assertThat(members(again).get(id)).isEmpty();
        assertThat(members(again).history(id)).isEmpty();
        assertThat(members(again).query().where(EMAIL.eq("drop@x")).count()).isZero();
    }
}
