package io.rillflow.subscriptions;

import static io.rillflow.subscriptions.SubscriptionTesting.append;
import static io.rillflow.subscriptions.SubscriptionTesting.eventually;
import static io.rillflow.subscriptions.SubscriptionTesting.fast;
import static io.rillflow.subscriptions.SubscriptionTesting.pollUntil;
import static io.rillflow.subscriptions.SubscriptionTesting.seqs;
import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.events.Event;
import io.rillflow.events.EventEnvelope;
import io.rillflow.testing.OpenAppends;
import io.rillflow.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Push and pull delivery, every filter, restarts and the log's gaps, on real PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubscriptionDeliveryTest {
    record Ping(int n) {}

    private Store store;
    private Subscriptions subs;

    @BeforeAll
    void open() {
        store = TestDatabase.storeBuilder(getClass())
                .eventType("Ping", Ping.class)
                .build();
        subs = store.subscriptions();
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Test
    void pushWorkerDeliversMatchingEventsInOrderAndCheckpoints() throws Exception {
        UUID stream = UUID.randomUUID();
        long before = append(store, stream, "Ping");
        subs.create("push", SubscriptionFilter.all().withEventTypes("Ping").withStreamIds(stream), before);
        List<EventEnvelope> got = new CopyOnWriteArrayList<>();
        try (SubscriptionHandle h = subs.subscribe("push", fast("w1"), (e, handle) -> got.add(e))) {
            long a = append(store, stream, "Ping");
            append(store, stream, "Pong");
            long c = append(store, stream, "Ping");
            append(store, UUID.randomUUID(), "Ping");
            assertThat(eventually(() -> got.size() == 2)).isTrue();
            assertThat(seqs(got)).containsExactly(a, c);
            assertThat(got.get(0).event()).isEqualTo(new Ping(1));
            assertThat(eventually(() -> subs.status("push", "default").lag() == 0))
                    .isTrue();
            assertThat(h.metrics().delivered()).isEqualTo(2);
            assertThat(h.metrics().acknowledged()).isEqualTo(2);
        }
    }

    @Test
    void restartedWorkerResumesFromItsCheckpointNotTheStart() {
        UUID stream = UUID.randomUUID();
        subs.create("restart", SubscriptionFilter.all().withStreamIds(stream), 0);
        long first = append(store, stream, "A");
        try (SubscriptionHandle h = subs.open("restart", fast("r1"))) {
            assertThat(seqs(pollUntil(h, 1))).containsExactly(first);
        } // auto mode: closing acknowledges what was delivered
        long second = append(store, stream, "B");
        try (SubscriptionHandle h = subs.open("restart", fast("r2"))) {
            assertThat(seqs(pollUntil(h, 1))).containsExactly(second);
            assertThat(h.poll(10, Duration.ofMillis(200))).isEmpty();
        }
    }

    @Test
    void fromNowSkipsTheExistingLog() {
        UUID stream = UUID.randomUUID();
        append(store, stream, "Old");
        subs.create("now", SubscriptionFilter.all().withStreamIds(stream), Subscriptions.FROM_NOW);
        long fresh = append(store, stream, "New");
        try (SubscriptionHandle h = subs.open("now", fast("n1"))) {
            assertThat(seqs(pollUntil(h, 1))).containsExactly(fresh);
        }
    }

    @Test
    void eachFilterSelectsOnlyItsEvents() {
        long start = append(store, UUID.randomUUID(), "Start");
        UUID plain = UUID.randomUUID();
        UUID aliased = store.events().resolveStreamAlias("orders:' or 1=1 --" + UUID.randomUUID());
        UUID typed = UUID.randomUUID();
        long p1 = append(store, plain, "Placed");
        long a1 = append(store, aliased, "Placed");
        long t1 = store.events()
                .builder(typed)
                .streamType("Cart")
                .push(Event.of("Added", Map.of()))
                .send()
                .lastGlobalSeq();
        long h1 = store.events()
                .builder(plain)
                .headers(Map.of("tenant", "acme\"'x", "user", "ada"))
                .push(Event.of("Placed", Map.of()))
                .send()
                .lastGlobalSeq();

        assertThat(deliver("f-types", SubscriptionFilter.all().withEventTypes("Added"), start))
                .containsExactly(t1);
        assertThat(deliver("f-ids", SubscriptionFilter.all().withStreamIds(plain, typed), start))
                .containsExactly(p1, t1, h1);
        assertThat(deliver(
                        "f-prefix",
                        SubscriptionFilter.all()
                                .withStreamIdPrefix(
                                        aliased.toString().substring(0, 13).toUpperCase()),
                        start))
                .containsExactly(a1);
        assertThat(deliver("f-alias", SubscriptionFilter.all().withAliasPrefix("orders:' or 1=1"), start))
                .containsExactly(a1);
        assertThat(deliver("f-alias-none", SubscriptionFilter.all().withAliasPrefix("%"), start))
                .isEmpty();
        assertThat(deliver("f-type", SubscriptionFilter.all().withStreamType("Cart"), start))
                .containsExactly(t1);
        assertThat(deliver("f-headers", SubscriptionFilter.all().withHeader("tenant", "acme\"'x"), start))
                .containsExactly(h1);
        assertThat(deliver(
                        "f-all",
                        SubscriptionFilter.all()
                                .withEventTypes("Placed")
                                .withStreamIds(plain)
                                .withHeader("user", "ada"),
                        start))
                .containsExactly(h1);
    }

    @Test
    void eventCommittedAfterALaterOneIsDeliveredNotSkipped() throws Exception {
        UUID stream = UUID.randomUUID();
        subs.create("gap", SubscriptionFilter.all().withEventTypes("GapHeld", "GapLater"), 0);
        try (SubscriptionHandle h = subs.open("gap", fast("g1").withSlots(1));
                Connection writer = store.dataSource().getConnection()) {
            writer.setAutoCommit(false);
            long held = appendIn(writer, stream, "GapHeld");
            long later = append(store, UUID.randomUUID(), "GapLater");
            assertThat(later).isGreaterThan(held);
            assertThat(h.poll(10, Duration.ofMillis(300))).isEmpty();
            writer.commit();
            assertThat(seqs(pollUntil(h, 2))).containsExactly(held, later);
        }
    }

    @Test
    void fetchErrorsAreRetriedWithBackoffAndReported() throws Exception {
        UUID stream = UUID.randomUUID();
        subs.create("broken", SubscriptionFilter.all().withStreamIds(stream), 0);
        List<EventEnvelope> got = new CopyOnWriteArrayList<>();
        String events = "\"" + store.schemaName() + "\".rf_events";
        try (SubscriptionHandle h = subs.subscribe("broken", fast("b1"), (e, handle) -> got.add(e))) {
            assertThat(eventually(() -> !h.slots().isEmpty())).isTrue();
            execute("alter table " + events + " rename to rf_events_away");
            try {
                assertThat(eventually(() -> h.metrics().fetchErrors() >= 2)).isTrue();
            } finally {
                execute("alter table \"" + store.schemaName() + "\".rf_events_away rename to rf_events");
            }
            assertThat(h.metrics().lastError()).contains("rf_events");
            long seq = append(store, stream, "AfterRepair");
            assertThat(eventually(() -> got.size() == 1)).isTrue();
            assertThat(got.get(0).globalSeq()).isEqualTo(seq);
        }
        assertThat(subs.status("broken", "default").lastError()).contains("rf_events");
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = store.dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Reads the whole subscription once with a pull worker, in global order. */
    private List<Long> deliver(String name, SubscriptionFilter filter, long start) {
        subs.create(name, filter, start);
        try (SubscriptionHandle h = subs.open(name, fast(name))) {
            return seqs(SubscriptionTesting.drain(h)).stream().sorted().toList();
        }
    }

    private long appendIn(Connection c, UUID stream, String type) throws SQLException {
        return OpenAppends.append(c, store, stream, List.of(type));
    }
}
