package io.rillflow.subscriptions;

import static io.rillflow.subscriptions.SubscriptionTesting.append;
import static io.rillflow.subscriptions.SubscriptionTesting.eventually;
import static io.rillflow.subscriptions.SubscriptionTesting.fast;
import static io.rillflow.subscriptions.SubscriptionTesting.pollUntil;
import static io.rillflow.subscriptions.SubscriptionTesting.seqs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.Store;
import io.rillflow.events.EventEnvelope;
import io.rillflow.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Acknowledgement modes under worker deaths and connection kills: at least once for automatic and manual
 * acknowledgement, exactly-once effects for acknowledgement in the caller's transaction, and bad acknowledgements.
 * A worker "dies" by being abandoned without closing: its leases expire and another worker takes its slots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubscriptionAckTest {
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
    void autoModeRedeliversTheBatchOfAWorkerThatDiedMidBatch() {
        List<Long> written = appendMany("auto", 30);
        SubscriptionHandle dead =
                subs.open("auto", fast("auto-dead").withBatchSize(10).withSlots(1));
        List<EventEnvelope> first = dead.poll(10, java.time.Duration.ofSeconds(5));
        assertThat(first).hasSize(10);
        // the worker dies before its next poll would acknowledge the batch

        try (SubscriptionHandle next = subs.open("auto", fast("auto-next"))) {
            List<Long> again = seqs(pollUntil(next, 30));
            assertThat(again).containsExactlyElementsOf(written);
        }
    }

    @Test
    void manualModeRedeliversOnlyTheUnacknowledgedEvents() {
        List<Long> written = appendMany("manual", 20);
        SubscriptionOptions manual =
                fast("manual-dead").withAckMode(AckMode.MANUAL).withSlots(1);
        SubscriptionHandle dead = subs.open("manual", manual);
        List<Long> got = seqs(pollUntil(dead, 20));
        assertThat(got).containsExactlyElementsOf(written);
        dead.ack(got.get(7)); // cumulative: the first 8 are acknowledged

        try (SubscriptionHandle next = subs.open("manual", manual.withWorkerId("manual-next"))) {
            List<Long> again = seqs(pollUntil(next, 12));
            assertThat(again).containsExactlyElementsOf(written.subList(8, 20));
            next.ack(again.get(11));
        }
        assertThat(subs.status("manual", "default").lastSeq()).isGreaterThanOrEqualTo(written.get(19));
    }

    @Test
    void aWorkerWhoseSlotMovedWhileItHungCannotAcknowledgeItsStaleBatch() throws Exception {
        List<Long> written = appendMany("zombie", 10);
        long start = written.get(0) - 1;
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Long> zombieHandled = new CopyOnWriteArrayList<>();
        SubscriptionOptions options = fast("zombie").withSlots(1);
        SubscriptionHandle zombie = subs.subscribe("zombie", options, (e, h) -> {
            if (zombieHandled.isEmpty()) {
                stuck.countDown();
                release.await(); // hangs: stops renewing its lease
            }
            zombieHandled.add(e.globalSeq());
        });
        assertThat(stuck.await(10, TimeUnit.SECONDS)).isTrue();
        try (SubscriptionHandle heir =
                subs.open("zombie", options.withWorkerId("heir").withAckMode(AckMode.MANUAL))) {
            List<Long> got = seqs(pollUntil(heir, 10));
            assertThat(got).containsExactlyElementsOf(written);

            release.countDown();
            assertThat(eventually(() -> zombieHandled.size() == 10)).isTrue();
            zombie.close(); // waits for its automatic acknowledgement, which the new fencing token turns away
            assertThat(zombie.metrics().acknowledged()).isZero();
            assertThat(subs.status("zombie", "default").lastSeq()).isEqualTo(start);

            heir.ack(got.get(9));
            assertThat(subs.status("zombie", "default").lastSeq()).isEqualTo(written.get(9));
        }
    }

    @Test
    void handlerFailureRedeliversAndIsReported() throws Exception {
        List<Long> written = appendMany("failing", 5);
        AtomicInteger calls = new AtomicInteger();
        List<Long> handled = new CopyOnWriteArrayList<>();
        try (SubscriptionHandle h = subs.subscribe("failing", fast("f1"), (e, handle) -> {
            if (calls.incrementAndGet() == 3) {
                throw new IllegalStateException("mail server down");
            }
            handled.add(e.globalSeq());
        })) {
            assertThat(eventually(() -> new HashSet<>(handled).containsAll(written)))
                    .isTrue();
            assertThat(h.metrics().handlerErrors()).isEqualTo(1);
            assertThat(h.metrics().lastError()).contains("mail server down");
        }
        assertThat(subs.status("failing", "default").lastError()).contains("mail server down");
    }

    @Test
    void transactionalAckGivesExactlyOnceEffectsUnderConnectionKills() throws Exception {
        execute("create table " + effectsTable() + " (seq bigint not null)");
        List<Long> written = appendMany("effects", 60);
        Set<Long> killedOnce = ConcurrentHashMap.newKeySet();
        SubscriptionOptions options =
                fast("tx1").withAckMode(AckMode.TRANSACTIONAL).withBatchSize(7);
        try (SubscriptionHandle h = subs.subscribe("effects", options, (e, handle) -> {
            try (Connection c = store.dataSource().getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement p = c.prepareStatement("insert into " + effectsTable() + " (seq) values (?)")) {
                    p.setLong(1, e.globalSeq());
                    p.executeUpdate();
                }
                handle.ackInTransaction(c, e.globalSeq());
                if (e.globalSeq() % 4 == 0 && killedOnce.add(e.globalSeq())) {
                    kill(c); // the connection dies after the effect and the ack, before the commit
                }
                c.commit();
            }
        })) {
            assertThat(eventually(() -> effects().size() >= written.size()
                            && subs.status("effects", "default").lag() == 0))
                    .isTrue();
            assertThat(killedOnce).isNotEmpty();
            assertThat(h.metrics().handlerErrors()).isEqualTo(killedOnce.size());
        }
        List<Long> effects = effects();
        assertThat(effects).hasSize(written.size());
        assertThat(new HashSet<>(effects)).containsExactlyInAnyOrderElementsOf(written);
    }

    @Test
    void badAcknowledgementsFailClearlyAndChangeNothing() {
        List<Long> written = appendMany("badack", 4);
        try (SubscriptionHandle h = subs.open("badack", fast("b1").withAckMode(AckMode.MANUAL))) {
            List<Long> got = seqs(pollUntil(h, 4));
            h.ack(got.get(1));
            long checkpoint = subs.status("badack", "default").lastSeq();

            assertThatThrownBy(() -> h.ack(written.get(3) + 1000))
                    .isInstanceOf(SubscriptionException.class)
                    .hasMessageContaining("not delivered to this worker");
            assertThatThrownBy(() -> h.ack(got.get(0)))
                    .isInstanceOf(SubscriptionException.class)
                    .hasMessageContaining("not awaiting acknowledgement");
            assertThat(subs.status("badack", "default").lastSeq()).isEqualTo(checkpoint);
            h.ack(got.get(3));
        }
    }

    private List<Long> appendMany(String subscription, int count) {
        long start = append(store, UUID.randomUUID(), "Start");
        UUID stream = UUID.randomUUID();
        subs.create(subscription, SubscriptionFilter.all().withStreamIds(stream), start);
        List<Long> written = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            written.add(append(store, stream, "E"));
        }
        return written;
    }

    private String effectsTable() {
        return "\"" + store.schemaName() + "\".effects";
    }

    private void kill(Connection victim) throws SQLException {
        int pid;
        try (Statement s = victim.createStatement();
                ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            pid = rs.getInt(1);
        }
        try (Connection admin = store.dataSource().getConnection();
                PreparedStatement p = admin.prepareStatement("select pg_terminate_backend(?)")) {
            p.setInt(1, pid);
            p.executeQuery().close();
        }
    }

    private List<Long> effects() {
        try (Connection c = store.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select seq from " + effectsTable())) {
            List<Long> all = new ArrayList<>();
            while (rs.next()) {
                all.add(rs.getLong(1));
            }
            return all;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = store.dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
