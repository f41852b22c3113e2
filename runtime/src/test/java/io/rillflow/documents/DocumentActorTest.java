package io.rillflow.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.Store;
import io.rillflow.documents.SampleDocuments.Customer;
import io.rillflow.internal.Actor;
import io.rillflow.query.Meta;
import io.rillflow.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code created_by} and {@code last_modified_by}: every write records the actor its transaction set, and a write in a
 * transaction without one records null, even on a pooled connection whose earlier transaction had one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentActorTest {
    private Store store;
    private DocumentCollection<Customer, UUID> customers;

    @BeforeAll
    void open() {
        store = TestDatabase.store(getClass());
        customers = store.documents(Customer.class, UUID.class);
    }

    @AfterAll
    void close() {
        store.close();
    }

    /** Runs {@code work} on {@code collection} in one committed transaction whose actor is {@code actor}. */
    private void as(String actor, DocumentCollection<Customer, UUID> collection, Work work) throws SQLException {
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("select set_config('rillflow.actor', ?, true)")) {
                p.setString(1, actor);
                p.execute();
            }
            work.run(collection.within(c));
            c.commit();
        }
    }

    @FunctionalInterface
    private interface Work {
        void run(DocumentCollection<Customer, UUID> bound) throws SQLException;
    }

    private DocumentMetadata metadata(DocumentCollection<Customer, UUID> collection, UUID id) {
        return collection.loadWithMetadata(id).orElseThrow().metadata();
    }

    @Test
    void theFirstWriterStaysCreatorAndTheLastOneIsRecordedAsModifier() throws SQLException {
        UUID id = UUID.randomUUID();
        as("ada", customers, bound -> bound.put(id, Customer.named("Ada's")));

        assertThat(metadata(customers, id).createdBy()).contains("ada");
        assertThat(metadata(customers, id).lastModifiedBy()).contains("ada");

        as("bob", customers, bound -> bound.put(id, Customer.named("Bob's now")));

        DocumentMetadata after = metadata(customers, id);
        assertThat(after.createdBy()).contains("ada");
        assertThat(after.lastModifiedBy()).contains("bob");
        assertThat(after.version()).isEqualTo(2);
    }

    @Test
    void aPooledConnectionDoesNotCarryAnEarlierTransactionsActor() throws Exception {
        try (Store single =
                TestDatabase.storeBuilder(getClass()).maxConnections(1).build()) {
            DocumentCollection<Customer, UUID> onOne = single.documents(Customer.class, UUID.class);
            UUID id = UUID.randomUUID();
            int backend;
            try (Connection c = single.dataSource().getConnection()) {
                backend = backendPid(c);
                c.setAutoCommit(false);
                Actor.set(c, "ada");
                onOne.within(c).put(id, Customer.named("Ada's"));
                c.commit();
                c.setAutoCommit(true);
                // The setting ended with the transaction but stays defined, as '' rather than null.
                assertThat(setting(c)).isEmpty();
                onOne.within(c).put(id, Customer.named("Auto-commit, same connection"));
            }
            assertThat(metadata(onOne, id).createdBy()).contains("ada");
            assertThat(metadata(onOne, id).lastModifiedBy()).isEmpty();

            UUID other = UUID.randomUUID();
            onOne.put(other, Customer.named("Pooled"));
            onOne.patch(id, "name", "Pooled patch");

            try (Connection c = single.dataSource().getConnection()) {
                assertThat(backendPid(c))
                        .as("the pool lent the same connection")
                        .isEqualTo(backend);
            }
            assertThat(metadata(onOne, other).createdBy()).isEmpty();
            assertThat(metadata(onOne, other).lastModifiedBy()).isEmpty();
            assertThat(metadata(onOne, id).lastModifiedBy()).isEmpty();
        }
    }

    @Test
    void aRolledBackTransactionsActorDoesNotOutliveIt() throws SQLException {
        UUID id = UUID.randomUUID();
        customers.put(id, Customer.named("Before"));
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            Actor.set(c, "mallory");
            customers.within(c).put(id, Customer.named("Rolled back"));
            c.rollback();
            customers.within(c).put(id, Customer.named("After the rollback"));
            c.commit();
        }
        assertThat(metadata(customers, id).lastModifiedBy()).isEmpty();
        assertThat(metadata(customers, id).version()).isEqualTo(2);
    }

    /** A write path and the state its document is in before it runs (written without an actor). */
    record WritePath(String name, Before before, BiConsumer<DocumentCollection<Customer, UUID>, UUID> write) {
        @Override
        public String toString() {
            return name;
        }
    }

    enum Before {
        ABSENT,
        LIVE,
        SOFT_DELETED
    }

    static Stream<WritePath> writePaths() {
        Customer doc = Customer.named("Written");
        return Stream.of(
                new WritePath("put of a new document", Before.ABSENT, (c, id) -> c.put(id, doc)),
                new WritePath("insert", Before.ABSENT, (c, id) -> c.insert(id, doc)),
                new WritePath("upsert of a new document", Before.ABSENT, (c, id) -> c.upsert(id, doc)),
                new WritePath("bulkInsert", Before.ABSENT, (c, id) -> c.bulkInsert(Map.of(id, doc))),
                new WritePath("bulkPut of a new document", Before.ABSENT, (c, id) -> c.bulkPut(Map.of(id, doc))),
                new WritePath("put over a document", Before.LIVE, (c, id) -> c.put(id, doc)),
                new WritePath("put with the expected version", Before.LIVE, (c, id) -> c.put(id, doc, 1)),
                new WritePath("update", Before.LIVE, (c, id) -> c.update(id, d -> d.withName("Updated"))),
                new WritePath("patch", Before.LIVE, (c, id) -> c.patch(id, "name", "Patched")),
                new WritePath("patch with the expected version", Before.LIVE, (c, id) -> c.patch(id, 1, "name", "P")),
                new WritePath("softDelete", Before.LIVE, (c, id) -> c.softDelete(id)),
                new WritePath("restore", Before.SOFT_DELETED, (c, id) -> c.restore(id)),
                new WritePath("bulkPut over a document", Before.LIVE, (c, id) -> c.bulkPut(Map.of(id, doc))),
                new WritePath("bulkUpdate", Before.LIVE, (c, id) -> c.bulkUpdate(Map.of(id, new Versioned<>(doc, 1)))),
                new WritePath("softDeleteAll", Before.LIVE, (c, id) -> c.softDeleteAll(List.of(id))),
                new WritePath("put over a soft-deleted document", Before.SOFT_DELETED, (c, id) -> c.put(id, doc)));
    }

    @ParameterizedTest
    @MethodSource("writePaths")
    void everyWritePathRecordsTheActor(WritePath path) throws SQLException {
        UUID id = UUID.randomUUID();
        if (path.before() != Before.ABSENT) {
            customers.put(id, Customer.named("Without actor"));
        }
        if (path.before() == Before.SOFT_DELETED) {
            customers.softDelete(id);
        }

        as("ada", customers, bound -> path.write().accept(bound, id));

        DocumentMetadata metadata = metadata(customers, id);
        assertThat(metadata.lastModifiedBy()).contains("ada");
        assertThat(metadata.createdBy())
                .as("created_by is the first write's actor, and that one had none unless it is this one")
                .isEqualTo(path.before() == Before.ABSENT ? Optional.of("ada") : Optional.empty());
    }

    @Test
    void queriesFilterOnTheActorColumns() throws SQLException {
        DocumentCollection<Customer, UUID> audited = store.documents(Customer.class, UUID.class, "audited");
        UUID byAda = UUID.randomUUID();
        UUID byBob = UUID.randomUUID();
        UUID anonymous = UUID.randomUUID();
        as("ada", audited, bound -> bound.put(byAda, Customer.named("Ada's")));
        as("ada", audited, bound -> bound.put(byBob, Customer.named("Bob's")));
        as("bob", audited, bound -> bound.patch(byBob, "name", "Bob's, patched"));
        audited.put(anonymous, Customer.named("Nobody's"));

        assertThat(audited.query().where(Meta.lastModifiedBy().eq("ada")).list())
                .extracting(Customer::name)
                .containsExactly("Ada's");
        assertThat(audited.query().where(Meta.createdBy().eq("ada")).count()).isEqualTo(2);
        assertThat(audited.query().where(Meta.lastModifiedBy().startsWith("b")).list())
                .extracting(Customer::name)
                .containsExactly("Bob's, patched");
        assertThat(audited.query().where(Meta.createdBy().isNull()).list())
                .extracting(Customer::name)
                .containsExactly("Nobody's");
    }

    @Test
    void anActorThatCannotBeStoredIsRefusedBeforeAnyStatement() throws SQLException {
        UUID id = UUID.randomUUID();
        customers.put(id, Customer.named("Untouched"));
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            assertThatThrownBy(() -> Actor.set(c, "a".repeat(Actor.MAX_LENGTH + 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("257 characters, more than the 256 an actor may have");
            assertThatThrownBy(() -> Actor.set(c, "ada\u0000"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("The actor holds the NUL character (\\u0000) at index 3, which PostgreSQL cannot"
                            + " store in text: remove it or encode it");
            assertThatThrownBy(() -> Actor.set(c, " "))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is blank");
            // The transaction is still usable, and has no actor.
            customers.within(c).put(id, Customer.named("Written after the refusals"));
            c.commit();
        }
        assertThat(metadata(customers, id).lastModifiedBy()).isEmpty();

        try (Connection c = store.dataSource().getConnection()) {
            Actor.set(c, null);
            assertThatThrownBy(() -> Actor.set(c, "ada"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("only be set inside a transaction");
        }
        assertThat(Actor.requireValid("a".repeat(Actor.MAX_LENGTH))).hasSize(Actor.MAX_LENGTH);
    }

    private static int backendPid(Connection c) throws SQLException {
        try (var s = c.createStatement();
                var rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String setting(Connection c) throws SQLException {
        try (var s = c.createStatement();
                var rs = s.executeQuery("select current_setting('rillflow.actor', true)")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
