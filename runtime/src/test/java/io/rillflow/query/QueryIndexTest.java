package io.rillflow.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.InvalidIdentifierException;
import io.rillflow.RillflowException;
import io.rillflow.Store;
import io.rillflow.documents.DocumentCollection;
import io.rillflow.documents.DocumentDefinition;
import io.rillflow.documents.IndexDefinition;
import io.rillflow.query.Person.Address;
import io.rillflow.schema.SchemaPlan;
import io.rillflow.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Declared indexes are created by schema sync and used by queries on enough rows (proved with EXPLAIN). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryIndexTest {
    private static final int ROWS = 20_000;

    private Store store;
    private SchemaPlan planBeforeSync;
    private DocumentCollection<Person, ?> people;

    @BeforeAll
    void open() {
        store = TestDatabase.storeBuilder(getClass()).migrateOnStart(false).build();
        planBeforeSync = store.schema().plan();
        store.schema().sync();
        people = store.documents(Person.class);
        Map<UUID, Person> rows = new LinkedHashMap<>();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < ROWS; i++) {
            Person p = Person.named("p" + i)
                    .withEmail("p" + i + "@example.com")
                    .withAge(i % 90)
                    .withSince(start.plusSeconds(i * 60L))
                    .withTags(i % 1000 == 0 ? List.of("rare", "common") : List.of("common"))
                    .withAddress(new Address(i % 500 == 0 ? "Tromsø" : "City" + (i % 50), null))
                    .withBio(i % 2000 == 0 ? "a lighthouse keeper" : "an ordinary person");
            rows.put(p.id(), p);
        }
        typed(people).bulkInsert(rows);
        TestDatabase.execute("analyze " + TestDatabase.table(store, people));
    }

    @SuppressWarnings("unchecked")
    private static DocumentCollection<Person, UUID> typed(DocumentCollection<Person, ?> collection) {
        return (DocumentCollection<Person, UUID>) collection;
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Test
    void planShowsDeclaredTablesAndIndexesAndSyncCreatesThem() {
        assertThat(planBeforeSync.declaredChanges())
                .anySatisfy(ddl ->
                        assertThat(ddl).contains("create table if not exists").contains("rf_doc_indexed_person"))
                .anySatisfy(ddl -> assertThat(ddl)
                        .contains("create unique index if not exists" + " \"rf_doc_indexed_person_email\""))
                .anySatisfy(ddl -> assertThat(ddl).contains("to_tsvector('english'::regconfig"));
        assertThat(planBeforeSync.ddl()).contains("-- declared documents");
        assertThat(store.schema().plan().isEmpty()).isTrue();
    }

    @Test
    void declaredListsEveryDeclaredTableAndIndexBeforeAndAfterSync() throws SQLException {
        List<String> person = List.of(
                "rf_doc_indexed_person",
                "rf_doc_indexed_person_data_gin",
                "rf_doc_indexed_person_email",
                "rf_doc_indexed_person_age",
                "rf_doc_indexed_person_since",
                "rf_doc_indexed_person_address_city",
                "rf_doc_indexed_person_tags",
                "rf_doc_indexed_person_bio");
        assertThat(planBeforeSync.declared()).containsAll(person);

        SchemaPlan afterSync = store.schema().plan();
        assertThat(afterSync.declaredChanges()).isEmpty();
        assertThat(afterSync.declared())
                .as("what the code declares does not depend on what sync already created")
                .isEqualTo(planBeforeSync.declared());
        try (Connection c = TestDatabase.connection();
                PreparedStatement p = c.prepareStatement(
                        "select count(*) from pg_class where relnamespace = ?::regnamespace and relname = any(?)")) {
            p.setString(1, store.schemaName());
            p.setArray(2, c.createArrayOf("text", person.toArray()));
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1))
                        .as("every declared name is a relation sync created")
                        .isEqualTo(person.size());
            }
        }
    }

    private String plan(DocumentQuery<Person> query) {
        return String.join("\n", query.explain());
    }

    @Test
    void anIndexNamePostgreSqlWouldTruncateIsRefusedNamingIt() {
        String longName = "email_lookup_for_the_marketing_team_reports";
        assertThatThrownBy(() -> new DocumentDefinition<>(
                        "indexed_person",
                        Person.class,
                        UUID.class,
                        List.of(IndexDefinition.btree(longName, Person_.email, false))))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessageContaining("rf_doc_indexed_person_" + longName)
                .hasMessageContaining("63")
                .hasMessageContaining("@Index(name = ...)");
    }

    @Test
    void equalityOnAnIndexedFieldUsesItsIndex() {
        DocumentQuery<Person> q = people.query().where(Person_.email.eq("p123@example.com"));
        assertThat(plan(q)).contains("rf_doc_indexed_person_email");
        assertThat(q.single().name()).isEqualTo("p123");
    }

    @Test
    void rangesOnNumbersAndTimestampsUseTheirIndexes() {
        DocumentQuery<Person> byTime = people.query()
                .where(Person_.since.between(
                        Instant.parse("2026-01-01T01:00:00Z"), Instant.parse("2026-01-01T01:05:00Z")));
        assertThat(plan(byTime)).contains("rf_doc_indexed_person_since");
        assertThat(byTime.count()).isEqualTo(6);
        DocumentQuery<Person> byNestedCity = people.query().where(Person_.address.city.eq("Tromsø"));
        assertThat(plan(byNestedCity)).contains("rf_doc_indexed_person_address_city");
        assertThat(byNestedCity.count()).isEqualTo(ROWS / 500);
        DocumentQuery<Person> youngest =
                people.query().orderBy(Person_.age.asc()).limit(5);
        assertThat(plan(youngest)).contains("rf_doc_indexed_person_age");
    }

    @Test
    void containmentUsesTheFieldsGinIndexAndSearchTheFullTextIndex() {
        DocumentQuery<Person> rare = people.query().where(Person_.tags.contains("rare"));
        assertThat(plan(rare)).contains("rf_doc_indexed_person_tags");
        assertThat(rare.count()).isEqualTo(ROWS / 1000);
        DocumentQuery<Person> keepers = people.query().where(Person_.bio.search("lighthouse"));
        assertThat(plan(keepers)).contains("rf_doc_indexed_person_bio");
        assertThat(keepers.count()).isEqualTo(ROWS / 2000);
    }

    @Test
    void uniqueIndexRefusesADuplicateAndKeepsTheOriginal() {
        DocumentCollection<Person, UUID> typed = typed(people);
        Person copy = Person.named("copycat").withEmail("p7@example.com");
        assertThatThrownBy(() -> typed.put(copy.id(), copy))
                .isInstanceOf(RillflowException.class)
                .hasMessageContaining("rf_doc_indexed_person_email");
        assertThat(typed.load(copy.id())).isEmpty();
        assertThat(people.query()
                        .where(Person_.email.eq("p7@example.com"))
                        .single()
                        .name())
                .isEqualTo("p7");
    }
}
