package io.rillflow.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.Store;
import io.rillflow.aggregates.CommandBus;
import io.rillflow.aggregates.CommandContext;
import io.rillflow.aggregates.CommandResult;
import io.rillflow.events.Event;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.testing.TestDatabase;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The order aggregate end to end on PostgreSQL: lifecycle, rules, audit context, upcasting, snapshots, the bus. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrdersTest {
    private static final BigDecimal PRICE = new BigDecimal("4.50");

    private Store store;
    private OrderRepository orders;

    @BeforeAll
    void open() {
        store = TestDatabase.store(getClass());
        orders = new OrderRepository(store);
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Test
    void anOrderGoesFromCreatedToSubmittedWithItsTotal() {
        UUID id = UUID.randomUUID();
        CommandContext ada = CommandContext.empty().withActor("ada");
        orders.execute(id, new OrderCommand.Create("ada"), ada);
        orders.execute(id, new OrderCommand.AddItem("tea", 2, PRICE), ada);
        orders.execute(id, new OrderCommand.AddItem("cup", 1, new BigDecimal("12.00")), ada);
        orders.execute(id, new OrderCommand.RemoveItem("cup"), ada);
        CommandResult<Order> submitted = orders.execute(id, new OrderCommand.Submit(), ada);

        assertThat(submitted.version()).isEqualTo(5);
        assertThat(submitted.events()).containsExactly(new OrderSubmitted(new BigDecimal("9.00")));
        Order order = orders.load(id).orElseThrow();
        assertThat(order.status()).isEqualTo(Order.Status.SUBMITTED);
        assertThat(order.lines()).containsExactly(new Order.Line("tea", 2, PRICE));
        assertThat(orders.load(id, 3).orElseThrow().lines()).hasSize(2);
        assertThat(store.events().readStream(id))
                .extracting(EventEnvelope::type)
                .containsExactly("OrderCreated", "ItemAdded", "ItemAdded", "ItemRemoved", "OrderSubmitted");
        assertThat(store.events().stream(id).orElseThrow().type()).isEqualTo("order");
    }

    @Test
    void commandsThatDoNotFitTheStateAreRejectedAndWriteNothing() {
        UUID id = UUID.randomUUID();
        assertThatThrownBy(() -> orders.execute(id, new OrderCommand.Submit(), CommandContext.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Order is not open");
        orders.execute(id, new OrderCommand.Create("bob"), CommandContext.empty());
        assertThatThrownBy(() -> orders.execute(id, new OrderCommand.Submit(), CommandContext.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Order has no lines");
        assertThatThrownBy(() -> orders.execute(id, new OrderCommand.Create("bob"), CommandContext.empty()))
                .hasMessage("Order is already created");

        assertThat(store.events().readStream(id)).hasSize(1);
    }

    @Test
    void aPreCommitCheckSeesTheNewState() {
        OrderRepository capped = new OrderRepository(store);
        capped.beforeCommit(order -> {
            if (order.total().compareTo(new BigDecimal("10")) > 0) {
                throw new IllegalStateException("Orders are capped at 10, this one would be " + order.total());
            }
        });
        UUID id = UUID.randomUUID();
        capped.execute(id, new OrderCommand.Create("cy"), CommandContext.empty());
        capped.execute(id, new OrderCommand.AddItem("tea", 2, PRICE), CommandContext.empty());

        assertThatThrownBy(() -> capped.execute(id, new OrderCommand.AddItem("tea", 1, PRICE), CommandContext.empty()))
                .hasMessage("Orders are capped at 10, this one would be 13.50");
        assertThat(store.events().readStream(id)).hasSize(2);
    }

    @Test
    void theCommandContextIsStoredWithTheEventsNotInThem() {
        UUID id = UUID.randomUUID();
        UUID correlation = UUID.randomUUID();
        UUID causation = UUID.randomUUID();
        CommandContext context = CommandContext.empty()
                .withActor("clerk-7")
                .withCorrelationId(correlation)
                .withCausationId(causation)
                .withMetadata("channel", "phone");

        orders.execute(id, new OrderCommand.Create("dee"), context);

        EventEnvelope created = store.events().readStream(id).get(0);
        assertThat(created.event()).isEqualTo(new OrderCreated("dee"));
        assertThat(created.headers().get("actor").asText()).isEqualTo("clerk-7");
        assertThat(created.headers().get("channel").asText()).isEqualTo("phone");
        assertThat(created.correlationId()).isEqualTo(correlation);
        assertThat(created.causationId()).isEqualTo(causation);
    }

    @Test
    void eventsStoredAtAnOlderVersionAreUpcastWhenTheAggregateLoads() {
        UUID id = UUID.randomUUID();
        orders.execute(id, new OrderCommand.Create("eve"), CommandContext.empty());
        // An ItemAdded written by an older release, in the version 1 shape.
        store.events()
                .append(id, Expected.exact(1), List.of(new Event("ItemAdded", 1, Map.of("sku", "mug", "qty", 3))));
        orders.execute(id, new OrderCommand.AddItem("tea", 1, PRICE), CommandContext.empty());

        Order order = orders.load(id).orElseThrow();
        assertThat(order.lines())
                .containsExactly(new Order.Line("mug", 3, BigDecimal.ZERO), new Order.Line("tea", 1, PRICE));
        List<EventEnvelope> stored = store.events().readStream(id);
        assertThat(stored.get(1).typeVersion()).isEqualTo(1);
        assertThat(stored.get(1).event()).isEqualTo(new ItemAdded("mug", 3, BigDecimal.ZERO));
        assertThat(stored.get(1).as(ItemAdded.ItemAddedV1.class)).isEqualTo(new ItemAdded.ItemAddedV1("mug", 3));
        assertThat(stored.get(2).typeVersion()).isEqualTo(2);
    }

    @Test
    void snapshotsKeepTheImmutableStateIncludingDecimals() {
        UUID id = UUID.randomUUID();
        orders.commitAndSnapshot(id, new OrderCommand.Create("fay"), CommandContext.empty(), 2);
        for (int i = 0; i < 4; i++) {
            orders.commitAndSnapshot(id, new OrderCommand.AddItem("sku-" + i, 1, PRICE), CommandContext.empty(), 2);
        }

        Order fromSnapshot = orders.loadWithSnapshot(id).orElseThrow();
        assertThat(fromSnapshot).isEqualTo(orders.load(id).orElseThrow());
        assertThat(fromSnapshot.total()).isEqualTo(new BigDecimal("18.00"));
    }

    @Test
    void aHandRegistrationThatContradictsTheGeneratedRegistryFailsTheBuild() {
        assertThatThrownBy(() -> TestDatabase.storeBuilder(getClass())
                        .eventType("OrderCreated", OrderCancelled.class)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Event class " + OrderCancelled.class.getName() + " is already registered as"
                        + " \"OrderCreated\" v1, so it cannot also be \"OrderCancelled\" v1");
    }

    @Test
    void theBusRoutesOrderAndCounterCommandsAlike() {
        CommandBus bus = store.commandBus();
        UUID id = UUID.randomUUID();

        bus.dispatch(id, new OrderCommand.Create("gus"), CommandContext.empty());
        assertThatThrownBy(() -> bus.dispatch(id, new OrderCommand.Cancel("no"), CommandContext.empty()))
                .hasMessage("Order " + id + " can only be cancelled by a known actor");
        CommandResult<?> result = bus.dispatch(
                id,
                new OrderCommand.Cancel("changed my mind"),
                CommandContext.empty().withActor("gus"));

        assertThat(((Order) result.state()).status()).isEqualTo(Order.Status.CANCELLED);
        assertThatThrownBy(() -> bus.dispatch("not-a-uuid", new OrderCommand.Submit(), CommandContext.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("takes UUID ids");
    }
}
