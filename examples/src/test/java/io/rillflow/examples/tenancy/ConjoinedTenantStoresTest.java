package io.rillflow.examples.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.Store;
import io.rillflow.documents.DocumentVersion;
import io.rillflow.documents.UniqueIndexViolationException;
import io.rillflow.examples.accounts.Account;
import io.rillflow.examples.accounts.AccountRepository;
import io.rillflow.examples.catalog.Availability;
import io.rillflow.examples.catalog.Product;
import io.rillflow.examples.catalog.ProductQueries;
import io.rillflow.examples.catalog.ProductRepository;
import io.rillflow.examples.catalog.Teas;
import io.rillflow.examples.contracts.Contract;
import io.rillflow.examples.contracts.ContractRepository;
import io.rillflow.query.PageRequest;
import io.rillflow.sessions.DocumentSession;
import io.rillflow.sessions.SessionKind;
import io.rillflow.tenancy.TenancyStrategy;
import io.rillflow.testing.TestDatabase;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The generated document code, unchanged, on the tenants of a conjoined store: typed repositories, query interfaces
 * (reads, counts, pages, deletes), document history and sessions of every kind each see their own tenant's rows of the
 * shared tables, the same ids and unique values never collide, and the store the builder made sees none of them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConjoinedTenantStoresTest {
    private Store store;
    private Store acme;
    private Store globex;

    @BeforeAll
    void open() {
        store = TestDatabase.storeBuilder(getClass())
                .tenancy(TenancyStrategy.conjoined())
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

    private static Product sameIdAndSku(Product tea, String name) {
        return new Product(
                tea.id(),
                tea.sku(),
                name,
                tea.description(),
                new BigDecimal("9.99"),
                1,
                tea.tags(),
                tea.addedAt(),
                tea.supplier(),
                Availability.BACKORDER);
    }

    @Test
    void typedRepositoriesAndQueryInterfacesSeeOnlyTheirTenant() {
        Product tea = Teas.tea("CJ-1");
        new ProductRepository(acme).put(tea);
        Product globexTea = sameIdAndSku(tea, "Globex tea");
        new ProductRepository(globex).put(globexTea);
        assertThatThrownBy(() -> new ProductRepository(globex).put(sameIdAndSku(Teas.tea("CJ-1"), "twice")))
                .isInstanceOf(UniqueIndexViolationException.class);

        assertThat(new ProductRepository(acme).get(tea.id()).orElseThrow().value())
                .isEqualTo(tea);
        assertThat(new ProductRepository(globex).get(tea.id()).orElseThrow().value())
                .isEqualTo(globexTea);
        assertThat(new ProductRepository(store).get(tea.id())).isEmpty();

        ProductQueries acmeQueries = acme.queries(ProductQueries.class);
        ProductQueries globexQueries = globex.queries(ProductQueries.class);
        assertThat(acmeQueries.findBySku("CJ-1")).contains(tea);
        assertThat(globexQueries.findBySku("CJ-1")).contains(globexTea);
        assertThat(store.queries(ProductQueries.class).findBySku("CJ-1")).isEmpty();
        assertThat(acmeQueries.findBySkuInOrderBySku("CJ-1")).containsExactly(tea);
        assertThat(globexQueries
                        .findByPriceGreaterThanOrderBySku(new BigDecimal("9"), PageRequest.of(1, 10))
                        .items())
                .containsExactly(globexTea);
        assertThat(acmeQueries.countByPriceGreaterThanAndAvailabilityIn(
                        BigDecimal.ZERO, List.of(Availability.BACKORDER)))
                .isZero();
        assertThat(store.queries(ProductQueries.class)
                        .existsBySupplierCountry(tea.supplier().country()))
                .isFalse();

        assertThat(globexQueries.softDeleteByStockLessThan(2)).isEqualTo(1);
        assertThat(acmeQueries.findBySku("CJ-1")).contains(tea);
        assertThat(globexQueries.deleteByAvailability(Availability.BACKORDER)).isZero();
        assertThat(acmeQueries.deleteByAvailability(tea.availability())).isGreaterThanOrEqualTo(1);
        assertThat(new ProductRepository(globex).get(tea.id())).isEmpty();
        assertThat(globex.documents(Product.class).query().onlyDeleted().count())
                .isEqualTo(1);
    }

    @Test
    void historyIsKeptPerTenant() {
        new ContractRepository(acme).put(new Contract("C-1", "ada", BigDecimal.ONE, "draft"));
        new ContractRepository(acme).put(new Contract("C-1", "ada", BigDecimal.TEN, "active"));
        new ContractRepository(globex).put(new Contract("C-1", "bob", new BigDecimal("2"), "draft"));

        assertThat(new ContractRepository(acme).history("C-1"))
                .extracting(DocumentVersion::version)
                .containsExactly(2L, 1L);
        assertThat(new ContractRepository(globex).history("C-1"))
                .extracting(v -> v.value().customer())
                .containsExactly("bob");
        assertThat(new ContractRepository(store).history("C-1")).isEmpty();
    }

    @Test
    void sessionsOfEveryKindLoadQueryAndSaveInTheirTenant() {
        for (SessionKind kind : SessionKind.values()) {
            UUID id = UUID.randomUUID();
            new AccountRepository(acme).put(new Account(id, "acme " + kind, 100));
            try (DocumentSession session = globex.openSession(kind)) {
                assertThat(session.load(Account.class, id)).as(kind.name()).isEmpty();
                assertThat(session.query(Account.class).count()).as(kind.name()).isZero();
            }
            if (kind == SessionKind.READ_ONLY) {
                try (DocumentSession session = acme.openSession(kind)) {
                    assertThat(session.load(Account.class, id)).isPresent();
                }
                continue;
            }
            try (DocumentSession session = globex.openSession(kind)) {
                session.store(new Account(id, "globex " + kind, 5));
                session.saveChanges();
            }
            try (DocumentSession session = acme.openSession(kind)) {
                Account account = session.load(Account.class, id).orElseThrow();
                account.withdraw(30);
                session.store(account);
                session.saveChanges();
            }
            try (DocumentSession session = store.openSession(kind)) {
                assertThat(session.load(Account.class, id)).isEmpty();
                session.delete(Account.class, id);
                session.saveChanges();
            }
            assertThat(new AccountRepository(acme).get(id).orElseThrow().value().getBalance())
                    .isEqualTo(70);
            assertThat(new AccountRepository(globex)
                            .get(id)
                            .orElseThrow()
                            .value()
                            .getOwner())
                    .isEqualTo("globex " + kind);
            globex.inSession(session -> {
                session.delete(Account.class, id);
                return null;
            });
            assertThat(new AccountRepository(globex).get(id)).isEmpty();
            assertThat(new AccountRepository(acme).get(id)).isPresent();
        }
        for (Store s : List.of(acme, globex, store)) {
            s.documents(Account.class).deleteAll();
        }
    }
}
