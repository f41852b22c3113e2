package io.rillflow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.rillflow.processor.Sources.assertOnlyError;
import static io.rillflow.processor.Sources.compile;
import static io.rillflow.processor.Sources.source;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** One test per event, upcast and aggregate diagnostic: the error, on the line that caused it, and no other. */
class AggregateDiagnosticsTest {

    /** An aggregate {@code test.Counter} with the given members besides a valid command and event pair. */
    private static JavaFileObject counter(String... members) {
        List<String> lines = new ArrayList<>(List.of(
                "import io.rillflow.events.EventEnvelope;",
                "@Aggregate(\"counter\")",
                "public class Counter {",
                "    public record Add(int n) {}",
                "    public record Added(int n) {}",
                "    public record Removed(int n) {}",
                "    long value;",
                "    @Handle List<Object> add(Add c) { return List.of(new Added(c.n())); }"));
        lines.addAll(List.of(members));
        lines.add("}");
        return source("test.Counter", lines.toArray(String[]::new));
    }

    @Test
    void applyWithoutAnEvent() {
        assertOnlyError(
                counter("    @Apply void bump() { value++; }"),
                Message.APPLY_EVENT_COUNT.format("Counter.bump()", 0, "none"),
                "void bump()");
    }

    @Test
    void applyWithTwoEvents() {
        assertOnlyError(
                counter("    @Apply void on(Added a, Removed r) { value += a.n() - r.n(); }"),
                Message.APPLY_EVENT_COUNT.format("Counter.on(Added a, Removed r)", 2, "Added, Removed"),
                "void on(Added a, Removed r)");
    }

    @Test
    void twoApplyMethodsForTheSameEvent() {
        assertOnlyError(
                counter(
                        "    @Apply void on(Added e) { value += e.n(); }",
                        "    @Apply void again(Added e, EventEnvelope meta) { value += e.n(); }"),
                Message.APPLY_DUPLICATE_EVENT.format(
                        "Counter.again(Added e, EventEnvelope meta)", "Counter.Added", "Counter.on(Added e)"),
                "void again(");
    }

    @Test
    void applyReturningSomethingElseThanTheState() {
        assertOnlyError(
                counter("    @Apply String on(Added e) { return \"\"; }"),
                Message.APPLY_SIGNATURE.format("Counter.on(Added e)", "returns String", "Counter", "Counter"),
                "String on(Added e)");
    }

    @Test
    void applyOfAnOlderEventVersion() {
        JavaFileObject events = source(
                "test.Renamed",
                "import com.fasterxml.jackson.databind.JsonNode;",
                "@Event(version = 2)",
                "public record Renamed(String first) {",
                "    @Event(name = \"Renamed\") public record V1(String name) {}",
                "    @Upcast public static Renamed up(V1 old) { return new Renamed(old.name()); }",
                "}");
        JavaFileObject aggregate = source(
                "test.Person", "@Aggregate", "public class Person {", "    @Apply void on(Renamed.V1 e) {}", "}");

        Compilation compilation = compile(events, aggregate);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining(Message.APPLY_OLD_VERSION.format(
                        "Person.on(V1 e)", "V1", 1, "Renamed", 2, "test.Renamed", "Renamed"))
                .inFile(aggregate)
                .onLineContaining("void on(Renamed.V1 e)");
    }

    @Test
    void applyOfBothAnOldAndTheCurrentVersionSaysOldVersionsAreUpcast() {
        JavaFileObject events = source(
                "test.Renamed",
                "import com.fasterxml.jackson.databind.JsonNode;",
                "@Event(version = 2)",
                "public record Renamed(String first) {",
                "    @Event(name = \"Renamed\") public record V1(String name) {}",
                "    @Upcast public static Renamed up(V1 old) { return new Renamed(old.name()); }",
                "}");
        JavaFileObject aggregate = source(
                "test.Person",
                "@Aggregate",
                "public class Person {",
                "    @Apply void on(Renamed e) {}",
                "    @Apply void old(Renamed.V1 e) {}",
                "}");

        Compilation compilation = compile(events, aggregate);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining(Message.APPLY_OLD_VERSION.format(
                        "Person.old(V1 e)", "V1", 1, "Renamed", 2, "test.Renamed", "Renamed"))
                .inFile(aggregate)
                .onLineContaining("void old(Renamed.V1 e)");
    }

