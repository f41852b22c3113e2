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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The admin calls, and bad input: unknown names, hostile names and values, invalid options. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubscriptionAdminTest {
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
    void statusReportsLastSeqHeadAndLagPerGroup() {
        UUID stream = UUID.randomUUID();
        long start = append(store, stream, "Before");
        subs.create("status", SubscriptionFilter.all().withStreamIds(stream), start);
        List<Long> written = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            written.add(append(store, stream, "E"));
        }
        try (SubscriptionHandle a = subs.open("status", fast("a").withGroup("fast"))) {
            assertThat(pollUntil(a, 5)).hasSize(5);
            a.poll(1, Duration.ofMillis(50)); // acknowledges the first poll
        }
        subs.open("status", fast("b").withGroup("slow")).close();

        SubscriptionStatus fastGroup = subs.status("status", "fast");
        assertThat(fastGroup.lastSeq()).isGreaterThanOrEqualTo(written.get(4));
        assertThat(fastGroup.lag()).isZero();
        assertThat(fastGroup.head()).isGreaterThanOrEqualTo(written.get(4));
        assertThat(fastGroup.slots()).isEqualTo(16);
        SubscriptionStatus slowGroup = subs.status("status", "slow");
        assertThat(slowGroup.lastSeq()).isEqualTo(start);
        assertThat(slowGroup.lag()).isEqualTo(5);
        assertThat(subs.list())
                .filteredOn(i -> i.name().equals("status"))
                .singleElement()
                .satisfies(i -> {
                    assertThat(i.groups()).containsExactly("fast", "slow");
                    assertThat(i.filter().streamIds()).containsExactly(stream);
                    assertThat(i.startFrom()).isEqualTo(start);
                });
    }

    @Test
    void pauseStopsDeliveryAndResumeRestartsIt() {
        UUID stream = UUID.randomUUID();
        subs.create("pause", SubscriptionFilter.all().withStreamIds(stream), 0);
        try (SubscriptionHandle h = subs.open("pause", fast("p"))) {
            h.poll(1, Duration.ofMillis(50)); // joins the group
            subs.pause("pause", "default");
            long seq = append(store, stream, "E");
            assertThat(h.poll(10, Duration.ofMillis(400))).isEmpty();
            assertThat(subs.status("pause", "default").paused()).isTrue();
            subs.resume("pause", "default");
            assertThat(seqs(pollUntil(h, 1))).containsExactly(seq);

            h.pause();
            long next = append(store, stream, "E");
            assertThat(h.poll(10, Duration.ofMillis(300))).isEmpty();
            h.resume();
            assertThat(seqs(pollUntil(h, 1))).containsExactly(next);
        }
    }

    @Test
    void resetRedeliversFromTheGivenSeqAndMaxInFlightChangesAtRunTime() {
        UUID stream = UUID.randomUUID();
        subs.create("reset", SubscriptionFilter.all().withStreamIds(stream), 0);
        List<Long> written = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            written.add(append(store, stream, "E"));
        }
        SubscriptionOptions manual = fast("r").withAckMode(AckMode.MANUAL);
        try (SubscriptionHandle h = subs.open("reset", manual)) {
            List<Long> got = seqs(pollUntil(h, 6));
            h.ack(got.get(5));
            assertThat(drain(h)).isEmpty();

            subs.reset("reset", "default", written.get(2));
            List<Long> again = seqs(pollUntil(h, 3));
            assertThat(again).containsExactlyElementsOf(written.subList(3, 6));
            h.ack(again.get(2));

            subs.reset("reset", "default", written.get(0) - 1);
            subs.setMaxInFlight("reset", "default", 2);
            assertThat(seqs(drain(h))).containsExactlyElementsOf(written.subList(0, 2));
            assertThat(subs.status("reset", "default").inFlight()).isEqualTo(2);
            subs.setMaxInFlight("reset", "default", null);
            assertThat(seqs(drain(h))).containsExactlyElementsOf(written.subList(2, 6));
            assertThat(subs.status("reset", "default").maxInFlight()).isNull();
        }
    }

    @Test
    void unknownSubscriptionsAndGroupsFailClearly() {
        subs.create("known", SubscriptionFilter.all(), 0);
        assertThatThrownBy(() -> subs.open("missing", fast("x")))
                .isInstanceOf(UnknownSubscriptionException.class)
                .hasMessageContaining("missing");
        assertThatThrownBy(() -> subs.status("known", "nobody"))
                .isInstanceOf(UnknownSubscriptionException.class)
                .hasMessageContaining("nobody");
        assertThatThrownBy(() -> subs.pause("missing", "default")).isInstanceOf(UnknownSubscriptionException.class);
        assertThatThrownBy(() -> subs.reset("known", "nobody", 0)).isInstanceOf(UnknownSubscriptionException.class);
        assertThatThrownBy(() -> subs.setMaxInFlight("known", "nobody", 5))
                .isInstanceOf(UnknownSubscriptionException.class);
        assertThatThrownBy(() -> subs.create("known", SubscriptionFilter.all().withEventTypes("Other"), 0))
                .isInstanceOf(SubscriptionException.class)
                .hasMessageContaining("already exists");
        subs.create("known", SubscriptionFilter.all(), 0); // the same again: nothing happens
    }

    @Test
    void hostileNamesAndFilterValuesAreStoredAsValues() {
        String name = "x'); drop table rf_events; --\"";
        String group = "g\"; delete from rf_subscription_slots; --";
        UUID stream = UUID.randomUUID();
        SubscriptionFilter filter = SubscriptionFilter.all()
                .withStreamIds(stream)
                .withEventTypes("E' or '1'='1")
                .withStreamType("t'; drop table x; --")
                .withHeader("k'\"", "v' or true --");
        subs.create(name, filter, 0);
        append(store, stream, "E");
        try (SubscriptionHandle h = subs.open(name, fast("h").withGroup(group))) {
            assertThat(drain(h)).isEmpty();
        }
        assertThat(subs.status(name, group).lag()).isZero();
        assertThat(subs.list()).anySatisfy(i -> {
            assertThat(i.name()).isEqualTo(name);
            assertThat(i.filter()).isEqualTo(filter);
        });
        assertThat(store.events().readStream(stream)).hasSize(1);
    }

    @Test
    void invalidNamesOptionsAndValuesAreRejectedUpFront() {
        assertThatThrownBy(() -> subs.create(" ", SubscriptionFilter.all(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("subscription name");
        assertThatThrownBy(() -> subs.create("bad\u0000name", SubscriptionFilter.all(), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> subs.create("neg", SubscriptionFilter.all(), -5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-5");
        assertThatThrownBy(() -> SubscriptionFilter.all().withAliasPrefix("a\u0000b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alias prefix");
        assertThatThrownBy(() -> SubscriptionOptions.defaults().withMaxInFlight(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxInFlight");
        assertThatThrownBy(() -> SubscriptionOptions.defaults().withGroup(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("group name");
        subs.create("valid", SubscriptionFilter.all(), 0);
        assertThatThrownBy(() -> subs.reset("valid", "default", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> subs.setMaxInFlight("valid", "default", 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
