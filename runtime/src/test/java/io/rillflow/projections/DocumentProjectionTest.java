package io.rillflow.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.Store;
import io.rillflow.events.Expected;
import io.rillflow.testing.TestDatabase;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ready-made document projections: one document per stream, and one per key taken from each event. */
class DocumentProjectionTest {
    record Opened(String owner) {}

    record Deposited(String owner, long cents) {}

    record Closed() {}

    record Account(String owner, long balance, int events) {}

    record OwnerTotal(String owner, long deposited, int accounts) {}

    private Store store;

    @BeforeEach
    void open() {
        store = TestDatabase.storeBuilder(getClass())
                .eventType("Opened", Opened.class)
                .eventType("Deposited", Deposited.class)
                .eventType("Closed", Closed.class)
                .projectionOptions(ProjectionOptions.defaults().withMaxAttempts(1))
                .build();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void perStreamProjectionKeepsOneDocumentPerStreamAndDeletesOnNull() {
        store.projections()
                .register(DocumentProjection.perStream("accounts", Account.class)
                        .on(Opened.class, (account, e, meta) -> new Account(e.owner(), 0, 1))
                        .on(
                                Deposited.class,
                                (account, e, meta) -> new Account(
                                        account.owner(), account.balance() + e.cents(), account.events() + 1))
                        .on(Closed.class, (account, e, meta) -> null)
                        .build());
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        store.events().append(first, Expected.noStream(), List.of(new Opened("ada"), new Deposited("ada", 500)));
        store.events().append(second, Expected.noStream(), List.of(new Opened("ada"), new Deposited("ada", 70)));
        store.events().append(first, Expected.exact(2), List.of(new Deposited("ada", 25)));
        store.events().append(second, Expected.exact(2), List.of(new Closed()));

        store.projections().runUntilIdle();

        var accounts = store.documents(Account.class, UUID.class);
        assertThat(accounts.load(first)).contains(new Account("ada", 525, 3));
        assertThat(accounts.load(second)).isEmpty();
    }

    @Test
    void keyedProjectionGathersEventsOfManyStreamsAndRebuildsFromScratch() {
        store.projections()
                .register(DocumentProjection.keyed("owner_totals", OwnerTotal.class, String.class)
                        .on(
                                Opened.class,
                                (e, meta) -> e.owner(),
                                (total, e, meta) -> total == null
                                        ? new OwnerTotal(e.owner(), 0, 1)
                                        : new OwnerTotal(e.owner(), total.deposited(), total.accounts() + 1))
                        .on(
                                Deposited.class,
                                (e, meta) -> e.owner(),
                                (total, e, meta) ->
                                        new OwnerTotal(e.owner(), total.deposited() + e.cents(), total.accounts()))
                        .build());
        for (String owner : List.of("ada", "bob", "ada")) {
            store.events()
                    .append(
                            UUID.randomUUID(),
                            Expected.noStream(),
                            List.of(new Opened(owner), new Deposited(owner, 100)));
        }
        store.projections().runUntilIdle();
        var totals = store.documents(OwnerTotal.class, String.class);
        assertThat(totals.load("ada")).contains(new OwnerTotal("ada", 200, 2));
        assertThat(totals.load("bob")).contains(new OwnerTotal("bob", 100, 1));

        totals.put("stray", new OwnerTotal("stray", 1, 1));
        store.projections().rebuild("owner_totals");
        assertThat(totals.query().count()).isZero();
        store.projections().runUntilIdle();
        assertThat(totals.load("ada")).contains(new OwnerTotal("ada", 200, 2));
        assertThat(totals.load("stray")).isEmpty();
    }

    @Test
    void eventWithoutAKeyIsDeadLettered() {
        store.projections()
                .register(DocumentProjection.keyed("by_owner", OwnerTotal.class, String.class)
                        .on(Opened.class, (e, meta) -> e.owner(), (total, e, meta) -> new OwnerTotal(e.owner(), 0, 1))
                        .build());
        long seq = store.events()
                .append(UUID.randomUUID(), Expected.noStream(), List.of(new Opened(null)))
                .lastGlobalSeq();
        store.projections().runUntilIdle();
        assertThat(store.projections().deadLetters("by_owner")).singleElement().satisfies(letter -> {
            assertThat(letter.globalSeq()).isEqualTo(seq);
            assertThat(letter.error()).contains("got no document id");
        });
    }

    @Test
    void builderRejectsMissingKeysDuplicatesAndEmptyProjections() {
        assertThatThrownBy(() -> DocumentProjection.keyed("k", OwnerTotal.class, String.class)
                        .on(Opened.class, (total, e, meta) -> total))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("give the key of Opened events");
        assertThatThrownBy(() -> DocumentProjection.perStream("p", Account.class)
                        .on(Opened.class, (a, e, m) -> a)
                        .on(Opened.class, (a, e, m) -> a))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already folds");
        assertThatThrownBy(
                        () -> DocumentProjection.perStream("p", Account.class).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("folds no event type");
    }
}
