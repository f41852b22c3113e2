package io.rillflow.projections;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.events.Event;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.testing.OpenAppends;
import io.rillflow.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Writers whose transactions commit out of order: the daemon must wait for the earlier one, never skip it, and apply
 * every event exactly once. Real transactions held open on their own connections.
 */
class ProjectionGapTest {
    private Store store;
    private CountingProjection all;

    @BeforeEach
    void open() {
        store = TestDatabase.storeBuilder(getClass()).build();
        all = new CountingProjection(store, "all_events", Set.of());
        store.projections().register(all);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void eventCommittedAfterALaterOneIsAppliedOnceNotSkipped() throws Exception {
        long first = append("Before");
        store.projections().runUntilIdle();
        try (Connection a = openTransaction()) {
            long held = appendIn(a, "Held"); // writer A: has its global_seq, not committed
            long later = append("Later"); // writer B: a later global_seq, committed
            assertThat(later).isGreaterThan(held);

            store.projections().runUntilIdle();
            assertThat(all.counts(store)).containsExactly(Map.entry(first, 1));
            assertThat(store.projections().status("all_events").checkpoint()).isLessThan(held);

            a.commit();
            store.projections().runUntilIdle();
            assertThat(all.counts(store)).containsExactly(Map.entry(first, 1), Map.entry(held, 1), Map.entry(later, 1));
            assertThat(store.projections().status("all_events").checkpoint()).isEqualTo(later);
        }
    }

    @Test
    void rolledBackGapDoesNotStallTheReader() throws Exception {
        long lost;
        try (Connection a = openTransaction()) {
            lost = appendIn(a, "Lost");
            a.rollback();
        }
        long after = append("After");
        store.projections().runUntilIdle();
        assertThat(all.counts(store)).containsOnlyKeys(after).doesNotContainKey(lost);
        assertThat(store.projections().status("all_events").checkpoint()).isEqualTo(after);
    }

    /**
     * Transaction C gets its xid before E, but draws its global_seq after E. With an unrelated transaction M (xid
     * between them) still open, the plain {@code tx_id < xmin} filter returns C's event and hides E's, which sits
     * below it: a checkpoint moved to C's position would skip E forever. The daemon and {@code readAll} return both
     * while M is still open (M writes no events, so nobody waits for it), each once.
     */
    @Test
    void xidOrderDisagreeingWithSeqOrderSkipsNothing() throws Exception {
        try (Connection c = openTransaction();
                Connection m = openTransaction();
                Connection e = openTransaction()) {
            assignXid(c);
            assignXid(m);
            long early = appendIn(e, "E");
            e.commit();
            long late = appendIn(c, "C");
            c.commit();
            assertThat(late).isGreaterThan(early);
            assertThat(store.events().readAll(0, 100))
                    .extracting(EventEnvelope::globalSeq)
                    .containsExactly(early, late);

            store.projections().runUntilIdle();
            assertThat(all.counts(store)).containsExactly(Map.entry(early, 1), Map.entry(late, 1));

            m.commit();
            store.projections().runUntilIdle();
            assertThat(all.counts(store)).containsExactly(Map.entry(early, 1), Map.entry(late, 1));
        }
    }

    private long append(String type) {
        return store.events()
                .append(UUID.randomUUID(), Expected.any(), List.of(Event.of(type, Map.of("n", 1))))
                .lastGlobalSeq();
    }

    private Connection openTransaction() throws SQLException {
        Connection c = store.dataSource().getConnection();
        c.setAutoCommit(false);
        return c;
    }

    private static void assignXid(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("select pg_current_xact_id()")) {
            p.executeQuery().close();
        }
    }

    private long appendIn(Connection c, String type) throws SQLException {
        return OpenAppends.append(c, store, UUID.randomUUID(), List.of(type));
    }
}
