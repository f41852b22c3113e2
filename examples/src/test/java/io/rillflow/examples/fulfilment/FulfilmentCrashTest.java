package io.rillflow.examples.fulfilment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.RillflowException;
import io.rillflow.Store;
import io.rillflow.aggregates.CommandContext;
import io.rillflow.events.EventEnvelope;
import io.rillflow.examples.orders.OrderCommand;
import io.rillflow.examples.orders.OrderRepository;
import io.rillflow.processes.Dispatch;
import io.rillflow.processes.ProcessManagerHandler;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.testing.ConnectionKiller;
import io.rillflow.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The fulfilment process manager crashing mid-batch, then restarting: every command is applied to its target
 * aggregate exactly once, none is lost and none is applied twice.
 */
class FulfilmentCrashTest {
    private static final CommandContext ADA = CommandContext.empty().withActor("ada");
    private static final ProjectionOptions OPTIONS = ProjectionOptions.defaults()
            .withBatchSize(10)
            .withLeaseTtl(Duration.ofMillis(300))
            .withMaxAttempts(1_000)
            .withBackoff(Duration.ofMillis(1), Duration.ofMillis(5))
            .withPollInterval(Duration.ofMillis(20));

    /** A process that dies on its 12th event, mid-batch: the 11th event's commands are applied, its checkpoint is not. */
    @Test
    void aProcessManagerStoppedMidBatchAppliesEveryCommandOnceAfterRestart() throws Exception {
        try (Store writer = TestDatabase.storeBuilder(getClass()).build()) {
            List<UUID> ids = submitOrders(writer, 25);
            try (Store crashing = node(writer, "rf_pm_crashing", OPTIONS.withNodeId("crashing"))) {
                AtomicInteger seen = new AtomicInteger();
                crashing.processManagers().register(new CrashingAfter(new Fulfilment_ProcessManager(), 12, seen));
                assertThatThrownBy(() -> tickUntilCrash(crashing)).isInstanceOf(SimulatedCrash.class);
                // Batches hold 10 events it reads: the first committed, the second died on its 2nd event.
                long tenth = writer.events().readStream(ids.get(9)).get(2).globalSeq();
                assertThat(crashing.processManagers().status("fulfilment").checkpoint())
                        .isEqualTo(tenth);
            }
            // The 11th order's commands were applied, but its event is after the checkpoint: it is processed again.
            assertThat(appliedCharges(writer, ids))
                    .as("charges applied before the crash")
                    .isEqualTo(11);

            try (Store restarted = node(writer, "rf_pm_restarted", OPTIONS.withNodeId("restarted"))) {
                restarted.processManagers().register(Fulfilment.class);
                catchUp(restarted, writer, ids);
            }
            assertExactlyOnce(writer, ids);
        }
    }

    /**
     * Two nodes run the process manager on short leases while connections of both are terminated at random, mid-batch
     * or while a command is being sent (once per committed batch at most, so the run always ends).
     */
    @Test
    void twoNodesWithConnectionsKilledMidBatchNeverLoseOrRepeatACommand() throws Exception {
        try (Store writer = TestDatabase.storeBuilder(getClass()).build()) {
            List<UUID> ids = submitOrders(writer, 40);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            int kills;
            try (Store nodeA = node(writer, "rf_pm_node", OPTIONS.withNodeId("node-a"));
                    Store nodeB = node(writer, "rf_pm_node", OPTIONS.withNodeId("node-b"))) {
                nodeA.processManagers().register(Fulfilment.class);
                nodeB.processManagers().register(Fulfilment.class);
                // At most one kill per committed batch, and 25 in all: the nodes always make progress, however slowly
                // the machine runs their batches.
                try (ConnectionKiller killer = ConnectionKiller.start("rf_pm_node", writer.schemaName(), 25)) {
                    Future<?> a = threads.submit(() -> catchUp(nodeA, writer, ids));
                    Future<?> b = threads.submit(() -> catchUp(nodeB, writer, ids));
                    try {
                        a.get();
                        b.get();
                    } finally {
                        threads.shutdown();
                    }
                    kills = killer.kills();
                }
            }
            assertThat(kills).as("connections killed").isPositive();
            assertExactlyOnce(writer, ids);
        }
    }

