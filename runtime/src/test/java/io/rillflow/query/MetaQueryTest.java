package io.rillflow.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.rillflow.Store;
import io.rillflow.documents.DocumentCollection;
import io.rillflow.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Conditions and orderings on the metadata columns, whatever the document type. The timestamps and versions are set
 * with SQL so that every expected order is certain, and in an order that differs from the ids' and the names'.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetaQueryTest {
    record Note(String title, @JsonProperty("updated_at") Instant updatedAt) {}

    private static final Instant T1 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2026-02-01T00:00:00Z");
    private static final Instant T3 = Instant.parse("2026-03-01T00:00:00.000001Z");

    private Store store;
    private DocumentCollection<Note, String> notes;
    private final StringPath title = new StringPath(null, "title");

    @BeforeAll
    void open() {
        store = TestDatabase.store(getClass());
        notes = store.documents(Note.class, String.class, "note");
        // A body field named like a column must not be what the metadata paths read: its values are the reverse.
        notes.put("a", new Note("a", T3));
        notes.put("b", new Note("b", T2));
        notes.put("c", new Note("c", T1));
        notes.put("d", new Note("d", T1));
        String table = TestDatabase.table(store, notes);
        //        created   updated   version
        // a      T2        T3        3
        // b      T1        T1        1
        // c      T3        T2        2
        // d      T1        T2        5, soft-deleted at T3
        set(table, "a", T2, T3, 3, null);
        set(table, "b", T1, T1, 1, null);
        set(table, "c", T3, T2, 2, null);
        set(table, "d", T1, T2, 5, T3);
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Test
    void filtersOnUpdatedAt() {
        assertThat(titles(notes.query().where(Meta.updatedAt().after(T1)))).containsExactlyInAnyOrder("a", "c");
        assertThat(titles(notes.query().where(Meta.updatedAt().before(T2)))).containsExactly("b");
        assertThat(titles(notes.query().where(Meta.updatedAt().eq(T3)))).containsExactly("a");
        assertThat(titles(notes.query().where(Meta.updatedAt().between(T1, T2))))
                .containsExactlyInAnyOrder("b", "c");
    }

    @Test
    void ordersByUpdatedAtAndCreatedAt() {
        assertThat(titles(notes.query().orderBy(Meta.updatedAt().desc()))).containsExactly("a", "c", "b");
        assertThat(titles(notes.query().orderBy(Meta.createdAt().asc(), title.asc())))
                .containsExactly("b", "a", "c");
        assertThat(titles(notes.query()
                        .where(Meta.createdAt().lte(T2))
                        .orderBy(Meta.createdAt().desc())))
                .containsExactly("a", "b");
    }

    @Test
    void filtersAndOrdersOnVersion() {
        assertThat(titles(notes.query()
                        .where(Meta.version().gte(2L))
                        .orderBy(Meta.version().asc())))
                .containsExactly("c", "a");
        assertThat(titles(
                        notes.query().where(Meta.version().in(List.of(1L, 3L))).orderBy(title.asc())))
                .containsExactly("a", "b");
        assertThat(notes.query().where(Meta.version().gt(2L)).count()).isEqualTo(1);
    }

    @Test
    void deletedAtFindsSoftDeletedDocuments() {
        assertThat(titles(notes.query().includeDeleted().where(Meta.deletedAt().isNotNull())))
                .containsExactly("d");
        assertThat(titles(notes.query().onlyDeleted().where(Meta.deletedAt().after(T2))))
                .containsExactly("d");
        assertThat(titles(notes.query()
                        .includeDeleted()
                        .where(Meta.deletedAt().isNull())
                        .orderBy(title.asc())))
                .containsExactly("a", "b", "c");
    }

    @Test
    void keysetPagesFollowUpdatedAt() {
        DocumentQuery<Note> byUpdate = notes.query().orderBy(Meta.updatedAt().desc(), title.asc());

        assertThat(titles(byUpdate.after(T3, "a"))).containsExactly("c", "b");
        assertThat(titles(byUpdate.after(T2, "c"))).containsExactly("b");
    }

    @Test
    void theSqlComparesTheColumnsNotTheBody() {
        String sql = notes.query()
                .where(Meta.updatedAt()
                        .after(T1)
                        .and(Meta.version().gte(2L))
                        .and(Meta.createdAt().isNotNull()))
                .orderBy(Meta.updatedAt().desc())
                .toSql();

        assertThat(sql)
                .contains("updated_at > ?")
                .contains("version >= ?")
                .contains("created_at is not null")
                .contains("order by updated_at desc nulls first")
                .doesNotContain("data ->")
                .doesNotContain("rf_timestamptz");
    }

    @Test
    void usesAnIndexOnTheColumnWhenThereIsOne() throws Exception {
        String index = "\"" + store.schemaName() + "\".note_updated_at";
        TestDatabase.execute("create index note_updated_at on " + TestDatabase.table(store, notes) + " (updated_at)");
        try (Connection c = store.dataSource().getConnection();
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            // Four rows: without this the planner rightly prefers reading the table.
            s.execute("set local enable_seqscan = off");

            List<String> plan =
                    notes.within(c).query().where(Meta.updatedAt().after(T1)).explain();

            assertThat(String.join("\n", plan)).contains("note_updated_at");
            c.rollback();
        } finally {
            TestDatabase.execute("drop index " + index);
        }
    }

    @Test
    void metadataCannotBeSetByAPatch() {
        assertThatThrownBy(() -> Meta.updatedAt().set(T1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("updated_at")
                .hasMessageContaining("kept by the store");
    }

    private static List<String> titles(DocumentQuery<Note> query) {
        return query.list().stream().map(Note::title).toList();
    }

    private static void set(String table, String id, Instant created, Instant updated, long version, Instant deleted) {
        TestDatabase.execute("update " + table + " set created_at = '" + created + "', updated_at = '" + updated
                + "', version = " + version + ", deleted_at = " + (deleted == null ? "null" : "'" + deleted + "'")
                + " where id = '" + id + "'");
    }
}
