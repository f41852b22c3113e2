package io.rillflow.examples.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.ConcurrencyException;
import io.rillflow.Store;
import io.rillflow.events.Expected;
import io.rillflow.examples.catalog.Product;
import io.rillflow.sessions.DocumentSession;
import io.rillflow.sessions.SessionKind;
import io.rillflow.testing.TestDatabase;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What each session kind remembers of what it loads, and what it refuses. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionKindsTest {
    private Store store;
    private AccountRepository accounts;

    @BeforeAll
    void open() {
        store = TestDatabase.store(getClass());
        accounts = new AccountRepository(store);
    }

    @AfterAll
    void close() {
        store.close();
    }

    private UUID newAccount(long balance) {
        UUID id = UUID.randomUUID();
        accounts.put(new Account(id, "ada", balance));
        return id;
    }

    @Test
    void anIdentityMapReturnsTheSameInstanceOnEveryLoad() {
        UUID id = newAccount(100);
        try (DocumentSession session = store.openSession()) {
            Account first = session.load(Account.class, id).orElseThrow();
            Account second = session.load(Account.class, id).orElseThrow();
            assertThat(second).isSameAs(first);
            assertThat(session.documents(accounts).load(id).orElseThrow()).isSameAs(first);
        }
    }

    @Test
    void aLightweightSessionReadsANewInstanceEachTimeButStillChecksVersions() {
        UUID id = newAccount(100);
        try (DocumentSession session = store.openSession(SessionKind.LIGHTWEIGHT)) {
            Account first = session.load(Account.class, id).orElseThrow();
            assertThat(session.load(Account.class, id).orElseThrow()).isNotSameAs(first);
            accounts.update(id, a -> new Account(id, "bob", 5));
            first.deposit(1);
            session.store(first);
            assertThatThrownBy(session::saveChanges)
                    .isInstanceOf(ConcurrencyException.class)
                    .hasMessageContaining("document account/" + id)
                    .hasMessageContaining("expected 1 but the actual version is 2");
        }
        assertThat(accounts.load(id).orElseThrow().getOwner()).isEqualTo("bob");
    }

    @Test
    void aDirtyTrackedSessionStoresWhatChangedInPlaceAndNothingElse() {
        UUID changed = newAccount(100);
        UUID untouched = newAccount(100);
        try (DocumentSession session = store.openSession(SessionKind.DIRTY_TRACKED)) {
            session.load(Account.class, changed).orElseThrow().withdraw(30);
            session.load(Account.class, untouched).orElseThrow();
            assertThat(session.hasChanges()).isTrue();
            session.saveChanges();
            assertThat(session.hasChanges()).isFalse();
        }
        assertThat(accounts.get(changed).orElseThrow().value().getBalance()).isEqualTo(70);
        assertThat(accounts.get(changed).orElseThrow().version()).isEqualTo(2);
        assertThat(accounts.get(untouched).orElseThrow().version())
                .as("an unchanged document is not written")
                .isEqualTo(1);
    }

    @Test
    void anIdentityMapSessionStoresOnlyWhatItIsToldTo() {
        UUID id = newAccount(100);
        try (DocumentSession session = store.openSession()) {
            session.load(Account.class, id).orElseThrow().withdraw(30);
            assertThat(session.hasChanges()).isFalse();
            session.saveChanges();
        }
        assertThat(accounts.get(id).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void aReadOnlySessionLoadsAndRefusesEveryWrite() {
        UUID id = newAccount(100);
        try (DocumentSession session = store.openSession(SessionKind.READ_ONLY)) {
            Account account = session.load(Account.class, id).orElseThrow();
            assertThat(session.load(Account.class, id).orElseThrow()).isNotSameAs(account);
            assertThat(session.query(Account.class).list())
                    .extracting(Account::getId)
                    .contains(id);
            List<Runnable> writes = List.of(
                    () -> session.store(account),
                    () -> session.store(account, 1),
                    () -> session.insert(account),
                    () -> session.delete(account),
                    () -> session.delete(Account.class, id),
                    () -> session.events().append(id, Expected.any(), new MoneyMoved(id, id, 1)),
                    session::saveChanges);
            for (Runnable write : writes) {
                assertThatThrownBy(write::run)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("read-only (SessionKind.READ_ONLY)");
            }
        }
    }

    @Test
    void aLoadSeesWhatTheSessionStagedAndTheDatabaseSeesNothingUntilSaved() {
        UUID id = newAccount(100);
        UUID fresh = UUID.randomUUID();
        try (DocumentSession session = store.openSession()) {
            session.store(new Account(fresh, "cy", 1));
            session.delete(Account.class, id);
            assertThat(session.load(Account.class, fresh).orElseThrow().getOwner())
                    .isEqualTo("cy");
            assertThat(session.load(Account.class, id)).isEmpty();
            assertThat(accounts.load(fresh)).isEmpty();
            assertThat(accounts.load(id)).isPresent();
            session.saveChanges();
        }
        assertThat(accounts.load(fresh)).isPresent();
        assertThat(accounts.load(id)).isEmpty();
    }

    @Test
    void aSessionSavesAgainAfterASaveCheckedAgainstTheVersionItWrote() {
        UUID id = newAccount(100);
        try (DocumentSession session = store.openSession()) {
            Account account = session.load(Account.class, id).orElseThrow();
            account.withdraw(10);
            session.store(account);
            session.saveChanges();
            account.withdraw(10);
            session.store(account);
            session.saveChanges();
        }
        assertThat(accounts.get(id).orElseThrow().version()).isEqualTo(3);
        assertThat(accounts.load(id).orElseThrow().getBalance()).isEqualTo(80);
    }

    @Test
    void insertAndExplicitVersionsAreChecked() {
        UUID taken = newAccount(100);
        try (DocumentSession session = store.openSession()) {
            session.insert(new Account(taken, "eve", 0));
            assertThatThrownBy(session::saveChanges)
                    .isInstanceOf(ConcurrencyException.class)
                    .hasMessageContaining("document account/" + taken)
                    .hasMessageContaining("expected 0 (no document)");
        }
        try (DocumentSession session = store.openSession()) {
            session.store(new Account(taken, "eve", 0), 7);
            assertThatThrownBy(session::saveChanges)
                    .isInstanceOf(ConcurrencyException.class)
                    .hasMessageContaining("expected 7 but the actual version is 1");
        }
        assertThat(accounts.load(taken).orElseThrow().getOwner()).isEqualTo("ada");
    }

    @Test
    void badInputIsRefusedWithWhatWasWrong() {
        try (DocumentSession session = store.openSession()) {
            assertThatThrownBy(() -> session.load(String.class, "x"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("java.lang.String is not a declared @Document");
            assertThatThrownBy(() -> session.load(Account.class, "not-a-uuid"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must be a UUID, got java.lang.String");
            assertThatThrownBy(() -> session.store(new Account(null, "x", 0)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("null id");
            assertThatThrownBy(() -> session.store(new Account(UUID.randomUUID(), "x", 0), -1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("was -1");
            assertThatThrownBy(() -> session.events().append(UUID.randomUUID(), Expected.any(), List.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at least one event");
        }
        DocumentSession closed = store.openSession();
        closed.close();
        assertThatThrownBy(() -> closed.load(Product.class, UUID.randomUUID()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