    /** Ticks until the crash (the first ticks may find the log's horizon not yet final). */
    private static void tickUntilCrash(Store node) throws InterruptedException {
        for (int i = 0; i < 1_000; i++) {
            node.processManagers().tickOnce("fulfilment");
            Thread.sleep(5);
        }
    }

    private static List<UUID> submitOrders(Store writer, int count) {
        OrderRepository orders = new OrderRepository(writer);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            orders.execute(id, new OrderCommand.Create("ada"), ADA);
            orders.execute(id, new OrderCommand.AddItem("tea", 1 + i, new BigDecimal("2.00")), ADA);
            orders.execute(id, new OrderCommand.Submit(), ADA);
            ids.add(id);
        }
        return ids;
    }

    /** Ticks until every order is charged and shipped, the failures of killed connections retried. */
    private static Void catchUp(Store node, Store writer, List<UUID> ids) throws InterruptedException {
        ShipmentRepository shipments = new ShipmentRepository(writer);
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (ids.stream()
                .anyMatch(id ->
                        shipments.load(id.toString()).map(s -> !s.scheduled()).orElse(true))) {
            try {
                node.processManagers().tickOnce("fulfilment");
            } catch (RillflowException e) {
                // a killed connection, found on use: the batch rolled back and the pool replaces it
            }
            assertThat(System.nanoTime()).as("caught up within 180 s").isLessThan(deadline);
            Thread.sleep(5);
        }
        return null;
    }

    private static long appliedCharges(Store writer, List<UUID> ids) {
        InvoiceRepository invoices = new InvoiceRepository(writer);
        return ids.stream()
                .filter(id -> invoices.load(id.toString()).isPresent())
                .count();
    }

    /** One charge of the order's total and one scheduled shipment per order: nothing missing, nothing twice. */
    private static void assertExactlyOnce(Store writer, List<UUID> ids) {
        InvoiceRepository invoices = new InvoiceRepository(writer);
        ShipmentRepository shipments = new ShipmentRepository(writer);
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i).toString();
            List<EventEnvelope> charges = writer.events().readStream(invoices.streamId(id));
            assertThat(charges).as("charges of order %d", i).hasSize(1);
            assertThat(charges.get(0).event())
                    .isEqualTo(new FulfilmentEvent.Charged(
                            ids.get(i), new BigDecimal("2.00").multiply(BigDecimal.valueOf(1 + i))));
            List<EventEnvelope> shipped = writer.events().readStream(shipments.streamId(id));
            assertThat(shipped).as("shipments of order %d", i).hasSize(1);
            assertThat(shipped.get(0).event()).isEqualTo(new FulfilmentEvent.ShipmentScheduled(ids.get(i)));
        }
    }

    private static Store node(Store writer, String applicationName, ProjectionOptions options) {
        String url = TestDatabase.jdbcUrl();
        url += (url.contains("?") ? "&" : "?") + "ApplicationName=" + applicationName;
        return Store.builder(url)
                .schema(writer.schemaName())
                .maxConnections(6)
                .projectionOptions(options)
                .build();
    }

    /**
     * The process dying: a VirtualMachineError, the one kind of failure the daemon does not treat as the event's own
     * (any other Error or exception from a handler is retried and dead-lettered), so it escapes mid-batch as a crash
     * would end the process there.
     */
    private static final class SimulatedCrash extends VirtualMachineError {
        private static final long serialVersionUID = 1L;

        SimulatedCrash() {
            super("simulated crash");
        }
    }

    /** The generated process manager, dying when it meets its {@code crashAt}th event. */
    private record CrashingAfter(ProcessManagerHandler delegate, int crashAt, AtomicInteger seen)
            implements ProcessManagerHandler {
        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public Set<Class<?>> eventClasses() {
            return delegate.eventClasses();
        }

        @Override
        public List<? extends Dispatch<?>> on(EventEnvelope event) throws Exception {
            if (seen.incrementAndGet() == crashAt) {
                throw new SimulatedCrash();
            }
            return delegate.on(event);
        }
    }
}
