package io.rillflow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.rillflow.processor.Sources.compile;
import static io.rillflow.processor.Sources.source;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** One test per process manager diagnostic: the error, on the line that caused it, and no other. */
class ProcessManagerDiagnosticsTest {
    /** An aggregate handling {@code Reserve}, so the process managers below have somewhere to send commands. */
    private static final JavaFileObject STOCK = source(
            "test.Stock",
            "@Aggregate(\"stock\")",
            "public class Stock {",
            "    public record Reserve(int quantity) {}",
            "    public record Reserved(int quantity) {}",
            "    @Handle List<Object> reserve(Reserve c) { return List.of(new Reserved(c.quantity())); }",
            "    @Apply void on(Reserved e) {}",
            "}");

    @Test
    void onWithoutAnEventParameter() {
        JavaFileObject file = saga("@On Dispatch<Stock.Reserve> on(EventEnvelope envelope) { return null; }");

        assertOnlyError(
                file,
                Message.ON_NO_EVENT.format("Saga.on(EventEnvelope envelope)", "EventEnvelope"),
                "on(EventEnvelope");
    }

    @Test
    void onWithNoParameterAtAll() {
        JavaFileObject file = saga("@On Dispatch<Stock.Reserve> on() { return null; }");

        assertOnlyError(file, Message.ON_NO_EVENT.format("Saga.on()", "EventEnvelope"), "on()");
    }

    @Test
    void onReturningSomethingThatIsNotCommands() {
        JavaFileObject file = saga("@On List<Object> on(Placed e) { return List.of(); }");

        assertOnlyError(
                file,
                Message.PROCESS_MANAGER_ON_RETURN.format("Saga.on(Placed e)", "List<Object>"),
                "List<Object> on(");
    }

    @Test
    void onReturningVoid() {
        JavaFileObject file = saga("@On void on(Placed e) {}");

        assertOnlyError(file, Message.PROCESS_MANAGER_ON_RETURN.format("Saga.on(Placed e)", "void"), "void on(");
    }

    @Test
    void twoOnMethodsForOneEventType() {
        JavaFileObject file = saga(
                "@On Dispatch<Stock.Reserve> first(Placed e) { return null; }",
                "@On List<Dispatch<Stock.Reserve>> second(Placed e, EventEnvelope envelope) { return null; }");

        assertOnlyError(
                file,
                Message.ON_DUPLICATE_EVENT.format(
                        "Saga.second(Placed e, EventEnvelope envelope)", "test.Saga.Placed", "Saga.first(Placed e)"),
                "second(");
    }

    @Test
    void onTakingAnInterfaceInsteadOfAConcreteEvent() {
        JavaFileObject file = saga(
                "interface OrderEvent {}", "@On Dispatch<Stock.Reserve> on(", "        OrderEvent e) { return null; }");

        assertOnlyError(
                file,
                Message.ON_ABSTRACT_EVENT.format("Saga.on(OrderEvent e)", "test.Saga.OrderEvent", "an interface"),
                "OrderEvent e)");
    }

    @Test
    void onParameterTheRunnerCannotSupply() {
        JavaFileObject file = saga("@On Dispatch<Stock.Reserve> on(Placed e,", "        String note) { return null; }");

        assertOnlyError(
                file,
                Message.ON_UNSUPPORTED_PARAMETER.format(
                        "Saga.on(Placed e, String note)",
                        "note",
                        "java.lang.String",
                        "process manager",
                        "EventEnvelope"),
                "String note");
    }

    @Test
    void staticOnMethod() {
        JavaFileObject file = saga("@On static Dispatch<Stock.Reserve> on(Placed e) { return null; }");

        assertOnlyError(
                file,
                Message.HANDLER_METHOD_NOT_CALLABLE.format("On", "Saga.on(Placed e)", "static", "process manager"),
                "static Dispatch");
    }

    @Test
    void sealedCommandWithOnePermittedSubtypeNoAggregateHandlesNamesThatSubtype() {
        JavaFileObject file = saga(
                "public sealed interface Payment permits Payment.Charge, Payment.Refund {",
                "    record Charge(int amount) implements Payment {}",
                "    record Refund(int amount) implements Payment {}",
                "}",
                "@On Dispatch<Payment> on(Placed e) { return Dispatch.to(e.id(), new Payment.Charge(1)); }");
        JavaFileObject ledger = source(
                "test.Ledger",
                "@Aggregate(\"ledger\")",
                "public class Ledger {",
                "    public record Charged(int amount) {}",
                "    @Handle List<Object> charge(Saga.Payment.Charge c) { return List.of(new Charged(c.amount())); }",
                "    @Apply void on(Charged e) {}",
                "}");

        Sources.assertOnlyError(
                file,
                Message.PROCESS_MANAGER_PERMITTED_COMMAND_UNHANDLED.format(
                        "Saga.on(Placed e)", "test.Saga.Payment", "test.Saga.Payment.Refund", "Refund"),
                "Dispatch<Payment> on(",
                STOCK,
                ledger);
    }

