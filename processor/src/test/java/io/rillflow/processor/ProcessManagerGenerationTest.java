package io.rillflow.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.rillflow.processor.Sources.compile;
import static io.rillflow.processor.Sources.source;

import com.google.testing.compile.Compilation;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.internal.EventStoreEngine;
import io.rillflow.events.internal.EventTypes;
import io.rillflow.internal.Database;
import io.rillflow.internal.JsonCodec;
import io.rillflow.processes.Dispatch;
import io.rillflow.processes.ProcessManagerDefinition;
import io.rillflow.processes.ProcessManagerHandler;
import io.rillflow.spi.RillflowRegistry;
import java.util.List;
import java.util.UUID;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The generated process manager dispatch compiles cleanly, declares its events and commands, returns what the
 * {@code @On} method for each event's class returns, and is listed in the registry.
 */
class ProcessManagerGenerationTest {
    private static final JavaFileObject SHOP = source(
            "test.Shop",
            "public final class Shop {",
            "    private Shop() {}",
            "    public sealed interface StockCommand {}",
            "    public record Reserve(int quantity) implements StockCommand {}",
            "    public record Release(int quantity) implements StockCommand {}",
            "    public record Ship() {}",
            "    public record Reserved(int quantity) {}",
            "    @Aggregate(\"stock\")",
            "    public static class Stock {",
            "        @Handle List<Object> reserve(Reserve c) { return List.of(new Reserved(c.quantity())); }",
            "        @Handle List<Object> release(Release c) { return List.of(); }",
            "        @Apply void on(Reserved e) {}",
            "    }",
            "    @Aggregate(\"shipping\")",
            "    public static class Shipping {",
            "        @Handle List<Object> ship(Ship c) { return List.of(); }",
            "    }",
            "}");

    private static final JavaFileObject SAGA = source(
            "test.Saga",
            "import io.rillflow.events.EventEnvelope;",
            "import io.rillflow.processes.Dispatch;",
            "@ProcessManager(name = \"saga\")",
            "public class Saga {",
            "    public record Placed(String id, int quantity) {}",
            "    public record Cancelled(String id) {}",
            "    public record Paid(String id) {}",
            "    @On List<Dispatch<Shop.StockCommand>> placed(Placed e) {",
            "        return List.of(Dispatch.to(e.id(), new Shop.Reserve(e.quantity())));",
            "    }",
            "    @On Dispatch<Shop.Release> cancelled(Cancelled e, EventEnvelope meta) {",
            "        return Dispatch.to(e.id(), new Shop.Release(1));",
            "    }",
            "    @On List<Dispatch<?>> paid(Paid e) { return List.of(Dispatch.to(e.id(), new Shop.Ship())); }",
            "}");

    @Test
    void generatedDispatchCompilesWithoutWarningsAndDeclaresEventsAndCommands() throws Exception {
        Compilation compilation = compile(SHOP, SAGA);
        assertThat(compilation).succeededWithoutWarnings();
        CompiledClasses classes = new CompiledClasses(compilation);

        ProcessManagerHandler handler = (ProcessManagerHandler)
                classes.loadClass("test.Saga_ProcessManager").getConstructor().newInstance();
        assertThat(handler.name()).isEqualTo("saga");
        assertThat(handler.eventClasses())
                .containsExactly(
                        classes.loadClass("test.Saga$Placed"),
                        classes.loadClass("test.Saga$Cancelled"),
                        classes.loadClass("test.Saga$Paid"));
        // A wildcard command type (paid) is not declared: the bus checks it when the command is sent.
        assertThat(handler.commandTypes())
                .containsExactly(classes.loadClass("test.Shop$StockCommand"), classes.loadClass("test.Shop$Release"));
    }

    @Test
    void onCallsTheMethodForTheEventClassAndReturnsItsDispatches() throws Exception {
        CompiledClasses classes = new CompiledClasses(compile(SHOP, SAGA));
        EventStoreEngine events = offlineEvents(
                classes, "test.Saga$Placed", "test.Saga$Cancelled", "test.Saga$Paid", "test.Shop$Reserved");
        ProcessManagerHandler handler = (ProcessManagerHandler)
                classes.loadClass("test.Saga_ProcessManager").getConstructor().newInstance();

        Object placed = newInstance(classes, "test.Saga$Placed", "order-1", 3);
        assertThat(handler.on(envelope(events, placed)))
                .containsExactly(Dispatch.to("order-1", newInstance(classes, "test.Shop$Reserve", 3)));
        Object cancelled = newInstance(classes, "test.Saga$Cancelled", "order-2");
        assertThat(handler.on(envelope(events, cancelled)))
                .containsExactly(Dispatch.to("order-2", newInstance(classes, "test.Shop$Release", 1)));
        Object paid = newInstance(classes, "test.Saga$Paid", "order-3");
        assertThat(handler.on(envelope(events, paid)))
                .containsExactly(Dispatch.to("order-3", newInstance(classes, "test.Shop$Ship")));
        // An event of a class it does not react to (the runner never passes one) produces nothing.
        Object other = newInstance(classes, "test.Shop$Reserved", 1);
        assertThat(handler.on(envelope(events, other))).isEmpty();
    }

    @Test
    void theRegistryListsTheProcessManagerWithAFactory() throws Exception {
        CompiledClasses classes = new CompiledClasses(compile(SHOP, SAGA));
        RillflowRegistry registry = registry(classes);

        List<ProcessManagerDefinition> managers = registry.processManagers();
        assertThat(managers).hasSize(1);
        ProcessManagerDefinition definition = managers.get(0);
        assertThat(definition.name()).isEqualTo("saga");
        assertThat(definition.type()).isEqualTo(classes.loadClass("test.Saga"));
        assertThat(definition.handlerType()).isEqualTo(classes.loadClass("test.Saga_ProcessManager"));
        assertThat(definition.factory().get().name()).isEqualTo("saga");
        assertThat(registry.aggregates()).hasSize(2);
    }

    @Test
    void anOnMethodInAProcessManagerIsNotReportedAsOutsideAProjection() {
        assertThat(compile(SHOP, SAGA)).hadErrorCount(0);
    }

    private static RillflowRegistry registry(CompiledClasses classes) throws Exception {
        for (String candidate : classes.classNames()) {
            if (candidate.contains("Rillflow_Registry")) {
                return (RillflowRegistry)
                        classes.loadClass(candidate).getConstructor().newInstance();
            }
        }
        throw new AssertionError("no registry generated");
    }

    /** An event store that is never connected, knowing the given event classes by their simple names. */
    private static EventStoreEngine offlineEvents(CompiledClasses classes, String... eventClasses) throws Exception {
        EventTypes.Builder types = EventTypes.builder();
        for (String name : eventClasses) {
            Class<?> type = classes.loadClass(name);
            types.register(type.getSimpleName(), 1, type);
        }
        return new EventStoreEngine(
                new Database(null), "public", new JsonCodec(JsonCodec.defaultMapper()), types.build());
    }

    private static EventEnvelope envelope(EventStoreEngine events, Object event) {
        return events.pending(UUID.randomUUID(), 1, event, AppendOptions.none());
    }

    private static Object newInstance(CompiledClasses classes, String name, Object... args) throws Exception {
        return classes.loadClass(name).getConstructors()[0].newInstance(args);
    }
}
