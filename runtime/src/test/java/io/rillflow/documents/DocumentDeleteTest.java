package io.rillflow.documents;

import static io.rillflow.documents.RawSql.storedVersion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.ConcurrencyException;
import io.rillflow.DocumentNotFoundException;
import io.rillflow.Store;
import io.rillflow.documents.SampleDocuments.Customer;
import io.rillflow.testing.TestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Hard deletes, soft deletes and restores. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentDeleteTest {
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
    void deleteRemovesTheDocumentOnceThenReturnsFalse() {
        UUID id = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        customers.put(id, Customer.named("Doomed"));
        customers.put(other, Customer.named("Bystander"));

        assertThat(customers.delete(id)).isTrue();
        assertThat(customers.delete(id)).isFalse();

        assertThat(customers.get(id)).isEmpty();
        assertThat(storedVersion(store, customers, id)).isEmpty();
        assertThat(customers.get(other)).contains(new Versioned<>(Customer.named("Bystander"), 1));
    }

    @Test
    void deleteOfAnUnknownIdReturnsFalse() {
        assertThat(customers.delete(UUID.randomUUID())).isFalse();
    }

    @Test
    void aDeletedIdCanBeInsertedAgainFromVersionOne() {
        UUID id = UUID.randomUUID();
        customers.put(id, Customer.named("Old"));
        customers.put(id, Customer.named("Old 2"));
        customers.delete(id);

        assertThat(customers.insert(id, Customer.named("New"))).isEqualTo(1);
        assertThat(customers.get(id)).contains(new Versioned<>(Customer.named("New"), 1));
    }

    @Test
    void softDeleteHidesTheDocumentAndRestoreShowsItAgainEachBumpingTheVersion() {
        UUID id = UUID.randomUUID();
        customers.put(id, Customer.named("Phoenix"));

        assertThat(customers.softDelete(id)).isTrue();
        assertThat(customers.get(id)).isEmpty();
        assertThat(customers.load(id)).isEmpty();
        assertThat(storedVersion(store, customers, id)).contains(2L);

        assertThat(customers.restore(id)).isTrue();
        assertThat(customers.get(id)).contains(new Versioned<>(Customer.named("Phoenix"), 3));
    }

    @Test
    void softDeleteTwiceAndRestoreOfALiveDocumentReturnFalseAndKeepTheVersion() {
        UUID id = UUID.randomUUID();
        customers.put(id, Customer.named("Idempotent"));

        assertThat(customers.restore(id)).isFalse();
        assertThat(storedVersion(store, customers, id)).contains(1L);

        assertThat(customers.softDelete(id)).isTrue();
        assertThat(customers.softDelete(id)).isFalse();
        assertThat(storedVersion(store, customers, id)).contains(2L);

        assertThat(customers.restore(id)).isTrue();
        assertThat(customers.restore(id)).isFalse();
        assertThat(customers.get(id)).contains(new Versioned<>(Customer.named("Idempotent"), 3));
    }

    @Test
    void softDeleteAndRestoreOfAnUnknownIdFailWithDocumentNotFound() {
        UUID id = UUID.randomUUID();

        assertThatThrownBy(() -> customers.softDelete(id))
                .isInstanceOf(DocumentNotFoundException.class)
                .hasMessageContaining(id.toString())
                .hasMessageContaining("rf_doc_customer");
        assertThatThrownBy(() -> customers.restore(id))
                .isInstanceOf(DocumentNotFoundException.class)
                .hasMessageContaining(id.toString());
        assertThat(storedVersion(store, customers, id)).isEmpty();
    }

    @Test
    void readsAndUpdatesTreatASoftDeletedDocumentAsMissing() {
        UUID id = UUID.randomUUID();
        customers.put(id, Customer.named("Hidden"));
        customers.softDelete(id);

        assertThatThrownBy(() -> customers.getField(id, "name")).isInstanceOf(DocumentNotFoundException.class);
        assertThatThrownBy(() -> customers.update(id, 2, c -> c.withName("x")))
                .isInstanceOf(DocumentNotFoundException.class);
        assertThatThrownBy(() -> customers.update(id, c -> c.withName("x")))
                .isInstanceOf(DocumentNotFoundException.class);
        assertThatThrownBy(() -> customers.mutate(id, c -> {})).isInstanceOf(DocumentNotFoundException.class);

        assertThat(storedVersion(store, customers, id)).contains(2L);
        customers.restore(id);
        assertThat(customers.get(id)).contains(new Versioned<>(Customer.named("Hidden"), 3));
    }

    @Test
    void putBringsASoftDeletedDocumentBackWithTheNextVersion() {
        UUID id = UUID.randomUUID();
        customers.put(id, Customer.named("Zombie"));
        customers.softDelete(id);

        assertThat(customers.put(id, Customer.named("Zombie Reborn"))).isEqualTo(3);

        assertThat(customers.get(id)).contains(new Versioned<>(Customer.named("Zombie Reborn"), 3));
        assertThat(customers.restore(id)).isFalse();
    }

    @Test
    void insertOnASoftDeletedIdConflictsBecauseTheIdIsStillTaken() {
        UUID id = UUID.randomUUID();
        customers.put(id, Customer.named("Taken"));
        customers.softDelete(id);

        assertThatThrownBy(() -> customers.insert(id, Customer.named("Squatter")))
                .isInstanceOfSatisfying(
                        ConcurrencyException.class, e -> assertThat(e.actual()).isEqualTo(2));

        assertThat(customers.get(id)).isEmpty();
        customers.restore(id);
        assertThat(customers.load(id)).contains(Customer.named("Taken"));
    }

    @Test
    void deleteRemovesASoftDeletedDocumentForGood() {
        UUID id = UUID.randomUUID();
        customers.put(id, Customer.named("Purged"));
        customers.softDelete(id);

        assertThat(customers.delete(id)).isTrue();

        assertThat(storedVersion(store, customers, id)).isEmpty();
        assertThatThrownBy(() -> customers.restore(id)).isInstanceOf(DocumentNotFoundException.class);
    }

    @Test
    void insertOnASoftDeletedIdIsRefusedSayingSoAndPutBringsItBackWithTheNextVersion() {
        UUID id = UUID.randomUUID();
        customers.insert(id, Customer.named("Hidden"));
        customers.softDelete(id);

        assertThatThrownBy(() -> customers.insert(id, Customer.named("Again")))
                .isInstanceOfSatisfying(
                        ConcurrencyException.class, e -> assertThat(e.actual()).isEqualTo(2))
                .hasMessageContaining("soft-deleted")
                .hasMessageContaining("restore(id)");
        assertThat(customers.get(id)).isEmpty();

        // The rule: put writes whatever the state, so a soft-deleted document comes back live, replaced.
        assertThat(customers.put(id, Customer.named("Back"))).isEqualTo(3);
        assertThat(customers.get(id)).contains(new Versioned<>(Customer.named("Back"), 3));
    }
}