    @Test
    void handleReturningSomethingThatIsNotEvents() {
        assertOnlyError(
                counter("    public record Reset() {}", "    @Handle String reset(Reset c) { return \"no\"; }"),
                Message.HANDLE_NOT_EVENTS.format("Counter.reset(Reset c)", "String"),
                "String reset(");
    }

    @Test
    void handleReturningAListOfStrings() {
        assertOnlyError(
                counter(
                        "    public record Reset() {}",
                        "    @Handle List<String> reset(Reset c) { return List.of(); }"),
                Message.HANDLE_NOT_EVENTS.format("Counter.reset(Reset c)", "List<String>"),
                "List<String> reset(");
    }

    @Test
    void staticHandle() {
        assertOnlyError(
                counter(
                        "    public record Reset() {}",
                        "    @Handle static List<Object> reset(Reset c) { return List.of(); }"),
                Message.HANDLE_STATIC.format("Counter.reset(Reset c)"),
                "reset(Reset c)");
    }

    @Test
    void handleOfAJdkTypeAsItsCommand() {
        assertOnlyError(
                counter("    @Handle List<Object> rename(String name) { return List.of(); }"),
                Message.HANDLE_JDK_COMMAND.format("Counter.rename(String name)", "String"),
                "rename(String name)");
    }

    @Test
    void handleOfACollectionAsItsCommand() {
        assertOnlyError(
                counter("    @Handle List<Object> addAll(List<Add> adds) { return List.of(); }"),
                Message.HANDLE_JDK_COMMAND.format("Counter.addAll(List<Add> adds)", "List<Add>"),
                "addAll(List<Add> adds)");
    }

    @Test
    void voidApplyOnAnImmutableRecord() {
        JavaFileObject file = source(
                "test.Total",
                "@Aggregate(\"total\")",
                "public record Total(long value, String label, Instant since) {",
                "    public static Total initial() { return new Total(0, \"\", Instant.EPOCH); }",
                "    public record Add(int n) {}",
                "    public record Added(int n) {}",
                "    @Handle List<Object> add(Add c) { return List.of(new Added(c.n())); }",
                "    @Apply void on(Added e) {}",
                "}");

        assertOnlyError(
                file,
                Message.APPLY_CANNOT_CHANGE_STATE.format("Total.on(Added e)", "Total", "Total"),
                "void on(Added e)");
    }

    @Test
    void recordsWhoseStateCanChangeInPlaceAndRecordsReturningTheNewStateCompile() {
        JavaFileObject inPlace = source(
                "test.Cart",
                "@Aggregate(\"cart\")",
                "public record Cart(List<String> items) {",
                "    public static Cart initial() { return new Cart(new ArrayList<>()); }",
                "    public record AddItem(String item) {}",
                "    public record ItemAdded(String item) {}",
                "    @Handle List<Object> add(AddItem c) { return List.of(new ItemAdded(c.item())); }",
                "    @Apply void on(ItemAdded e) { items.add(e.item()); }",
                "}");
        JavaFileObject returning = source(
                "test.Total",
                "@Aggregate(\"total\")",
                "public record Total(long value) {",
                "    public static Total initial() { return new Total(0); }",
                "    public record Add(int n) {}",
                "    public record Added(int n) {}",
                "    @Handle List<Object> add(Add c) { return List.of(new Added(c.n())); }",
                "    @Apply Total on(Added e) { return new Total(value + e.n()); }",
                "}");

        assertThat(compile(inPlace, returning)).succeededWithoutWarnings();
    }

    @Test
    void handleWithTwoParameters() {
        assertOnlyError(
                counter(
                        "    public record Reset() {}",
                        "    @Handle List<Object> reset(Reset c, int n) { return List.of(); }"),
                Message.HANDLE_SIGNATURE.format("Counter.reset(Reset c, int n)"),
                "reset(Reset c, int n)");
    }

    @Test
    void expectedVersionOfTheWrongType() {
        assertOnlyError(
                counter(
                        "    public record Rename(String name,",
                        "            @ExpectedVersion String seen) {}",
                        "    @Handle List<Object> rename(Rename c) { return List.of(); }"),
                Message.EXPECTED_VERSION_TYPE.format("seen", "Rename", "String"),
                "@ExpectedVersion String seen");
    }

