package io.rillflow.examples.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.ConcurrencyException;
import io.rillflow.Store;
import io.rillflow.documents.DocumentVersion;
import io.rillflow.documents.DocumentVersion.Operation;
import io.rillflow.sessions.DocumentSession;
import io.rillflow.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** History declared with {@code @Document(history = true)}, read through the generated repository. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContractHistoryTest {
    private Store store;
    private ContractRepository contracts;

    @BeforeAll
    void open() {
        store = TestDatabase.store(getClass());
        contracts = new ContractRepository(store);
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Test
    void everyChangeThroughTheRepositoryIsKeptWithItsActor() throws SQLException {
        Contract draft = new Contract("C-1", "Acme", new BigDecimal("100.00"), "draft");
        contracts.put(draft);
        Instant signed = Instant.now();
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("select set_config('rillflow.actor', 'sales/ana', true)")) {
                p.execute();
            }
            contracts.within(c).patch("C-1", Contract_.status.set("active"));
            c.commit();
        }
        contracts.update("C-1", contract -> contract.withFee(new BigDecimal("120.00")));
        contracts.delete("C-1");

        List<DocumentVersion<Contract>> history = contracts.history("C-1");
        assertThat(history)
                .extracting(DocumentVersion::operation)
                .containsExactly(Operation.DELETE, Operation.UPDATE, Operation.UPDATE, Operation.INSERT);
        assertThat(history.get(2).changedBy()).contains("sales/ana");
        assertThat(contracts.atVersion("C-1", 2).orElseThrow().value().status()).isEqualTo("active");
        assertThat(contracts.asOf("C-1", signed).orElseThrow().value()).isEqualTo(draft);
        assertThat(contracts.load("C-1")).isEmpty();
    }

    @Test
    void aSessionsSavesAreKeptWithTheSessionsActorAndARolledBackOneLeavesNoVersion() {
        Contract offer = new Contract("C-2", "Globex", new BigDecimal("80.00"), "offer");
        try (DocumentSession session = store.openSession(o -> o.withActor("sales/ben"))) {
            session.store(offer);
            session.saveChanges();
            session.store(offer.withFee(new BigDecimal("90.00")));
            session.saveChanges();
        }
        try (DocumentSession session = store.openSession(o -> o.withActor("sales/eve"))) {
            session.load(Contract.class, "C-2").orElseThrow();
            contracts.update("C-2", contract -> contract.withFee(new BigDecimal("85.00")));
            session.store(offer.withFee(new BigDecimal("70.00")));
            assertThatThrownBy(session::saveChanges).isInstanceOf(ConcurrencyException.class);
        }
        List<DocumentVersion<Contract>> history = contracts.history("C-2");
        assertThat(history)
                .extracting(version -> version.value().monthlyFee())
                .containsExactly(new BigDecimal("85.00"), new BigDecimal("90.00"), new BigDecimal("80.00"));
        assertThat(history.get(1).changedBy()).contains("sales/ben");
        assertThat(history.get(2).changedBy()).contains("sales/ben");
        assertThat(history.get(0).changedBy()).as("a write outside a session").isEmpty();
    }
}
