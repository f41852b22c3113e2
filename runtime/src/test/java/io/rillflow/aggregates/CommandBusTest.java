package io.rillflow.aggregates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.Store;
import io.rillflow.StoreBuilder;
import io.rillflow.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The command bus routes by command type to one aggregate, and refuses ambiguous or unknown routes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandBusTest {
    record Rename(String name) {}

    private static final AggregateDefinition<String, UUID> LABELS = new AggregateDefinition<>(
            "label",
            String.class,
            UUID.class,
            1,
            "s",
            () -> "",
            (state, event) -> ((Rename) event.event()).name(),
            (state, id, command, context) -> List.of(command),
            List.of(Rename.class));

    private Store store;

    @BeforeAll
    void open() {
        store = builder().build();
    }

    private StoreBuilder builder() {
        return TestDatabase.storeBuilder(getClass())
                .eventType("Added", Tally.Added.class)
                .eventType("Renamed", Rename.class)
                .aggregate(Tally.DEFINITION)
                .aggregate(LABELS);
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Test
    void aBusWithinTheCallersTransactionCommitsOrRollsBackWithIt() throws SQLException {
        UUID rolledBack = UUID.randomUUID();
        UUID committed = UUID.randomUUID();
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            CommandBus bound = store.commandBus().within(c);
            bound.dispatch(rolledBack, new Rename("gone"), CommandContext.empty());
            bound.dispatch("bus-rolled", new Tally.Add("c1", 2), CommandContext.empty(), 0);
            assertThat(store.events().within(c).readStream(rolledBack))
                    .as("the transaction sees its own events")
                    .hasSize(1);
            c.rollback();

            bound.dispatch(committed, new Rename("kept"), CommandContext.empty());
            c.commit();
        }
        assertThat(store.events().readStream(rolledBack)).isEmpty();
        assertThat(store.events().readStream(Tally.DEFINITION.streamId("bus-rolled")))
                .isEmpty();
        assertThat(store.events().readStream(committed)).hasSize(1);
    }

    @Test
    void aBusWithinAConnectionOnlyDispatches() throws SQLException {
        try (Connection c = store.dataSource().getConnection()) {
            assertThatThrownBy(() -> store.commandBus().within(c).register(new TallyRepository(store)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("store.commandBus()");
        }
        assertThatThrownBy(() -> store.commandBus().within(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("within(...) needs the caller's open connection");
    }

    @Test
    void commandsReachTheAggregateThatHandlesTheirType() {
        CommandBus bus = store.commandBus();
        UUID label = UUID.randomUUID();

        CommandResult<?> added = bus.dispatch("t-1", new Tally.Add("c1", 3), CommandContext.empty());
        CommandResult<?> renamed = bus.dispatch(label, new Rename("hello"), CommandContext.empty());

        assertThat(((Tally) added.state()).total()).isEqualTo(3);
        assertThat(renamed.state()).isEqualTo("hello");
        assertThat(store.events().readStream(label)).hasSize(1);
        assertThatThrownBy(() -> bus.dispatch("t-1", "nope", CommandContext.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No aggregate handles commands of type java.lang.String");
        assertThatThrownBy(() -> bus.dispatch("not-a-uuid", new Rename("x"), CommandContext.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Aggregate label takes UUID ids, got java.lang.String");
    }

    @Test
    void registeringWhileOtherThreadsDispatchLosesNoCommand() throws Exception {
        CommandBus bus = store.commandBus();
        int threads = 4;
        int perThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> dispatched = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String id = "busy-" + t;
                dispatched.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        bus.dispatch(id, new Tally.Add("c" + i, 1), CommandContext.empty());
                    }
                    return perThread;
                }));
            }
            for (int i = 0; i < 200; i++) {
                bus.register(new TallyRepository(store));
            }
            for (Future<Integer> f : dispatched) {
                assertThat(f.get()).isEqualTo(perThread);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int t = 0; t < threads; t++) {
            CommandResult<?> next = bus.dispatch("busy-" + t, new Tally.Add("last", 1), CommandContext.empty());
            assertThat(((Tally) next.state()).total()).isEqualTo(perThread + 1);
        }
    }

    @Test
    void twoAggregatesHandlingOneCommandAreRefused() {
        AggregateDefinition<Tally, String> twin = Tally.definition("twin", "shape-1", 1);

        assertThatThrownBy(() -> TestDatabase.storeBuilder(getClass())
                        .aggregate(Tally.DEFINITION)
                        .aggregate(twin)
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(Tally.Add.class.getName())
                .hasMessageContaining("tally and twin");
    }

    @Test
    void twoAggregatesWithOneNameAreRefusedNamingBoth() {
        AggregateDefinition<String, UUID> namedLikeTally = new AggregateDefinition<>(
                "tally",
                String.class,
                UUID.class,
                1,
                "s",
                () -> "",
                (state, event) -> state,
                (state, id, command, context) -> List.of(command),
                List.of(Rename.class));

        assertThatThrownBy(() -> TestDatabase.storeBuilder(getClass())
                        .aggregate(Tally.DEFINITION)
                        .aggregate(namedLikeTally)
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(
                        "Aggregates " + Tally.class.getName() + " and java.lang.String are both named" + " \"tally\"");
    }

    @Test
    void aRepositoryRegisteredOnTheStoresBusAppliesToLaterDispatchesAndProcessManagers() {
        try (Store own = builder().build()) {
            TallyRepository capped = new TallyRepository(own);
            capped.beforeCommit(t -> {
                if (t.total() > 1) {
                    throw new IllegalStateException("capped");
                }
            });
            own.commandBus().register(capped);

            assertThat(own.commandBus()).isSameAs(own.commandBus());
            assertThat(own.processManagers().commandBus()).isSameAs(own.commandBus());
            assertThatThrownBy(() -> own.commandBus().dispatch("t-2", new Tally.Add("c1", 2), CommandContext.empty()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("capped");
            assertThat(own.events().readStream(capped.streamId("t-2"))).isEmpty();
        }
    }
}
