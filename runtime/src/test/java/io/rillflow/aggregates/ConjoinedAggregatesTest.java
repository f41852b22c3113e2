package io.rillflow.aggregates;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.tenancy.TenancyStrategy;
import io.rillflow.testing.TestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Aggregates, their snapshots and the command bus of the tenants of a conjoined store: the same aggregate id in two
 * tenants is two aggregates, each with its own snapshot.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConjoinedAggregatesTest {
    private Store store;
    private Store acme;
    private Store globex;

    @BeforeAll
    void open() {
        store = TestDatabase.storeBuilder(getClass())
                .tenancy(TenancyStrategy.conjoined())
                .eventType("Added", Tally.Added.class)
                .aggregate(Tally.DEFINITION)
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

    @Test
    void theSameAggregateIdInTwoTenantsFoldsAndSnapshotsApart() {
        TallyRepository acmes = new TallyRepository(acme);
        TallyRepository globexes = new TallyRepository(globex);
        for (int i = 1; i <= 5; i++) {
            acmes.commitAndSnapshot("t", new Tally.Add("a" + i, 1), CommandContext.empty(), 2);
        }
        for (int i = 1; i <= 2; i++) {
            globexes.commitAndSnapshot("t", new Tally.Add("g" + i, 10), CommandContext.empty(), 2);
        }
        UUID stream = acmes.streamId("t");
        assertThat(snapshotVersion("acme", stream)).isEqualTo(4);
        assertThat(snapshotVersion("globex", stream)).isEqualTo(2);
        assertThat(acmes.load("t")).get().extracting(Tally::total).isEqualTo(5L);
        assertThat(globexes.loadWithSnapshot("t"))
                .get()
                .extracting(Tally::total)
                .isEqualTo(20L);

        // Each tenant reads its own snapshot: change acme's, and only acme's snapshot path sees it.
        TestDatabase.execute("update \"" + store.schemaName() + "\".rf_snapshots set state = jsonb_set(state,"
                + " '{total}', '100') where tenant_id = 'acme' and stream_id = '" + stream + "'");
        assertThat(acmes.loadWithSnapshot("t")).get().extracting(Tally::total).isEqualTo(101L);
        assertThat(globexes.loadWithSnapshot("t"))
                .get()
                .extracting(Tally::total)
                .isEqualTo(20L);
        assertThat(new TallyRepository(store).load("t")).isEmpty();
        assertThat(new TallyRepository(store).loadWithSnapshot("t")).isEmpty();
    }

    @Test
    void aTenantInAPartitionOfItsOwnFoldsTheEventsItHadBeforeAndAfterTheMove() {
        store.tenants().ensure("large");
        TallyRepository larges = new TallyRepository(store.forTenant("large"));
        larges.commitAndSnapshot("p", new Tally.Add("before", 2), CommandContext.empty(), 1);
        globex.commandBus().dispatch("p", new Tally.Add("other", 50), CommandContext.empty());

        assertThat(store.tenants().partition("large")).isTrue();
        // The snapshot taken before the move moved with the events, and is the one read and replaced after it.
        String snapshots = "\"" + store.schemaName() + "\".rf_snapshots_t_large";
        assertThat(TestDatabase.count("select count(*) from " + snapshots)).isEqualTo(1);
        assertThat(larges.loadWithSnapshot("p")).get().extracting(Tally::total).isEqualTo(2L);
        larges.commitAndSnapshot("p", new Tally.Add("after", 3), CommandContext.empty(), 1);
        assertThat(TestDatabase.count("select max(stream_version) from " + snapshots))
                .isEqualTo(2);

        assertThat(larges.load("p")).get().extracting(Tally::total).isEqualTo(5L);
        assertThat(larges.loadWithSnapshot("p")).get().extracting(Tally::total).isEqualTo(5L);
        assertThat(larges.state("p").version()).isEqualTo(2);
        assertThat(TestDatabase.count("select count(*) from \"" + store.schemaName() + "\".rf_events_t_large"))
                .isEqualTo(2);
        assertThat(new TallyRepository(globex).load("p"))
                .get()
                .extracting(Tally::total)
                .isEqualTo(50L);
    }

    @Test
    void eachTenantsCommandBusExecutesAgainstItsOwnAggregates() {
        acme.commandBus().dispatch("bus", new Tally.Add("c1", 3), CommandContext.empty());
        acme.commandBus().dispatch("bus", new Tally.Add("c2", 4), CommandContext.empty());
        CommandResult<?> globexs = globex.commandBus().dispatch("bus", new Tally.Add("c1", 5), CommandContext.empty());

        assertThat(((Tally) globexs.state()).total()).isEqualTo(5);
        assertThat(globexs.version()).isEqualTo(1);
        assertThat(new TallyRepository(acme).load("bus"))
                .get()
                .extracting(Tally::total)
                .isEqualTo(7L);
        assertThat(new TallyRepository(store).load("bus")).isEmpty();
    }

    @Test
    // A snapshotter that looked past its tenant would find the other tenant's stream behind, forever.
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aTenantsSnapshotterCompactsOnlyItsOwnStreams() {
        TallyRepository acmes = new TallyRepository(acme);
        TallyRepository globexes = new TallyRepository(globex);
        for (int i = 1; i <= 3; i++) {
            acmes.execute("long", new Tally.Add("a" + i, 1), CommandContext.empty());
            globexes.execute("long", new Tally.Add("g" + i, 1), CommandContext.empty());
        }
        UUID stream = acmes.streamId("long");

        assertThat(new Snapshotter(acmes, 3, 10).runUntilIdle()).isEqualTo(1);
        assertThat(snapshotVersion("acme", stream)).isEqualTo(3);
        assertThat(TestDatabase.count(
                        "select count(*) from \"" + store.schemaName() + "\".rf_snapshots where tenant_id = 'globex'"
                                + " and stream_id = ?",
                        stream))
                .isZero();
        assertThat(new Snapshotter(globexes, 3, 10).runUntilIdle()).isEqualTo(1);
        assertThat(snapshotVersion("globex", stream)).isEqualTo(3);
    }

    private long snapshotVersion(String tenant, UUID stream) {
        return TestDatabase.count(
                "select stream_version from \"" + store.schemaName() + "\".rf_snapshots"
                        + " where tenant_id = ? and stream_id = ?",
                tenant,
                stream);
    }
}
