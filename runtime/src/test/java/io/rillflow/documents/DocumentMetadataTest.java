package io.rillflow.documents;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.documents.SampleDocuments.Customer;
import io.rillflow.testing.TestDatabase;
import java.sql.Connection;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The version and timestamps read with a document: which writes move them and which keep them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentMetadataTest {
    private static final Instant CREATED = Instant.parse("2020-01-01T10:00:00Z");
    private static final Instant UPDATED = Instant.parse("2021-06-30T12:30:00.123456Z");

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

    @Test
    void aNewDocumentIsVersionOneCreatedAndUpdatedAtOnceAndLive() {
        UUID id = UUID.randomUUID();
        Instant before = databaseNow();
        customers.put(id, Customer.named("Fresh"));

        StoredDocument<Customer> stored = customers.loadWithMetadata(id).orElseThrow();

        assertThat(stored.value()).isEqualTo(Customer.named("Fresh"));
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.metadata().createdAt()).isAfterOrEqualTo(before);
        assertThat(stored.metadata().updatedAt()).isEqualTo(stored.metadata().createdAt());
        assertThat(stored.metadata().deletedAt()).isEmpty();
        assertThat(stored.metadata().deleted()).isFalse();
    }

    @Test
    void readsTheColumnsExactlyAsStored() {
        UUID id = UUID.randomUUID();
        customers.put(id, Customer.named("Dated"));
        setTimestamps(id);

        DocumentMetadata metadata = customers.loadWithMetadata(id).orElseThrow().metadata();

        assertThat(metadata).isEqualTo(new DocumentMetadata(1, CREATED, UPDATED, Optional.empty()));
    }

    @Test
    void putKeepsCreatedAtAndMovesUpdatedAtAndVersion() {
        UUID id = UUID.randomUUID();
        customers.put(id, Customer.named("Before"));
        setTimestamps(id);

        customers.put(id, Customer.named("After"));

        StoredDocument<Customer> stored = customers.loadWithMetadata(id).orElseThrow();
        assertThat(stored.value()).isEqualTo(Customer.named("After"));
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.metadata().createdAt()).isEqualTo(CREATED);
        assertThat(stored.metadata().updatedAt()).isAfter(UPDATED);
    }

    @Test
    void patchKeepsCreatedAtAndMovesUpdatedAtAndVersion() {
        UUID id = UUID.randomUUID();
        customers.put(id, Customer.named("Patched"));
        setTimestamps(id);

        customers.patch(id, "tier", "GOLD");

        DocumentMetadata metadata = customers.loadWithMetadata(id).orElseThrow().metadata();
        assertThat(metadata.version()).isEqualTo(2);
        assertThat(metadata.createdAt()).isEqualTo(CREATED);
        assertThat(metadata.updatedAt()).isAfter(UPDATED);
    }

    @Test
    void aSoftDeletedDocumentIsReadWithDeletedAtUntilItIsRestored() {
        UUID id = UUID.randomUUID();
        customers.put(id, Customer.named("Ghost"));
        setTimestamps(id);
        Instant before = databaseNow();

        customers.softDelete(id);

        assertThat(customers.get(id)).isEmpty();
        StoredDocument<Customer> deleted = customers.loadWithMetadata(id).orElseThrow();
        assertThat(deleted.value()).isEqualTo(Customer.named("Ghost"));
        assertThat(deleted.version()).isEqualTo(2);
        assertThat(deleted.metadata().deleted()).isTrue();
        assertThat(deleted.metadata().deletedAt())
                .hasValueSatisfying(at -> assertThat(at).isAfterOrEqualTo(before));
        assertThat(deleted.metadata().updatedAt())
                .isEqualTo(deleted.metadata().deletedAt().orElseThrow());
        assertThat(deleted.metadata().createdAt()).isEqualTo(CREATED);

        customers.restore(id);

        DocumentMetadata restored = customers.loadWithMetadata(id).orElseThrow().metadata();
        assertThat(restored.deletedAt()).isEmpty();
        assertThat(restored.version()).isEqualTo(3);
    }

    @Test
    void anUnknownOrHardDeletedIdHasNoMetadata() {
        UUID id = UUID.randomUUID();
        assertThat(customers.loadWithMetadata(id)).isEmpty();

        customers.put(id, Customer.named("Gone"));
        customers.delete(id);

        assertThat(customers.loadWithMetadata(id)).isEmpty();
    }

    @Test
    void withinATransactionTheMetadataOfItsOwnUncommittedWriteIsRead() throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            DocumentCollection<Customer, UUID> bound = customers.within(c);
            bound.put(id, Customer.named("Pending"));
            bound.put(id, Customer.named("Pending 2"));

            assertThat(bound.loadWithMetadata(id).orElseThrow().version()).isEqualTo(2);
            assertThat(customers.loadWithMetadata(id)).isEmpty();
            c.rollback();
        }
    }

    private void setTimestamps(UUID id) {
        TestDatabase.execute("update " + TestDatabase.table(store, customers) + " set created_at = '" + CREATED
                + "', updated_at = '" + UPDATED + "' where id = '" + id + "'");
    }

    private Instant databaseNow() {
        // The database's clock, not the JVM's: now() is what the columns are set from.
        return RawSql.queryText(store, "select to_char(now() at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')")
                .map(Instant::parse)
                .orElseThrow();
    }
}
