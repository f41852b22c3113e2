package io.rillflow.examples.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.rillflow.ConcurrencyException;
import io.rillflow.Store;
import io.rillflow.aggregates.CommandContext;
import io.rillflow.aggregates.CommandResult;
import io.rillflow.documents.UniqueIndexViolationException;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.examples.catalog.Availability;
import io.rillflow.examples.catalog.Product;
import io.rillflow.examples.catalog.ProductRepository;
import io.rillflow.examples.catalog.Teas;
import io.rillflow.examples.orders.Order;
import io.rillflow.examples.orders.OrderCommand;
import io.rillflow.examples.orders.OrderRepository;
import io.rillflow.sessions.DocumentSession;
import io.rillflow.sessions.SessionAggregates;
import io.rillflow.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A session's unit of work is written whole or not at all, and names every conflict when it is not. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionUnitTest {
    private Store store;
    private AccountRepository accounts;
    private ProductRepository products;
    private OrderRepository orders;

    @BeforeAll
    void open() {
        store = TestDatabase.store(getClass());
        accounts = new AccountRepository(store);
        products = new ProductRepository(store);
        orders = new OrderRepository(store);
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Test
    void threeDocumentsAndTwoAppendsWhoseLastConflictsWriteNothing() throws SQLException {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        UUID fresh = UUID.randomUUID();
        UUID moved = UUID.randomUUID();
        store.events().append(moved, Expected.noStream(), List.of(new MoneyMoved(a, b, 1)));
        try (DocumentSession session = store.openSession()) {
            session.store(new Account(a, "ada", 10));
            session.store(new Account(b, "bob", 20));
            session.insert(new Account(c, "cy", 30));
            session.events().append(fresh, Expected.noStream(), new MoneyMoved(a, b, 5));
            session.events().append(moved, Expected.noStream(), new MoneyMoved(b, c, 5));
            assertThatThrownBy(session::saveChanges)
                    .isInstanceOf(ConcurrencyException.class)
                    .hasMessageContaining("stream " + moved)
                    .hasMessageContaining("expected no stream but the actual version is 1");
        }
        assertThat(TestDatabase.count("select count(*) from " + accountsTable() + " where id = any(?)", (Object)
                        new UUID[] {a, b, c}))
                .isZero();
        assertThat(TestDatabase.count(
                        "select count(*) from " + schema() + ".rf_events where stream_id = any(?)",
                        (Object) new UUID[] {fresh, moved}))
                .as("only the event appended before the unit")
                .isEqualTo(1);
        assertThat(TestDatabase.count("select count(*) from " + schema() + ".rf_streams where id = any(?)", (Object)
                        new UUID[] {fresh}))
                .isZero();
    }

    @Test
    void everyConflictingDocumentAndStreamIsNamed() {
        UUID stale = UUID.randomUUID();
        UUID alsoStale = UUID.randomUUID();
        UUID stream = UUID.randomUUID();
        accounts.put(new Account(stale, "ada", 10));
        accounts.put(new Account(alsoStale, "bob", 10));
        try (DocumentSession session = store.openSession()) {
            Account first = session.load(Account.class, stale).orElseThrow();
            Account second = session.load(Account.class, alsoStale).orElseThrow();
            accounts.update(stale, account -> new Account(stale, "ada", 11));
            accounts.delete(alsoStale);
            store.events().append(stream, Expected.noStream(), List.of(new MoneyMoved(stale, alsoStale, 1)));
            session.store(first);
            session.store(second);
            session.events().append(stream, Expected.noStream(), new MoneyMoved(stale, alsoStale, 2));

            Throwable thrown = catchThrowable(session::saveChanges);
            assertThat(thrown).isInstanceOf(ConcurrencyException.class);
            ConcurrencyException e = (ConcurrencyException) thrown;
            assertThat(e.getMessage())
                    .contains("1 of 3 conflicts in a session's unit of work, nothing was written")
                    .contains("document account/" + stale)
                    .contains("document account/" + alsoStale)
                    .contains("stream " + stream);
            assertThat(Arrays.stream(e.getSuppressed()).map(s -> ((ConcurrencyException) s).target()))
                    .containsExactlyInAnyOrder("document account/" + alsoStale, "stream " + stream)
                    .doesNotContain(e.target());
        }
        assertThat(accounts.load(stale).orElseThrow().getBalance()).isEqualTo(11);
        assertThat(accounts.load(alsoStale)).isEmpty();
        assertThat(store.events().readStream(stream)).hasSize(1);
    }

    @Test
    void aUniqueIndexBrokenByOneDocumentFailsTheUnitNamingTheField() {
        Product taken = Teas.tea("UNIT-SKU");
        products.put(taken);
        UUID account = UUID.randomUUID();
        Product clash = new Product(
                UUID.randomUUID(),
                "UNIT-SKU",
                "Other",
                "",
                BigDecimal.ONE,
                1,
                List.of(),
                Instant.EPOCH,
                taken.supplier(),
                Availability.IN_STOCK);
        try (DocumentSession session = store.openSession()) {
            session.store(new Account(account, "ada", 1));
            session.store(clash);
            assertThatThrownBy(session::saveChanges)
                    .isInstanceOf(UniqueIndexViolationException.class)
                    .hasMessageContaining("sku");
        }
        assertThat(accounts.load(account)).isEmpty();
        assertThat(products.load(clash.id())).isEmpty();
    }

    @Test
    void aggregateCommandsAreDecidedInTheSessionAndAppendedWithTheUnit() {
        UUID order = UUID.randomUUID();
        UUID account = UUID.randomUUID();
        try (DocumentSession session = store.openSession(o -> o.withActor("clerk"))) {
            SessionAggregates<Order, UUID> inSession = session.aggregates(orders);
            inSession.execute(order, new OrderCommand.Create("ada"));
            CommandResult<Order> added =
                    inSession.execute(order, new OrderCommand.AddItem("TEA", 2, new BigDecimal("4.50")));
            assertThat(added.version()).as("decided after the first command").isEqualTo(2);
            assertThat(inSession.load(order).orElseThrow().lines()).hasSize(1);
            assertThat(orders.load(order))
                    .as("nothing written before saveChanges")
                    .isEmpty();
            session.store(new Account(account, "ada", 9));
            session.saveChanges();
        }
        assertThat(orders.state(order).version()).isEqualTo(2);
        assertThat(accounts.load(account)).isPresent();
        List<EventEnvelope> events = store.events().readStream(order);
        assertThat(events).allSatisfy(event -> assertThat(event.header(CommandContext.ACTOR_HEADER))
                .contains("clerk"));
    }

    @Test
    void anAggregateChangedByAnotherWriterFailsTheUnitAndInSessionDecidesAgain() {
        UUID order = UUID.randomUUID();
        orders.execute(order, new OrderCommand.Create("ada"), CommandContext.empty());
        AtomicInteger attempts = new AtomicInteger();
        int lines = store.inSession(session -> {
            CommandResult<Order> result = session.aggregates(orders)
                    .execute(order, new OrderCommand.AddItem("SKU-" + attempts.get(), 1, BigDecimal.ONE));
            if (attempts.incrementAndGet() == 1) {
                // Another writer gets in between this unit's decision and its save.
                orders.execute(order, new OrderCommand.AddItem("OTHER", 1, BigDecimal.ONE), CommandContext.empty());
            }
            return result.state().lines().size();
        });
        assertThat(attempts).hasValue(2);
        assertThat(lines).as("decided again on the other writer's line").isEqualTo(2);
        assertThat(orders.load(order).orElseThrow().lines()).hasSize(2);
        assertThat(orders.state(order).version()).isEqualTo(3);
    }

    @Test
    void inSessionGivesUpAfterMaxAttemptsWithTheLastConflict() {
        UUID id = UUID.randomUUID();
        accounts.put(new Account(id, "ada", 10));
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> store.inSession(o -> o.withMaxAttempts(2), session -> {
                    Account account = session.load(Account.class, id).orElseThrow();
                    attempts.incrementAndGet();
                    accounts.update(id, stored -> new Account(id, "ada", stored.getBalance() + 1));
                    account.withdraw(1);
                    session.store(account);
                    return null;
                }))
                .isInstanceOf(ConcurrencyException.class)
                .hasMessageContaining("document account/" + id);
        assertThat(attempts).hasValue(2);
        assertThat(accounts.load(id).orElseThrow().getBalance()).isEqualTo(12);
    }

    private String schema() {
        return "\"" + store.schemaName() + "\"";
    }

    private String accountsTable() {
        return TestDatabase.table(store, accounts.collection());
    }
}
