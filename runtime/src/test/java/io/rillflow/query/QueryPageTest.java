package io.rillflow.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.documents.DocumentCollection;
import io.rillflow.testing.TestDatabase;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Pages with totals from the query DSL on PostgreSQL: filters, order, no match, pages past the end, soft deletes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryPageTest {
    private Store store;
    private DocumentCollection<Person, UUID> people;

    @BeforeAll
    void open() {
        store = TestDatabase.store(getClass());
        people = store.documents(Person.class, UUID.class, "person");
        // 25 people aged 1 to 25; the ten aged 16 and over are adults for these tests.
        IntStream.rangeClosed(1, 25).forEach(age -> {
            Person p = Person.named("p" + age).withAge(age);
            people.put(p.id(), p);
        });
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Test
    void aPageHoldsItsItemsInOrderAndTheTotalOfTheFilteredMatches() {
        Page<Person> second = people.query()
                .where(Person_.age.gte(16))
                .orderBy(Person_.age.desc())
                .listPage(2, 4);

        assertThat(second.items()).extracting(Person::age).containsExactly(21, 20, 19, 18);
        assertThat(second.total()).isEqualTo(10);
        assertThat(second.totalPages()).isEqualTo(3);
        assertThat(second.number()).isEqualTo(2);
        assertThat(second.hasNext()).isTrue();
        assertThat(second.hasPrevious()).isTrue();

        Page<Person> last = people.query()
                .where(Person_.age.gte(16))
                .orderBy(Person_.age.desc())
                .listPage(second.nextRequest());
        assertThat(last.items()).extracting(Person::age).containsExactly(17, 16);
        assertThat(last.total()).isEqualTo(10);
        assertThat(last.hasNext()).isFalse();
    }

    @Test
    void thePageReplacesALimitAndOffsetSetOnTheQuery() {
        Page<Person> first =
                people.query().orderBy(Person_.age.asc()).limit(1).offset(7).listPage(PageRequest.first(3));

        assertThat(first.items()).extracting(Person::age).containsExactly(1, 2, 3);
        assertThat(first.total()).isEqualTo(25);
    }

    @Test
    void noMatchIsAnEmptyFirstPageWithTotalZero() {
        Page<Person> none = people.query().where(Person_.age.gt(1000)).listPage(1, 10);

        assertThat(none.items()).isEmpty();
        assertThat(none.total()).isZero();
        assertThat(none.totalPages()).isZero();
        assertThat(none.hasNext()).isFalse();
    }

    @Test
    void aPagePastTheEndStillReportsTheTotal() {
        Page<Person> beyond = people.query()
                .where(Person_.age.lte(5))
                .orderBy(Person_.age.asc())
                .listPage(4, 5);

        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.total()).isEqualTo(5);
        assertThat(beyond.totalPages()).isEqualTo(1);
        assertThat(beyond.hasNext()).isFalse();
        assertThat(beyond.hasPrevious()).isTrue();
    }

    @Test
    void softDeletedDocumentsCountOnlyWhereTheQuerySeesThem() {
        Person gone = Person.named("gone").withAge(500);
        people.put(gone.id(), gone);
        people.softDelete(gone.id());

        assertThat(people.query().where(Person_.age.gte(500)).listPage(1, 5).total())
                .isZero();
        assertThat(people.query()
                        .where(Person_.age.gte(500))
                        .includeDeleted()
                        .listPage(1, 5)
                        .total())
                .isEqualTo(1);
        assertThat(people.query()
                        .where(Person_.age.gte(500))
                        .onlyDeleted()
                        .listPage(2, 5)
                        .total())
                .as("past the end, counted again")
                .isEqualTo(1);
    }
}
