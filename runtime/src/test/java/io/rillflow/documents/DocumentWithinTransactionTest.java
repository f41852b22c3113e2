package io.rillflow.documents;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.documents.SampleDocuments.Customer;
import io.rillflow.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A collection bound to the caller's connection reads and writes inside the caller's transaction only. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentWithinTransactionTest {
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
    void queriesAndStreamsSeeTheTransactionsOwnWritesAndLeaveItOpen() throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            DocumentCollection<Customer, UUID> bound = customers.within(c);
            bound.put(id, Customer.named("Uncommitted"));

            assertThat(customers.get(id))
                    .as("invisible outside the transaction")
                    .isEmpty();
            assertThat(bound.query().list()).extracting(Customer::name).contains("Uncommitted");
            try (Stream<Customer> streamed = bound.query().stream()) {
                assertThat(streamed.map(Customer::name).toList()).contains("Uncommitted");
            }
            // Closing the stream neither committed nor ended the transaction: it can still write and roll back.
            bound.put(UUID.randomUUID(), Customer.named("Also uncommitted"));
            c.rollback();
        }
        assertThat(customers.get(id)).isEmpty();
        assertThat(customers.query().count()).isZero();
    }
}