    @Test
    void twoExpectedVersions() {
        assertOnlyError(
                counter(
                        "    public record Rename(@ExpectedVersion long seen,",
                        "            @ExpectedVersion long again) {}",
                        "    @Handle List<Object> rename(Rename c) { return List.of(); }"),
                Message.EXPECTED_VERSION_TWICE.format("again", "Rename", "seen"),
                "@ExpectedVersion long again");
    }

    @Test
    void aggregateIdOfTheWrongTypeIsPinnedToTheParameter() {
        assertOnlyError(
                counter(
                        "    public record Reset() {}",
                        "    @Handle List<Object> reset(Reset c,",
                        "            @AggregateId UUID counterId) { return List.of(); }"),
                Message.AGGREGATE_ID_TYPE_MISMATCH.format(
                        "counterId",
                        "Counter.reset(Reset c, UUID counterId)",
                        "UUID",
                        "counter",
                        "String",
                        "String",
                        "counterId"),
                "@AggregateId UUID counterId");
    }

    @Test
    void twoAggregateIdParameters() {
        assertOnlyError(
                counter(
                        "    public record Reset() {}",
                        "    @Handle List<Object> reset(Reset c, @AggregateId String id,",
                        "            @AggregateId String again) { return List.of(); }"),
                Message.AGGREGATE_ID_TWICE.format("again", "Counter.reset(Reset c, String id, String again)", "id"),
                "@AggregateId String again");
    }

    @Test
    void anIdParameterWithoutTheAnnotationSuggestsIt() {
        assertOnlyError(
                counter(
                        "    public record Reset() {}",
                        "    @Handle List<Object> reset(Reset c,",
                        "            String counterId) { return List.of(); }"),
                Message.HANDLE_ID_NOT_ANNOTATED.format(
                        "Counter.reset(Reset c, String counterId)", "String", "counterId", "String", "counterId"),
                "String counterId)");
    }

    @Test
    void aggregateIdOnTheCommand() {
        assertOnlyError(
                counter(
                        "    public record Reset() {}",
                        "    @Handle List<Object> reset(",
                        "            @AggregateId Reset c) { return List.of(); }"),
                Message.AGGREGATE_ID_ON_COMMAND.format("c", "Counter.reset(Reset c)", "reset", "Reset", "String"),
                "@AggregateId Reset c");
    }

    @Test
    void aggregateIdOutsideAHandleMethod() {
        assertOnlyError(
                counter("    String describe(@AggregateId String id) { return id + \"=\" + value; }"),
                Message.AGGREGATE_ID_OUTSIDE_HANDLE.format("id", "Counter.describe(String id)"),
                "describe(@AggregateId String id)");
    }

    @Test
    void commandHandledTwiceInOneAggregate() {
        assertOnlyError(
                counter("    @Handle List<Object> addAgain(Add c) { return List.of(); }"),
                Message.COMMAND_HANDLED_TWICE.format(
                        "test.Counter.Add", "Counter.add(Add c)", "Counter.addAgain(Add c)"),
                "addAgain(Add c)");
    }

    @Test
    void commandHandledByTwoAggregates() {
        JavaFileObject command = source("test.Ping", "public record Ping() {}");
        JavaFileObject first = source(
                "test.First",
                "@Aggregate",
                "public class First {",
                "    @Handle List<Object> ping(Ping p) { return List.of(); }",
                "}");
        JavaFileObject second = source(
                "test.Second",
                "@Aggregate",
                "public class Second {",
                "    @Handle List<Object> pong(Ping p) { return List.of(); }",
                "}");

        Compilation compilation = compile(command, first, second);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining(
                        Message.COMMAND_HANDLED_TWICE.format("test.Ping", "First.ping(Ping p)", "Second.pong(Ping p)"))
                .inFile(second)
                .onLineContaining("pong(Ping p)");
    }

