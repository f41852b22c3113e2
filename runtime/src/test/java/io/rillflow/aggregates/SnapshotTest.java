package io.rillflow.aggregates;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.events.Expected;
import io.rillflow.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Snapshots are written every N events, read with the tail, ignored when of another shape, and compacted. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SnapshotTest {
    private Store store;
    private TallyRepository tallies;

    @BeforeAll
    void open() {
        store = TestDatabase.storeBuilder(getClass())
                .eventType("Added", Tally.Added.class)
                .build();
        tallies = new TallyRepository(store);
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Test
    void commitAndSnapshotWritesEveryNEventsAndLoadWithSnapshotFoldsOnlyTheTail() throws SQLException {
        for (int i = 1; i <= 7; i++) {
            tallies.commitAndSnapshot("snap", new Tally.Add("c" + i, i), CommandContext.empty(), 3);
        }
        UUID stream = tallies.streamId("snap");
        assertThat(snapshotVersion(stream)).isEqualTo(6);
        assertThat(tallies.loadWithSnapshot("snap"))
                .get()
                .extracting(Tally::total)
                .isEqualTo(28L);
        assertThat(tallies.loadWithSnapshot("snap"))
                .get()
                .extracting(Tally::applied)
                .asList()
                .hasSize(7);

        // Proof that the snapshot is used: change the stored state, and only the snapshot path sees it.
        sql("update " + store.schemaName() + ".rf_snapshots set state = jsonb_set(state, '{total}', '100')"
                + " where stream_id = '" + stream + "'");
        assertThat(tallies.loadWithSnapshot("snap"))
                .get()
                .extracting(Tally::total)
                .isEqualTo(107L);
        assertThat(tallies.load("snap")).get().extracting(Tally::total).isEqualTo(28L);
    }

    @Test
    void aSnapshotOfAnotherShapeIsIgnoredAndReplaced() throws SQLException {
        for (int i = 1; i <= 4; i++) {
            tallies.commitAndSnapshot("reshaped", new Tally.Add("c" + i, 1), CommandContext.empty(), 2);
        }
        UUID stream = tallies.streamId("reshaped");
        sql("update " + store.schemaName() + ".rf_snapshots set state = jsonb_set(state, '{total}', '100')"
                + " where stream_id = '" + stream + "'");

        TallyRepository newShape = new TallyRepository(store, Tally.definition("tally", "shape-2", 1));
        TallyRepository newVersion = new TallyRepository(store, Tally.definition("tally", "shape-1", 2));

        assertThat(newShape.loadWithSnapshot("reshaped"))
                .get()
                .extracting(Tally::total)
                .isEqualTo(4L);
        assertThat(newVersion.loadWithSnapshot("reshaped"))
                .get()
                .extracting(Tally::total)
                .isEqualTo(4L);
        assertThat(newShape.snapshot("reshaped")).isEqualTo(4);
        assertThat(newShape.loadWithSnapshot("reshaped"))
                .get()
                .extracting(Tally::total)
                .isEqualTo(4L);
        assertThat(tallies.loadWithSnapshot("reshaped"))
                .as("the old shape's snapshot was replaced, so the old reader folds from events")
                .get()
                .extracting(Tally::total)
                .isEqualTo(4L);
    }

    @Test
    void anUnreadableSnapshotIsIgnoredNotFatal() throws SQLException {
        for (int i = 1; i <= 3; i++) {
            tallies.commitAndSnapshot("garbled", new Tally.Add("c" + i, 1), CommandContext.empty(), 3);
        }
        UUID stream = tallies.streamId("garbled");
        sql("update " + store.schemaName() + ".rf_snapshots set state = '{\"total\": \"many\", \"renamed\": 1}'"
                + " where stream_id = '" + stream + "'");

        assertThat(tallies.loadWithSnapshot("garbled"))
                .get()
                .extracting(Tally::total)
                .isEqualTo(3L);
        assertThat(tallies.commitAndSnapshot("garbled", new Tally.Add("c4", 1), CommandContext.empty(), 3)
                        .version())
                .isEqualTo(4);
    }

    @Test
    void theSnapshotterCompactsStreamsThatAreFarEnoughBehind() throws SQLException {
        TallyRepository counters = new TallyRepository(store, Tally.definition("counter", "shape-1", 1));
        for (int s = 0; s < 5; s++) {
            for (int i = 0; i < (s == 0 ? 3 : 10); i++) {
                counters.execute("c-" + s, new Tally.Add("x" + i, 1), CommandContext.empty());
            }
        }
        Snapshotter snapshotter = new Snapshotter(counters, 5, 2);

        assertThat(snapshotter.tickOnce()).isEqualTo(2);
        assertThat(snapshotter.runUntilIdle()).isEqualTo(2);
        assertThat(snapshotter.tickOnce()).isZero();

        for (int i = 0; i < 5; i++) {
            counters.execute("c-1", new Tally.Add("y" + i, 1), CommandContext.empty());
        }
        assertThat(snapshotter.runUntilIdle()).isEqualTo(1);
        assertThat(counters.loadWithSnapshot("c-1"))
                .get()
                .extracting(Tally::total)
                .isEqualTo(15L);
        assertThat(snapshotVersionOrZero(counters.streamId("c-0"))).isZero();
    }

    @Test
    void snapshottersRunningAtOnceOnlyDuplicateWork() throws Exception {
        TallyRepository parallel = new TallyRepository(store, Tally.definition("parallel", "shape-1", 1));
        for (int s = 0; s < 12; s++) {
            parallel.append("p-" + s, Expected.noStream(), addedEvents(20 + s));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(() -> new Snapshotter(parallel, 5, 3).runUntilIdle());
            }
            int written = 0;
            for (Future<Integer> f : pool.invokeAll(runs)) {
                written += f.get();
            }
            assertThat(written).isGreaterThanOrEqualTo(12);
        } finally {
            pool.shutdownNow();
        }
        for (int s = 0; s < 12; s++) {
            assertThat(snapshotVersion(parallel.streamId("p-" + s))).isEqualTo(20L + s);
            assertThat(parallel.loadWithSnapshot("p-" + s))
                    .get()
                    .extracting(Tally::total)
                    .isEqualTo(20L + s);
        }
    }

    private static List<Tally.Added> addedEvents(int n) {
        List<Tally.Added> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(new Tally.Added("e" + i, 1));
        }
        return events;
    }

    private long snapshotVersion(UUID stream) throws SQLException {
        long version = snapshotVersionOrZero(stream);
        assertThat(version).as("a snapshot of " + stream).isPositive();
        return version;
    }

    private long snapshotVersionOrZero(UUID stream) throws SQLException {
        try (Connection c = store.dataSource().getConnection();
                PreparedStatement p = c.prepareStatement(
                        "select stream_version from " + store.schemaName() + ".rf_snapshots where stream_id = ?")) {
            p.setObject(1, stream);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = store.dataSource().getConnection();
                PreparedStatement p = c.prepareStatement(statement)) {
            p.execute();
        }
    }
}
