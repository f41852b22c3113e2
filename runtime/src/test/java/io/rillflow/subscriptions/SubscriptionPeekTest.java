package io.rillflow.subscriptions;

import static io.rillflow.subscriptions.SubscriptionTesting.append;
import static io.rillflow.subscriptions.SubscriptionTesting.drain;
import static io.rillflow.subscriptions.SubscriptionTesting.fast;
import static io.rillflow.subscriptions.SubscriptionTesting.pollUntil;
import static io.rillflow.subscriptions.SubscriptionTesting.seqs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.Store;
import io.rillflow.testing.TestDatabase;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code peek} (a group's unacknowledged events, read beside its workers without leasing or acknowledging) and {@code slots}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubscriptionPeekTest {
    private Store store;
    private Subscriptions subs;

    @BeforeAll
    void open() {
        store = TestDatabase.storeBuilder(getClass()).build();
        subs = store.subscriptions();
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Test
    void listsWhatTheGroupHasNotAcknowledgedAndAcknowledgesNothing() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        // The checks below move one stream's slot alone: the streams must fall in two slots (1 in 16 share one).
        String slot = "\"" + store.schemaName() + "\".rf_subscription_slot(?, 16)";
        while (TestDatabase.count("select " + slot + " - " + slot, first, second) == 0) {
            second = UUID.randomUUID();
        }
        long before = append(store, first, "Wanted");
        subs.create(
                "peeked", SubscriptionFilter.all().withStreamIds(first, second).withEventTypes("Wanted"), before);
        long w1 = append(store, first, "Wanted");
        append(store, first, "Other");
        long w2 = append(store, second, "Wanted");
        long w3 = append(store, first, "Wanted");

        assertThat(seqs(subs.peek("peeked", "new", 10)))
                .as("a group that does not exist yet starts after the start position")
                .containsExactly(w1, w2, w3);
        assertThat(seqs(subs.peek("peeked", "new", 2))).containsExactly(w1, w2);

        try (SubscriptionHandle worker = subs.open("peeked", fast("w"))) {
            assertThat(seqs(pollUntil(worker, 3))).containsExactlyInAnyOrder(w1, w2, w3);
            assertThat(seqs(subs.peek("peeked", "default", 10)))
                    .as("in flight, not acknowledged")
                    .containsExactly(w1, w2, w3);
            assertThat(subs.status("peeked", "default").inFlight()).isEqualTo(3);
            List<SubscriptionSlotStatus> slots = subs.slots("peeked", "default");
            assertThat(slots).extracting(SubscriptionSlotStatus::slot).containsExactlyElementsOf(range(16));
            assertThat(slots.stream().mapToInt(SubscriptionSlotStatus::inFlight).sum())
                    .isEqualTo(3);
            assertThat(slots).allSatisfy(s -> assertThat(s.leaseHolder()).isEqualTo("w"));
            assertThat(slots).allSatisfy(s -> assertThat(s.leaseExpires()).isNotNull());
            assertThat(drain(worker)).isEmpty(); // acknowledges
            assertThat(subs.peek("peeked", "default", 10)).isEmpty();
        }
        long w4 = append(store, second, "Wanted");
        assertThat(seqs(subs.peek("peeked", "default", 10))).containsExactly(w4);
        assertThat(seqs(subs.peek("peeked", "default", 10)))
                .as("peeking moved nothing")
                .containsExactly(w4);

        // Each slot has its own checkpoint: the first stream's slot moved back, the second's not.
        TestDatabase.execute("update \"" + store.schemaName() + "\".rf_subscription_slots set last_seq = " + before
                + " where subscription = 'peeked' and grp = 'default' and slot = \"" + store.schemaName()
                + "\".rf_subscription_slot('" + first + "', 16)");
        assertThat(seqs(subs.peek("peeked", "default", 10))).containsExactly(w1, w3, w4);

        subs.setMaxInFlight("peeked", "default", 2);
        assertThat(seqs(subs.peek("peeked", "default", 10)))
                .as("the group's bound")
                .containsExactly(w1, w3);
    }

    private static List<Integer> range(int n) {
        return java.util.stream.IntStream.range(0, n).boxed().toList();
    }

    @Test
    void slotsOfAnUnknownGroupAreRefused() {
        subs.create("slotted", SubscriptionFilter.all(), Subscriptions.FROM_NOW);
        assertThatThrownBy(() -> subs.slots("slotted", "nobody"))
                .isInstanceOf(UnknownSubscriptionException.class)
                .hasMessageContaining("no consumer group \"nobody\"");
    }

    @Test
    void unknownSubscriptionsAndBadLimitsAreRefused() {
        assertThatThrownBy(() -> subs.peek("missing", "default", 10))
                .isInstanceOf(UnknownSubscriptionException.class)
                .hasMessageContaining("missing");
        subs.create("limited", SubscriptionFilter.all(), Subscriptions.FROM_NOW);
        assertThatThrownBy(() -> subs.peek("limited", "default", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 or more");
        assertThatThrownBy(() -> subs.peek("limited", "bad\ngroup", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("group name");
    }

    @Test
    void peekListsNoEventsBeyondWhatAWorkerCouldRead() {
        subs.create("empty", SubscriptionFilter.all().withStreamIds(UUID.randomUUID()), 0);
        assertThat(subs.peek("empty", "default", 10)).isEmpty();
        assertThat(List.copyOf(subs.list()).stream().filter(i -> i.name().equals("empty")))
                .singleElement()
                .satisfies(
                        i -> assertThat(i.groups()).as("peek creates no group").isEmpty());
    }
}