    @Test
    void aggregateUsingATypeThatDoesNotExist() {
        JavaFileObject file =
                source("test.Cart", "@Aggregate", "public class Cart {", "    @Apply void on(Missing e) {}", "}");

        Compilation compilation = compile(file);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContaining(Message.UNRESOLVED_TYPE.format("Aggregate", "test.Cart", "a type used by Cart.on"))
                .inFile(file)
                .onLineContaining("public class Cart");
        assertThat(compilation).hadErrorContaining("cannot find symbol");
    }

    @Test
    void aggregateWithoutAnInitialState() {
        JavaFileObject file = source(
                "test.Account",
                "@Aggregate",
                "public record Account(long balance) {",
                "    public record Opened(long balance) {}",
                "    @Apply static Account on(Account a, Opened e) { return new Account(e.balance()); }",
                "}");

        assertOnlyError(
                file, Message.AGGREGATE_NO_INITIAL_STATE.format("test.Account", "Account"), "public record Account");
    }

    @Test
    void aggregateThatIsAnInterface() {
        JavaFileObject file = source("test.Shape", "@Aggregate", "public interface Shape {}");

        assertOnlyError(file, Message.AGGREGATE_KIND.format("test.Shape", "an interface"), "public interface Shape");
    }

    @Test
    void aggregateWithAnInvalidName() {
        JavaFileObject file = source("test.Cart", "@Aggregate(\"Shopping Cart\")", "public class Cart {}");

        assertOnlyError(
                file,
                Message.AGGREGATE_INVALID_NAME.format("test.Cart", "Shopping Cart", "shopping_cart"),
                "@Aggregate(\"Shopping Cart\")");
    }

    @Test
    void aggregateWithALongId() {
        JavaFileObject file = source("test.Cart", "@Aggregate(id = Long.class)", "public class Cart {}");

        assertOnlyError(
                file, Message.AGGREGATE_ID_TYPE.format("test.Cart", "java.lang.Long"), "@Aggregate(id = Long.class)");
    }

    @Test
    void eventAppliedButNotPublic() {
        JavaFileObject file = source(
                "test.Cart",
                "@Aggregate",
                "public class Cart {",
                "    record Hidden(int n) {}",
                "    @Apply void on(Hidden e) {}",
                "}");

        assertOnlyError(file, Message.EVENT_NOT_PUBLIC.format("test.Cart.Hidden"), "void on(Hidden e)");
    }

    @Test
    void eventAppliedAsAnInterface() {
        JavaFileObject file = source(
                "test.Cart",
                "@Aggregate",
                "public class Cart {",
                "    public interface CartEvent {}",
                "    @Apply void on(CartEvent e) {}",
                "}");

        assertOnlyError(
                file, Message.EVENT_NOT_CONCRETE.format("test.Cart.CartEvent", "an interface"), "void on(CartEvent e)");
    }

    @Test
    void abstractEventClass() {
        JavaFileObject file = source("test.Placed", "@Event", "public abstract class Placed {}");

        assertOnlyError(file, Message.EVENT_NOT_CONCRETE.format("test.Placed", "abstract"), "abstract class Placed");
    }

    @Test
    void twoEventsWithTheSameNameAndVersion() {
        JavaFileObject a = source("test.Placed", "@Event(name = \"OrderPlaced\")", "public record Placed(int n) {}");
        JavaFileObject b = source("test.Placed2", "@Event(name = \"OrderPlaced\")", "public record Placed2(int n) {}");

        Compilation compilation = compile(a, b);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining(Message.EVENT_DUPLICATE.format("test.Placed2", "OrderPlaced", 1, "test.Placed"))
                .inFile(b)
                .onLineContaining("@Event(name = \"OrderPlaced\")");
    }

    @Test
    void eventWithVersionZero() {
        JavaFileObject file = source("test.Placed", "@Event(version = 0)", "public record Placed(int n) {}");

        assertOnlyError(file, Message.EVENT_INVALID_VERSION.format("test.Placed", 0), "@Event(version = 0)");
    }

    @Test
    void eventWithABlankName() {
        JavaFileObject file = source("test.Placed", "@Event(name = \" \")", "public record Placed(int n) {}");

        assertOnlyError(file, Message.EVENT_INVALID_NAME.format("test.Placed", " ", "Placed"), "@Event(name = \" \")");
    }