    @Test
    void commandNoAggregateOfTheCompilationHandles() {
        JavaFileObject file = saga(
                "public record Refund(int amount) {}",
                "@On Dispatch<Refund> on(Placed e) { return Dispatch.to(e.id(), new Refund(1)); }");

        assertOnlyError(
                file,
                Message.PROCESS_MANAGER_COMMAND_UNHANDLED.format("Saga.on(Placed e)", "test.Saga.Refund", "Refund"),
                "Dispatch<Refund> on(");
    }

    @Test
    void twoProcessManagersWithTheSameName() {
        JavaFileObject first = source(
                "test.First",
                "import io.rillflow.processes.Dispatch;",
                "@ProcessManager(name = \"saga\")",
                "public class First {",
                "    public record Placed(String id) {}",
                "    @On Dispatch<Stock.Reserve> on(Placed e) { return null; }",
                "}");
        JavaFileObject second = source(
                "test.Second",
                "import io.rillflow.processes.Dispatch;",
                "@ProcessManager(",
                "        name = \"saga\")",
                "public class Second {",
                "    public record Placed(String id) {}",
                "    @On Dispatch<Stock.Reserve> on(Placed e) { return null; }",
                "}");

        Compilation compilation = compile(STOCK, first, second);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining(Message.HANDLER_CLASS_DUPLICATE_NAME.format(
                        "ProcessManager",
                        "test.Second",
                        "saga",
                        "ProcessManager",
                        "test.First",
                        "the checkpoint, lease, dead letters and command idempotency keys",
                        "two process managers"))
                .inFile(second)
                .onLineContaining("name = \"saga\"");
    }

    @Test
    void invalidName() {
        JavaFileObject file = source(
                "test.OrderSaga",
                "import io.rillflow.processes.Dispatch;",
                "@ProcessManager(name = \"Order Saga\")",
                "public class OrderSaga {",
                "    public record Placed(String id) {}",
                "    @On Dispatch<Stock.Reserve> on(Placed e) { return null; }",
                "}");

        assertOnlyError(
                file,
                Message.HANDLER_CLASS_INVALID_NAME.format(
                        "ProcessManager", "test.OrderSaga", "Order Saga", "process manager", "order_saga"),
                "@ProcessManager(name");
    }

    @Test
    void abstractProcessManager() {
        JavaFileObject file = source(
                "test.Saga",
                "import io.rillflow.processes.Dispatch;",
                "@ProcessManager(name = \"saga\")",
                "public abstract class Saga {",
                "    public record Placed(String id) {}",
                "    @On Dispatch<Stock.Reserve> on(Placed e) { return null; }",
                "}");

        assertOnlyError(
                file,
                Message.HANDLER_CLASS_INVALID_TYPE.format(
                        "ProcessManager", "test.Saga", "abstract", "Saga_ProcessManager"),
                "abstract class Saga");
    }

    @Test
    void processManagerWithoutOnMethods() {
        JavaFileObject file = source(
                "test.Saga",
                "@ProcessManager(name = \"saga\")",
                "public class Saga {",
                "    void on(Object e) {}",
                "}");

        assertOnlyError(
                file,
                Message.HANDLER_CLASS_NO_HANDLERS.format(
                        "ProcessManager", "test.Saga", " and returns the commands to send"),
                "public class Saga");
    }

    @Test
    void rebuildMethodInAProcessManager() {
        JavaFileObject file =
                saga("@On Dispatch<Stock.Reserve> on(Placed e) { return null; }", "@Rebuild void reset() {}");

        assertOnlyError(
                file,
                "@Rebuild on method Saga.reset is never read: test.Saga is a @ProcessManager, and process managers are"
                        + " never rebuilt",
                "reset()");
    }

    /** A process manager {@code test.Saga} with an event record {@code Placed} and the given members. */
    private static JavaFileObject saga(String... members) {
        List<String> lines = new ArrayList<>(List.of(
                "import io.rillflow.events.EventEnvelope;",
                "import io.rillflow.processes.Dispatch;",
                "@ProcessManager(name = \"saga\")",
                "public class Saga {",
                "    public record Placed(String id) {}"));
        for (String member : members) {
            lines.add("    " + member);
        }
        lines.add("}");
        return source("test.Saga", lines.toArray(String[]::new));
    }

    private static void assertOnlyError(JavaFileObject file, String message, String line) {
        Sources.assertOnlyError(file, message, line, STOCK);
    }
}
