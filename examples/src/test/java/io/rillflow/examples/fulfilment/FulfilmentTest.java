package io.rillflow.examples.fulfilment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.InvalidIdentifierException;
import io.rillflow.Store;
import io.rillflow.aggregates.CommandContext;
import io.rillflow.events.EventEnvelope;
import io.rillflow.examples.orders.OrderCommand;
import io.rillflow.examples.orders.OrderRepository;
import io.rillflow.processes.Dispatch;
import io.rillflow.processes.ProcessManagerHandler;
import io.rillflow.processes.ProcessManagers;
import io.rillflow.processes.UnknownProcessManagerException;
import io.rillflow.projections.DeadLetter;
import io.rillflow.projections.ProjectionDaemon;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.projections.TickResult;
import io.rillflow.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The fulfilment process manager end to end on PostgreSQL: commands, idempotent re-processing, dead letters. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FulfilmentTest {
    private static final CommandContext ADA = CommandContext.empty().withActor("ada");

    private Store store;
    private ProcessManagers managers;
    private OrderRepository orders;
    private InvoiceRepository invoices;
    private ShipmentRepository shipments;

    @BeforeAll
    void open() {
        store = TestDatabase.storeBuilder(getClass())
                .projectionOptions(ProjectionOptions.defaults()
                        .withMaxAttempts(2)
                        .withBackoff(Duration.ofMillis(5), Duration.ofMillis(10)))
                .build();
        managers = store.processManagers().register(Fulfilment.class);
        orders = new OrderRepository(store);
        invoices = new InvoiceRepository(store);
        shipments = new ShipmentRepository(store);
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Test
    void theGeneratedRegistryDeclaresTheProcessManager() {
        assertThat(managers.declared()).anySatisfy(d -> {
            assertThat(d.name()).isEqualTo("fulfilment");
            assertThat(d.handlerType()).isEqualTo(Fulfilment_ProcessManager.class);
        });
        assertThat(managers.names()).containsExactly("fulfilment");
    }

    @Test
    void generatedDispatchCallsTheOnMethodForTheEventClass() throws Exception {
        UUID id = submit("1.50");
        EventEnvelope submitted = store.events().readStream(id).get(2);
        List<Dispatch<?>> dispatches = List.copyOf(new Fulfilment_ProcessManager().on(submitted));
        assertThat(dispatches)
                .containsExactly(
                        Dispatch.<Object>to(id.toString(), new FulfilmentCommand.Charge(id, new BigDecimal("1.50"))),
                        Dispatch.<Object>to(id.toString(), new FulfilmentCommand.Schedule(id)));
        EventEnvelope created = store.events().readStream(id).get(0);
        assertThat(new Fulfilment_ProcessManager().on(created)).isEmpty();
        assertThat(new Fulfilment_ProcessManager().commandTypes())
                .containsExactlyInAnyOrder(FulfilmentCommand.class, FulfilmentCommand.Hold.class);
    }

    @Test
    void aSubmittedOrderIsChargedAndShippedOnceEvenWhenTheLogIsProcessedAgain() {
        UUID id = submit("9.00");
        managers.runUntilIdle();
        assertThat(invoices.load(id.toString()).orElseThrow().charged()).isEqualByComparingTo("9.00");
        assertThat(shipments.load(id.toString()).orElseThrow().scheduled()).isTrue();
        EventEnvelope charged =
                store.events().readStream(invoices.streamId(id.toString())).get(0);
        assertThat(charged.headers().get("process_manager").asText()).isEqualTo("fulfilment");
        assertThat(charged.headers().get("actor").asText()).isEqualTo("process-manager:fulfilment");

        // Re-processing the whole log sends every command again with the same keys: nothing is applied twice.
        store.projections().resetCheckpoint("fulfilment", 0);
        managers.runUntilIdle();
        assertThat(store.events().readStream(invoices.streamId(id.toString()))).hasSize(1);
        assertThat(store.events().readStream(shipments.streamId(id.toString()))).hasSize(1);
        assertThat(managers.status("fulfilment").checkpoint())
                .isEqualTo(managers.status("fulfilment").head());
    }

    @Test
    void aRejectedCommandIsDeadLetteredWithItsErrorAndRetriedAfterAFix() {
        UUID id = UUID.randomUUID();
        shipments.execute(id.toString(), new FulfilmentCommand.Hold("flooded warehouse"), ADA);
        submitAs(id, "3.00");
        awaitDeadLetter();

        List<DeadLetter> letters = managers.deadLetters("fulfilment");
        assertThat(letters).hasSize(1);
        DeadLetter letter = letters.get(0);
        assertThat(letter.eventType()).isEqualTo("OrderSubmitted");
        assertThat(letter.streamId()).isEqualTo(id);
        assertThat(letter.error())
                .contains("CommandDispatchException", "sending command 1", "Shipment is on hold: flooded warehouse");
        // The charge (command 0) went through once, however often the event was tried.
        assertThat(store.events().readStream(invoices.streamId(id.toString()))).hasSize(1);
        assertThat(shipments.load(id.toString()).orElseThrow().scheduled()).isFalse();

        assertThatThrownBy(() -> managers.retry("fulfilment", letter.globalSeq()))
                .hasMessageContaining("Shipment is on hold");
        assertThat(managers.deadLetters("fulfilment")).hasSize(1);

        shipments.execute(id.toString(), new FulfilmentCommand.Release(), ADA);
        managers.retry("fulfilment", letter.globalSeq());
        assertThat(managers.deadLetters("fulfilment")).isEmpty();
        assertThat(shipments.load(id.toString()).orElseThrow().scheduled()).isTrue();
        assertThat(store.events().readStream(invoices.streamId(id.toString()))).hasSize(1);
        assertThatThrownBy(() -> managers.retry("fulfilment", letter.globalSeq()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no dead letter for event " + letter.globalSeq());
    }

    @Test
    void theProjectionDaemonRunsTheProcessManagerAndPauseStopsIt() throws Exception {
        managers.pause("fulfilment");
        assertThat(managers.tickOnce("fulfilment").outcome()).isEqualTo(TickResult.Outcome.PAUSED);
        assertThat(managers.status("fulfilment").paused()).isTrue();
        managers.resume("fulfilment");

        UUID id = submit("4.00");
        try (ProjectionDaemon daemon = store.projections().start()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (shipments.load(id.toString()).isEmpty()) {
                assertThat(System.nanoTime()).as("shipped within 30 s").isLessThan(deadline);
                Thread.sleep(10);
            }
        }
        assertThat(invoices.load(id.toString()).orElseThrow().charged()).isEqualByComparingTo("4.00");
    }

    @Test
    void unknownAndHostileNamesAreRejectedWithoutChanges() {
        for (String name : List.of("shipping", "fulfilment'; drop table rf_events; --", "", "x".repeat(500))) {
            assertThatThrownBy(() -> managers.status(name))
                    .isInstanceOf(UnknownProcessManagerException.class)
                    .hasMessageContaining("Unknown process manager")
                    .hasMessageContaining("registered: fulfilment");
            assertThatThrownBy(() -> managers.retry(name, 1)).isInstanceOf(UnknownProcessManagerException.class);
            assertThatThrownBy(() -> managers.pause(name)).isInstanceOf(UnknownProcessManagerException.class);
        }
        assertThatThrownBy(() -> managers.deadLetters(null)).isInstanceOf(UnknownProcessManagerException.class);
        assertThatThrownBy(() -> managers.register(handler("Bad-Name", Set.of())))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessageContaining("Bad-Name");
        assertThatThrownBy(() -> managers.register(handler("strays", Set.of(String.class))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sends java.lang.String, which no aggregate of this store handles");
        assertThatThrownBy(() -> managers.register(handler("fulfilment", Set.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already registered");
        assertThatThrownBy(() -> managers.register(String.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a declared @ProcessManager");
        assertThat(managers.names()).containsExactly("fulfilment");
        assertThat(store.projections().names()).containsExactly("fulfilment");
    }

    private void awaitDeadLetter() {
        for (int i = 0; i < 200; i++) {
            TickResult result = managers.tickOnce("fulfilment");
            if (result.outcome() == TickResult.Outcome.DEAD_LETTERED) {
                return;
            }
            sleep(10);
        }
        throw new AssertionError("the failing event was not dead-lettered");
    }

    private UUID submit(String price) {
        UUID id = UUID.randomUUID();
        submitAs(id, price);
        return id;
    }

    private void submitAs(UUID id, String price) {
        orders.execute(id, new OrderCommand.Create("ada"), ADA);
        orders.execute(id, new OrderCommand.AddItem("tea", 1, new BigDecimal(price)), ADA);
        orders.execute(id, new OrderCommand.Submit(), ADA);
    }

    private static ProcessManagerHandler handler(String name, Set<Class<?>> commands) {
        return new ProcessManagerHandler() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Set<Class<?>> eventClasses() {
                return Set.of();
            }

            @Override
            public Set<Class<?>> commandTypes() {
                return commands;
            }

            @Override
            public List<Dispatch<?>> on(EventEnvelope event) {
                return List.of();
            }
        };
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