    @Test
    void eventThatIsNotPublic() {
        JavaFileObject file = source("test.Placed", "@Event", "record Placed(int n) {}");

        assertOnlyError(file, Message.EVENT_NOT_PUBLIC.format("test.Placed"), "record Placed");
    }

    @Test
    void upcastWhoseTargetVersionDoesNotExist() {
        JavaFileObject file = source(
                "test.RenamedV1",
                "import com.fasterxml.jackson.databind.node.ObjectNode;",
                "@Event(name = \"Renamed\")",
                "public record RenamedV1(String name) {",
                "    @Upcast public static ObjectNode up(RenamedV1 old) { return null; }",
                "}");

        assertOnlyError(
                file,
                Message.UPCAST_TARGET_MISSING.format(
                        "RenamedV1.up(RenamedV1 old)", "Renamed", 1, 2, "Renamed", 2, "Renamed", 2),
                "ObjectNode up(RenamedV1 old)");
    }

    @Test
    void missingStepInAnUpcastChain() {
        JavaFileObject v1 =
                source("test.RenamedV1", "@Event(name = \"Renamed\")", "public record RenamedV1(String a) {}");
        JavaFileObject v3 = source(
                "test.Renamed",
                "import com.fasterxml.jackson.databind.JsonNode;",
                "@Event(name = \"Renamed\", version = 3)",
                "public record Renamed(String a, String b) {",
                "    @Upcast(event = \"Renamed\", from = 2)",
                "    public static JsonNode up(JsonNode old) { return old; }",
                "}");

        Compilation compilation = compile(v1, v3);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining(
                        Message.UPCAST_CHAIN_MISSING_STEP.format("test.Renamed", "Renamed", 3, 1, 2, 1, 1, 2))
                .inFile(v3)
                .onLineContaining("version = 3");
    }

    @Test
    void upcastSkippingAVersion() {
        JavaFileObject file = source(
                "test.Renamed",
                "@Event(name = \"Renamed\", version = 3)",
                "public record Renamed(String a) {",
                "    @Event(name = \"Renamed\")",
                "    public record V1(String a) {}",
                "    @Upcast public static Renamed up(V1 old) { return new Renamed(old.a()); }",
                "}");

        Compilation compilation = compile(file);

        assertThat(compilation)
                .hadErrorContaining(Message.UPCAST_MISMATCH.format("Renamed.up(V1 old)", "Renamed", 1, "Renamed", 3))
                .inFile(file)
                .onLineContaining("Renamed up(V1 old)");
    }

    @Test
    void jsonToJsonUpcastWithoutItsEvent() {
        JavaFileObject file = source(
                "test.Upcasts",
                "import com.fasterxml.jackson.databind.node.ObjectNode;",
                "public class Upcasts {",
                "    @Upcast public static ObjectNode up(ObjectNode old) { return old; }",
                "}");

        assertOnlyError(
                file, Message.UPCAST_NEEDS_EVENT.format("Upcasts.up(ObjectNode old)"), "ObjectNode up(ObjectNode old)");
    }

    @Test
    void upcastThatIsNotStatic() {
        JavaFileObject file = source(
                "test.Upcasts",
                "import com.fasterxml.jackson.databind.node.ObjectNode;",
                "public class Upcasts {",
                "    @Upcast public ObjectNode up(ObjectNode old) { return old; }",
                "}");

        assertOnlyError(
                file,
                Message.UPCAST_SIGNATURE.format("Upcasts.up(ObjectNode old)", "it is not static"),
                "ObjectNode up(ObjectNode old)");
    }

    @Test
    void twoUpcastsForOneStep() {
        JavaFileObject file = source(
                "test.Renamed",
                "import com.fasterxml.jackson.databind.JsonNode;",
                "@Event(version = 2)",
                "public record Renamed(String a) {",
                "    @Upcast public static Renamed up(JsonNode old) { return new Renamed(\"x\"); }",
                "    @Upcast public static Renamed upAgain(JsonNode old) { return new Renamed(\"y\"); }",
                "}");

        assertOnlyError(
                file,
                Message.UPCAST_DUPLICATE.format(
                        "Renamed.upAgain(JsonNode old)", "Renamed", 1, 2, "Renamed.up(JsonNode old)"),
                "upAgain(JsonNode old)");
    }
}
