package io.rillflow.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.rillflow.InvalidIdentifierException;
import io.rillflow.RillflowException;
import io.rillflow.Store;
import io.rillflow.documents.DocumentCollection;
import io.rillflow.query.Person.Address;
import io.rillflow.query.Person.Tier;
import io.rillflow.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every DSL operator on PostgreSQL, with nulls, missing fields, unicode, large numbers and empty collections. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryOperatorTest {
    private Store store;
    private DocumentCollection<Person, UUID> people;

    private final Person ada = Person.named("ada")
            .withAge(36)
            .withEmail("ada@example.com")
            .withBalance(new BigDecimal("12.50"))
            .withBig(9_007_199_254_740_993L)
            .withActive(true)
            .withSince(Instant.parse("2026-01-10T00:00:00Z"))
            .withBorn(LocalDate.parse("1990-12-10"))
            .withTags(List.of("vip", "beta"))
            .withAddress(new Address("Berlin", "10115"))
            .withTier(Tier.GOLD)
            .withBio("Analytical engines and poetry");
    private final Person bob = Person.named("bob")
            .withAge(9)
            .withEmail("bob@example.com")
            .withBalance(new BigDecimal("100"))
            .withBig(9_007_199_254_740_992L)
            .withActive(false)
            .withSince(Instant.parse("2026-01-09T23:59:59.500Z"))
            .withBorn(LocalDate.parse("2017-01-02"))
            .withTags(List.of())
            .withAddress(new Address("Bern", "3000"))
            .withTier(Tier.BASIC)
            .withBio("Gardening and bees");
    private final Person cem = Person.named("Çem Ünal").withAge(100).withBalance(new BigDecimal("-3.25"));
    private final Person dee = Person.named("dee_%")
            .withAge(10)
            .withSince(Instant.parse("2026-01-10T00:00:00.500Z"))
            .withTags(List.of("beta"))
            .withAddress(new Address("Berlin", null));

    @BeforeAll
    void open() {
        store = TestDatabase.store(getClass());
        people = store.documents(Person.class, UUID.class, "person");
    }

    @AfterAll
    void close() {
        store.close();
    }

    @BeforeEach
    void load() {
        TestDatabase.execute("truncate " + TestDatabase.table(store, people));
        for (Person p : List.of(ada, bob, cem, dee)) {
            people.put(p.id(), p);
        }
    }

    /** Names of the matches, sorted in Java so results do not depend on the database's collation. */
    private List<String> names(Condition condition) {
        return people.query().where(condition).list().stream()
                .map(Person::name)
                .sorted()
                .toList();
    }

    @Test
    void numbersCompareAsNumbersNotText() {
        assertThat(names(Person_.age.gt(9))).containsExactly("ada", "dee_%", "Çem Ünal");
        assertThat(names(Person_.age.between(9, 36))).containsExactlyInAnyOrder("ada", "bob", "dee_%");
        assertThat(names(Person_.age.lt(10))).containsExactly("bob");
        assertThat(names(Person_.age.lte(10))).containsExactlyInAnyOrder("bob", "dee_%");
        assertThat(names(Person_.age.gte(100))).containsExactly("Çem Ünal");
        assertThat(names(Person_.balance.gte(new BigDecimal("12.5")))).containsExactlyInAnyOrder("ada", "bob");
        assertThat(names(Person_.balance.lt(BigDecimal.ZERO))).containsExactly("Çem Ünal");
    }

    @Test
    void largeLongsBeyondDoublePrecisionStayExact() {
        assertThat(names(Person_.big.eq(9_007_199_254_740_993L))).containsExactly("ada");
        assertThat(names(Person_.big.gt(9_007_199_254_740_992L))).containsExactly("ada");
        assertThat(people.load(ada.id()).orElseThrow().big()).isEqualTo(9_007_199_254_740_993L);
    }

    @Test
    void stringOperators() {
        assertThat(names(Person_.email.eq("ada@example.com"))).containsExactly("ada");
        assertThat(names(Person_.email.ne("ada@example.com")))
                .as("ne includes documents without the field")
                .containsExactlyInAnyOrder("bob", "Çem Ünal", "dee_%");
        assertThat(names(Person_.email.in(List.of("ada@example.com", "bob@example.com", "zed"))))
                .containsExactlyInAnyOrder("ada", "bob");
        assertThat(names(Person_.email.in(List.of()))).isEmpty();
        assertThat(names(Person_.email.notIn(List.of("ada@example.com"))))
                .containsExactlyInAnyOrder("bob", "Çem Ünal", "dee_%");
        assertThat(names(Person_.email.like("%@example.com"))).containsExactlyInAnyOrder("ada", "bob");
        assertThat(names(Person_.email.ilike("ADA@%"))).containsExactly("ada");
        assertThat(names(Person_.name.startsWith("dee_"))).containsExactly("dee_%");
        assertThat(names(Person_.name.startsWith("d%")))
                .as("wildcards in the operand are literal")
                .isEmpty();
        assertThat(names(Person_.name.endsWith("_%"))).containsExactly("dee_%");
        assertThat(names(Person_.name.containsText("m Ü"))).containsExactly("Çem Ünal");
        assertThat(names(Person_.name.eq("Çem Ünal"))).containsExactly("Çem Ünal");
        assertThat(names(Person_.email.regex("^[ab]o?b?@"))).containsExactly("bob");
        assertThat(names(Person_.name.eqIgnoreCase("ADA"))).containsExactly("ada");
        assertThat(names(Person_.name.gt("bob"))).containsExactlyInAnyOrder("dee_%", "Çem Ünal");
    }

    @Test
    void hostileValuesAreBoundNotSpliced() {
        String hostile = "x'); drop table " + TestDatabase.table(store, people) + "; --";
        assertThat(names(Person_.name.eq(hostile))).isEmpty();
        assertThat(names(Person_.name.like(hostile))).isEmpty();
        assertThat(people.query().count()).isEqualTo(4);
        assertThatThrownBy(() -> new StringPath(null, "a'); drop table x; --"))
                .isInstanceOf(InvalidIdentifierException.class);
    }

    @Test
    void invalidRegexFailsNamingTheStatement() {
        assertThatThrownBy(() -> names(Person_.name.regex("(")))
                .isInstanceOf(RillflowException.class)
                .hasMessageContaining("regular expression")
                .hasMessageContaining("statement:");
    }

    @Test
    void datesAndTimesCompareAsTimestampsNotText() {
        assertThat(names(Person_.since.after(Instant.parse("2026-01-09T23:59:59Z"))))
                .containsExactlyInAnyOrder("ada", "bob", "dee_%");
        assertThat(names(Person_.since.before(Instant.parse("2026-01-10T00:00:00.100Z"))))
                .containsExactlyInAnyOrder("ada", "bob");
        // As text "…00.500Z" sorts before "…00Z"; as timestamps it is later.
        assertThat(people.query()
                        .where(Person_.since.isNotNull())
                        .orderBy(Person_.since.asc())
                        .list())
                .extracting(Person::name)
                .containsExactly("bob", "ada", "dee_%");
        assertThat(names(Person_.born.before(LocalDate.parse("2000-01-01")))).containsExactly("ada");
        assertThat(names(Person_.born.between(LocalDate.parse("1990-12-10"), LocalDate.parse("2017-01-02"))))
                .containsExactlyInAnyOrder("ada", "bob");
    }

    @Test
    void booleansEnumsAndNulls() {
        assertThat(names(Person_.active.isTrue())).containsExactly("ada");
        assertThat(names(Person_.active.isFalse())).containsExactly("bob");
        assertThat(names(Person_.active.isNull())).containsExactlyInAnyOrder("Çem Ünal", "dee_%");
        assertThat(names(Person_.active.eq(null))).containsExactlyInAnyOrder("Çem Ünal", "dee_%");
        assertThat(names(Person_.email.isNotNull())).containsExactlyInAnyOrder("ada", "bob");
        assertThat(names(Person_.tier.eq(Tier.GOLD))).containsExactly("ada");
        assertThat(names(Person_.tier.in(List.of(Tier.GOLD, Tier.BASIC)))).containsExactlyInAnyOrder("ada", "bob");
        assertThat(names(Person_.id.eq(bob.id()))).containsExactly("bob");
    }

    @Test
    void collectionContainment() {
        assertThat(names(Person_.tags.contains("vip"))).containsExactly("ada");
        assertThat(names(Person_.tags.containsAny(List.of("vip", "beta")))).containsExactlyInAnyOrder("ada", "dee_%");
        assertThat(names(Person_.tags.containsAll(List.of("vip", "beta")))).containsExactly("ada");
        assertThat(names(Person_.tags.containsAny(List.of()))).isEmpty();
        assertThat(names(Person_.tags.isEmpty())).containsExactly("bob");
        assertThat(names(Person_.tags.isNotEmpty())).containsExactlyInAnyOrder("ada", "dee_%");
    }

    @Test
    void nestedFieldsAndExistence() {
        assertThat(names(Person_.address.city.eq("Berlin"))).containsExactlyInAnyOrder("ada", "dee_%");
        assertThat(names(Person_.address.city.startsWith("Ber"))).containsExactlyInAnyOrder("ada", "bob", "dee_%");
        assertThat(names(Person_.address.zip.isNull())).containsExactlyInAnyOrder("Çem Ünal", "dee_%");
        assertThat(names(Person_.address.zip.exists()))
                .as("a JSON null is present; a missing parent is not")
                .containsExactlyInAnyOrder("ada", "bob", "dee_%");
        assertThat(names(Person_.address.isNull())).containsExactly("Çem Ünal");
    }

    @Test
    void fullTextSearchStems() {
        assertThat(names(Person_.bio.search("poetry"))).containsExactly("ada");
        assertThat(names(Person_.bio.search("bee"))).containsExactly("bob");
        assertThat(names(Person_.bio.search("engines -poetry"))).isEmpty();
    }

    @Test
    void andOrNot() {
        assertThat(names(Person_.age.gt(9).and(Person_.tags.contains("beta"))))
                .containsExactlyInAnyOrder("ada", "dee_%");
        assertThat(names(Person_.age.eq(9).or(Person_.age.eq(100)))).containsExactlyInAnyOrder("bob", "Çem Ünal");
        assertThat(names(Person_.email.eq("ada@example.com").not()))
                .containsExactlyInAnyOrder("bob", "Çem Ünal", "dee_%");
        assertThat(names(Conditions.all())).hasSize(4);
        assertThat(names(Conditions.any())).isEmpty();
    }

    @Test
    void orderingWithNullsAndSeveralKeys() {
        assertThat(people.query().orderBy(Person_.age.desc()).list())
                .extracting(Person::name)
                .containsExactly("Çem Ünal", "ada", "dee_%", "bob");
        assertThat(people.query().orderBy(Person_.email.asc()).list())
                .extracting(Person::email)
                .containsExactly("ada@example.com", "bob@example.com", null, null);
        assertThat(people.query()
                        .orderBy(Person_.email.asc().nullsFirst(), Person_.age.desc())
                        .list())
                .extracting(Person::name)
                .containsExactly("Çem Ünal", "dee_%", "ada", "bob");
        assertThat(people.query().orderBy(Person_.balance.asc()).list().get(0).name())
                .isEqualTo("Çem Ünal");
    }

    @Test
    void pagingByOffsetAndByKeyset() {
        DocumentQuery<Person> byAge = people.query().orderBy(Person_.age.asc());
        assertThat(byAge.page(1, 2).list()).extracting(Person::name).containsExactly("bob", "dee_%");
        assertThat(byAge.page(2, 2).list()).extracting(Person::name).containsExactly("ada", "Çem Ünal");
        assertThat(byAge.limit(1).offset(3).list()).extracting(Person::name).containsExactly("Çem Ünal");
        assertThat(byAge.after(10).list()).extracting(Person::name).containsExactly("ada", "Çem Ünal");
        DocumentQuery<Person> twoKeys = people.query()
                .where(Person_.address.city.isNotNull())
                .orderBy(Person_.address.city.asc(), Person_.age.desc());
        assertThat(twoKeys.list()).extracting(Person::name).containsExactly("ada", "dee_%", "bob");
        assertThat(twoKeys.after("Berlin", 36).list()).extracting(Person::name).containsExactly("dee_%", "bob");
        assertThatThrownBy(() -> byAge.after(1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> byAge.page(0, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String city(Person p) {
        return p.address() == null ? null : p.address().city();
    }

    /** Walks the query one document at a time with keyset paging, from the keys of the last document seen. */
    private static List<String> walk(DocumentQuery<Person> ordered) {
        List<String> names = new ArrayList<>();
        Optional<Person> next = ordered.first();
        while (next.isPresent()) {
            Person last = next.get();
            names.add(last.name());
            next = ordered.after(city(last), last.name()).first();
        }
        return names;
    }

    @Test
    void keysetPagingVisitsDocumentsWithoutASortValueExactlyOnce() {
        for (Order cityOrder : List.of(
                Person_.address.city.asc(),
                Person_.address.city.desc(),
                Person_.address.city.asc().nullsFirst(),
                Person_.address.city.desc().nullsLast())) {
            DocumentQuery<Person> ordered = people.query().orderBy(cityOrder, Person_.name.asc());
            List<String> all = ordered.list().stream().map(Person::name).toList();
            assertThat(all.stream().filter(n -> n != null)).hasSizeGreaterThan(3);
            assertThat(ordered.list().stream().filter(p -> city(p) == null)).isNotEmpty();
            assertThat(walk(ordered)).as("keyset walk of %s", cityOrder).isEqualTo(all);
        }
    }

    enum Priority {
        @JsonProperty("p1")
        URGENT,
        @JsonProperty("p3")
        LOW
    }

    record Ticket(String title, Priority priority) {}

    @Test
    void enumValuesAreComparedAsJacksonStoresThem() {
        DocumentCollection<Ticket, UUID> tickets = store.documents(Ticket.class, UUID.class, "ticket");
        tickets.put(UUID.randomUUID(), new Ticket("fire", Priority.URGENT));
        tickets.put(UUID.randomUUID(), new Ticket("typo", Priority.LOW));
        EnumPath<Priority> priority = new EnumPath<>(null, "priority");

        assertThat(tickets.query().where(priority.eq(Priority.URGENT)).list())
                .extracting(Ticket::title)
                .containsExactly("fire");
        assertThat(tickets.query().where(priority.in(List.of(Priority.LOW))).list())
                .extracting(Ticket::title)
                .containsExactly("typo");
        assertThat(tickets.query().where(priority.ne(Priority.URGENT)).list())
                .extracting(Ticket::title)
                .containsExactly("typo");
    }

    record NameAndCity(String name, String city) {}

    @Test
    void selectsOnlyTheAskedFields() {
        List<NameAndCity> rows = people.query()
                .where(Person_.address.city.eq("Berlin"))
                .orderBy(Person_.name.asc())
                .select(NameAndCity.class, Person_.name, Person_.address.city);
        assertThat(rows).containsExactly(new NameAndCity("ada", "Berlin"), new NameAndCity("dee_%", "Berlin"));
        List<Map<String, Object>> maps = people.query()
                .where(Person_.name.eq("Çem Ünal"))
                .selectMaps(Person_.name, Person_.age, Person_.address.city);
        assertThat(maps).hasSize(1);
        assertThat(maps.get(0))
                .containsEntry("name", "Çem Ünal")
                .containsEntry("age", 100)
                .containsEntry("address.city", null);
    }

    @Test
    void terminalOperations() {
        assertThat(people.query().count()).isEqualTo(4);
        assertThat(people.query().where(Person_.age.gt(30)).count()).isEqualTo(2);
        assertThat(people.query().where(Person_.age.gt(1000)).exists()).isFalse();
        assertThat(people.query().where(Person_.age.gt(99)).exists()).isTrue();
        assertThat(people.query().orderBy(Person_.age.asc()).first())
                .get()
                .extracting(Person::name)
                .isEqualTo("bob");
        assertThat(people.query().where(Person_.age.eq(36)).single().name()).isEqualTo("ada");
        assertThat(people.query().where(Person_.age.eq(37)).optional()).isEmpty();
        assertThatThrownBy(() -> people.query().where(Person_.age.eq(37)).single())
                .isInstanceOf(RillflowException.class)
                .hasMessageContaining("found none");
        assertThatThrownBy(() -> people.query().where(Person_.age.gt(9)).single())
                .isInstanceOf(RillflowException.class)
                .hasMessageContaining("found several");
    }

    @Test
    void streamsAreLazyAndGiveTheirConnectionBack() {
        for (int i = 0; i < 30; i++) {
            try (Stream<Person> stream = people.query().orderBy(Person_.age.asc()).stream()) {
                assertThat(stream.limit(2).map(Person::name)).containsExactly("bob", "dee_%");
            }
        }
        assertThat(people.query().count())
                .as("no connection leaked by 30 streams on a pool of 12")
                .isEqualTo(4);
    }

    @Test
    void softDeletedDocumentsAreHiddenUnlessAskedFor() {
        people.softDelete(bob.id());
        assertThat(people.query().list()).extracting(Person::name).doesNotContain("bob");
        assertThat(people.query().includeDeleted().count()).isEqualTo(4);
        assertThat(people.query().onlyDeleted().list()).extracting(Person::name).containsExactly("bob");
    }
}
