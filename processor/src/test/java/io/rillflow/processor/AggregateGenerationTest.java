package io.rillflow.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.rillflow.processor.Sources.compile;
import static io.rillflow.processor.Sources.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.testing.compile.Compilation;
import io.rillflow.aggregates.AggregateDefinition;
import io.rillflow.aggregates.CommandContext;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.EventTypeDefinition;
import io.rillflow.events.EventUpcaster;
import io.rillflow.events.internal.EventStoreEngine;
import io.rillflow.events.internal.EventTypes;
import io.rillflow.internal.Database;
import io.rillflow.internal.JsonCodec;
import io.rillflow.spi.RillflowRegistry;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * What the generated aggregate repositories and registry entries do, compiled and loaded: dispatch of commands and
 * events for mutable and immutable aggregates, event names, upcast steps. (The examples module runs them on
 * PostgreSQL.)
 */
class AggregateGenerationTest {
    private static final ObjectMapper MAPPER = JsonCodec.defaultMapper();
    private static final CommandContext ADA = CommandContext.empty().withActor("ada");

    /** A mutable aggregate, with nested commands and events, one applied with its envelope. */
    private static JavaFileObject counter() {
        return source(
                "test.Counter",
                "import io.rillflow.aggregates.CommandContext;",
                "import io.rillflow.events.EventEnvelope;",
                "@Aggregate(\"counter\")",
                "public class Counter {",
                "    public record Increment(int by) {}",
                "    public record Reset() {}",
                "    public record Incremented(int by) {}",
                "    @Event(name = \"CounterReset\") public record WasReset(long from) {}",
                "    public long value;",
                "    public long lastSeq;",
                "    @Handle List<Object> increment(Increment c, CommandContext ctx) {",
                "        if (!\"ada\".equals(ctx.actor())) throw new SecurityException(ctx.actor() + \" may not count\");",
                "        return List.of(new Incremented(c.by()));",
                "    }",
                "    @Handle List<WasReset> reset(Reset c) {",
                "        return value == 0 ? List.of() : List.of(new WasReset(value));",
                "    }",
                "    @Apply void on(Incremented e, EventEnvelope meta) { value += e.by(); lastSeq = meta.streamSeq(); }",
                "    @Apply void on(WasReset e) { value = 0; }",
                "}");
    }

    /** An immutable record aggregate with UUID ids, an initial() factory, both immutable @Apply styles. */
    private static JavaFileObject account() {
        return source(
                "test.Account",
                "@Aggregate(id = UUID.class, snapshotVersion = 3)",
                "public record Account(boolean open, long balance) {",
                "    public record Open() {}",
                "    public record Deposit(long amount) {}",
                "    public record Opened() {}",
                "    public record Deposited(long amount) {}",
                "    static Account initial() { return new Account(false, 0); }",
                "    @Handle List<Object> open(Open c) { return List.of(new Opened()); }",
                "    @Handle List<Object> deposit(Deposit c) {",
                "        if (!open) throw new IllegalStateException(\"closed\");",
                "        return List.of(new Deposited(c.amount()));",
                "    }",
                "    @Apply Account on(Opened e) { return new Account(true, balance); }",
                "    @Apply static Account on(Account s, Deposited e) { return new Account(s.open(), s.balance() +"
                        + " e.amount()); }",
                "}");
    }

    @Test
    void aggregatesCompileWithoutWarningsAndTheRegistryDeclaresEventsAndDefinitions() throws Exception {
        Compilation compilation = compile(counter(), account());

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("test.CounterRepository");
        assertThat(compilation).generatedSourceFile("test.AccountRepository");
        RillflowRegistry registry = registry(compilation);
        assertThat(registry.eventTypes().stream()
                        .map(e -> e.name() + " v" + e.version())
                        .collect(Collectors.toList()))
                .containsExactly(
                        "Account.Deposited v1", "Account.Opened v1", "Counter.Incremented v1", "CounterReset v1");
        assertThat(registry.aggregates().stream().map(AggregateDefinition::name).collect(Collectors.toList()))
                .containsExactly("account", "counter");
        AggregateDefinition<?, ?> account = registry.aggregates().get(0);
        assertThat(account.idType()).isEqualTo(UUID.class);
        assertThat(account.snapshotVersion()).isEqualTo(3);
        assertThat(account.commandTypes().stream().map(Class::getName).collect(Collectors.toList()))
                .containsExactly("test.Account$Open", "test.Account$Deposit");
        assertThat(registry.aggregates().get(1).idType()).isEqualTo(String.class);
    }

    @Test
    void mutableDispatchHandlesCommandsAndFoldsEventsWithTheirEnvelope() throws Exception {
        CompiledClasses classes = new CompiledClasses(compile(counter()));
        RillflowRegistry registry = registry(classes);
        @SuppressWarnings("unchecked")
        AggregateDefinition<Object, String> counter =
                (AggregateDefinition<Object, String>) registry.aggregates().get(0);
        EventStoreEngine events = offlineEvents(registry);
        UUID stream = counter.streamId("c-1");

        Object state = counter.initial().get();
        assertThat(counter.decide()
                        .handle(state, "c-1", newInstance(classes, "test.Counter$Reset"), CommandContext.empty()))
                .isEmpty();
        List<?> decided = counter.decide().handle(state, "c-1", newInstance(classes, "test.Counter$Increment", 5), ADA);
        assertThat(decided).hasSize(1);
        state = counter.evolve().apply(state, events.pending(stream, 7, decided.get(0), AppendOptions.none()));
        assertThat(CompiledClasses.field(state, "value")).isEqualTo(5L);
        assertThat(CompiledClasses.field(state, "lastSeq")).isEqualTo(7L);

        List<?> reset = counter.decide()
                .handle(state, "c-1", newInstance(classes, "test.Counter$Reset"), CommandContext.empty());
        assertThat(events.pending(stream, 8, reset.get(0), AppendOptions.none()).type())
                .isEqualTo("CounterReset");
        state = counter.evolve().apply(state, events.pending(stream, 8, reset.get(0), AppendOptions.none()));
        assertThat(CompiledClasses.field(state, "value")).isEqualTo(0L);
        Object foreign = new io.rillflow.events.Event("Elsewhere", 1, Map.of());
        assertThat(counter.evolve().apply(state, events.pending(stream, 9, foreign, AppendOptions.none())))
                .isSameInstanceAs(state);
        try {
            counter.decide()
                    .handle(state, "c-1", newInstance(classes, "test.Counter$Increment", 1), CommandContext.empty());
            throw new AssertionError("an anonymous sender counted");
        } catch (SecurityException expected) {
            assertThat(expected).hasMessageThat().isEqualTo("null may not count");
        }
        try {
            counter.decide().handle(state, "c-1", "unknown", CommandContext.empty());
            throw new AssertionError("decide accepted a String");
        } catch (IllegalArgumentException expected) {
            assertThat(expected).hasMessageThat().contains("counter handles no command of type java.lang.String");
        }
    }

    @Test
    void immutableDispatchReturnsNewStatesAndLetsHandlersReject() throws Exception {
        CompiledClasses classes = new CompiledClasses(compile(account()));
        RillflowRegistry registry = registry(classes);
        @SuppressWarnings("unchecked")
        AggregateDefinition<Object, UUID> account =
                (AggregateDefinition<Object, UUID>) registry.aggregates().get(0);
        EventStoreEngine events = offlineEvents(registry);
        UUID id = UUID.randomUUID();
        assertThat(account.streamId(id)).isEqualTo(id);

        Object initial = account.initial().get();
        Object deposit = newInstance(classes, "test.Account$Deposit", 10L);
        try {
            account.decide().handle(initial, id, deposit, CommandContext.empty());
            throw new AssertionError("a closed account took a deposit");
        } catch (IllegalStateException expected) {
            assertThat(expected).hasMessageThat().isEqualTo("closed");
        }
        Object state = initial;
        for (Object command : List.of(newInstance(classes, "test.Account$Open"), deposit, deposit)) {
            for (Object event : account.decide().handle(state, id, command, CommandContext.empty())) {
                state = account.evolve().apply(state, events.pending(id, 1, event, AppendOptions.none()));
            }
        }
        assertThat(state.toString()).isEqualTo("Account[open=true, balance=20]");
        assertThat(initial.toString()).isEqualTo("Account[open=false, balance=0]");
    }

    @Test
    void handlersReceiveTheAggregateIdBeforeOrAfterTheContext() throws Exception {
        JavaFileObject ticket = source(
                "test.Ticket",
                "import io.rillflow.aggregates.CommandContext;",
                "@Aggregate(id = UUID.class)",
                "public class Ticket {",
                "    public record Open() {}",
                "    public record Close() {}",
                "    public record Opened(UUID ticket, String by) {}",
                "    public record Closed(UUID ticket) {}",
                "    @Handle List<Object> open(Open c, @AggregateId UUID id, CommandContext ctx) {",
                "        return List.of(new Opened(id, ctx.actor()));",
                "    }",
                "    @Handle List<Object> close(Close c, CommandContext ctx, @AggregateId UUID ticket) {",
                "        return List.of(new Closed(ticket));",
                "    }",
                "}");
        Compilation compilation = compile(ticket);
        assertThat(compilation).succeededWithoutWarnings();
        CompiledClasses classes = new CompiledClasses(compilation);
        @SuppressWarnings("unchecked")
        AggregateDefinition<Object, UUID> tickets = (AggregateDefinition<Object, UUID>)
                registry(classes).aggregates().get(0);
        UUID id = UUID.randomUUID();
        Object state = tickets.initial().get();

        assertThat(tickets.decide()
                        .handle(state, id, newInstance(classes, "test.Ticket$Open"), ADA)
                        .toString())
                .isEqualTo("[Opened[ticket=" + id + ", by=ada]]");
        assertThat(tickets.decide()
                        .handle(state, id, newInstance(classes, "test.Ticket$Close"), CommandContext.empty())
                        .toString())
                .isEqualTo("[Closed[ticket=" + id + "]]");
    }

    @Test
    void commandsStateTheirExpectedVersionThroughTheDefinition() throws Exception {
        JavaFileObject doc = source(
                "test.Doc",
                "@Aggregate",
                "public class Doc {",
                "    public record Edit(String text, @ExpectedVersion long seen) {}",
                "    public record Review(@ExpectedVersion Integer seen) {}",
                "    public record Touch() {}",
                "    public record Edited(String text) {}",
                "    @Handle List<Object> edit(Edit c) { return List.of(new Edited(c.text())); }",
                "    @Handle List<Object> review(Review c) { return List.of(); }",
                "    @Handle List<Object> touch(Touch c) { return List.of(); }",
                "}");
        Compilation compilation = compile(doc);
        assertThat(compilation).succeededWithoutWarnings();
        CompiledClasses classes = new CompiledClasses(compilation);
        AggregateDefinition<?, ?> docs = registry(classes).aggregates().get(0);

        assertThat(docs.targetVersion().of(newInstance(classes, "test.Doc$Edit", "x", 7L)))
                .isEqualTo(7L);
        assertThat(docs.targetVersion().of(newInstance(classes, "test.Doc$Review", 3)))
                .isEqualTo(3L);
        assertThat(docs.targetVersion().of(newInstance(classes, "test.Doc$Review", (Integer) null)))
                .isNull();
        assertThat(docs.targetVersion().of(newInstance(classes, "test.Doc$Touch")))
                .isNull();
        assertThat(registry(compile(counter()))
                        .aggregates()
                        .get(0)
                        .targetVersion()
                        .of("anything"))
                .isNull();
    }

    @Test
    void upcastStepsOfEverySideShapeConvertStoredJson() throws Exception {
        JavaFileObject v1 = source(
                "test.RenamedV1",
                "@Event(name = \"Renamed\")",
                "public record RenamedV1(String name) {",
                "    @Upcast public static RenamedV2 up(RenamedV1 old) {",
                "        String[] parts = old.name().split(\" \");",
                "        return new RenamedV2(parts[0], parts[1]);",
                "    }",
                "}");
        JavaFileObject v2 = source(
                "test.RenamedV2",
                "import com.fasterxml.jackson.databind.node.ObjectNode;",
                "@Event(name = \"Renamed\", version = 2)",
                "public record RenamedV2(String first, String last) {",
                "    @Upcast public static ObjectNode up(RenamedV2 old) {",
                "        return new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()",
                "                .put(\"first\", old.first()).put(\"last\", old.last()).put(\"source\", \"v2\");",
                "    }",
                "}");
        JavaFileObject v4 = source(
                "test.Renamed",
                "import com.fasterxml.jackson.databind.JsonNode;",
                "import com.fasterxml.jackson.databind.node.ObjectNode;",
                "@Event(name = \"Renamed\", version = 4)",
                "public record Renamed(String first, String last, String source, boolean checked) {",
                "    @Upcast(event = \"Renamed\", from = 3)",
                "    public static ObjectNode up(ObjectNode old) { return old.put(\"checked\", true); }",
                "}");
        Compilation compilation = compile(v1, v2, v4);
        assertThat(compilation).succeededWithoutWarnings();
        RillflowRegistry registry = registry(compilation);
        assertThat(registry.upcasters().stream()
                        .map(u -> u.eventName() + " v" + u.fromVersion())
                        .collect(Collectors.toList()))
                .containsExactly("Renamed v1", "Renamed v2", "Renamed v3");
        assertThat(registry.eventTypes().stream()
                        .map(EventTypeDefinition::version)
                        .collect(Collectors.toList()))
                .containsExactly(1, 2, 4);

        JsonNode data = MAPPER.readTree("{\"name\":\"Ada Lovelace\"}");
        for (EventUpcaster step : registry.upcasters()) {
            data = step.step().apply(data, MAPPER);
        }
        assertThat(MAPPER.writeValueAsString(data))
                .isEqualTo("{\"first\":\"Ada\",\"last\":\"Lovelace\",\"source\":\"v2\",\"checked\":true}");
    }

    @Test
    void theSnapshotShapeChangesWithNestedFieldsButNotWithMethods() throws Exception {
        String before = shapeOf(
                "public record Line(String sku) {}",
                "public java.util.List<Line> lines = new java.util.ArrayList<>();");
        String withMethod = shapeOf(
                "public record Line(String sku) { public String upper() { return sku.toUpperCase(); } }",
                "public java.util.List<Line> lines = new java.util.ArrayList<>();");
        String nestedChanged = shapeOf(
                "public record Line(String sku, int quantity) {}",
                "public java.util.List<Line> lines = new java.util.ArrayList<>();");

        assertThat(withMethod).isEqualTo(before);
        assertThat(nestedChanged).isNotEqualTo(before);
    }

    private static String shapeOf(String nested, String field) throws Exception {
        JavaFileObject cart =
                source("test.Cart", "@Aggregate", "public class Cart {", "    " + nested, "    " + field, "}");
        return registry(compile(cart)).aggregates().get(0).shape();
    }

    @Test
    void aNestedAggregateGetsItsOuterNameInItsRepositoryName() {
        JavaFileObject shop = source(
                "test.Shop",
                "public class Shop {",
                "    public record Checkout() {}",
                "    public record CheckedOut() {}",
                "    @Aggregate",
                "    public static class Cart {",
                "        @Handle List<Object> checkout(Checkout c) { return List.of(new CheckedOut()); }",
                "        @Apply void on(CheckedOut e) {}",
                "    }",
                "}");

        Compilation compilation = compile(shop);

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("test.Shop_CartRepository");
    }

    @Test
    void theServiceFileListsTheRegistry() {
        Compilation compilation = compile(counter());

        assertThat(compilation)
                .generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/services/io.rillflow.spi.RillflowRegistry")
                .contentsAsUtf8String()
                .isEqualTo("test.Rillflow_Registry\n");
    }

    private static RillflowRegistry registry(Compilation compilation) throws Exception {
        return registry(new CompiledClasses(compilation));
    }

    private static RillflowRegistry registry(CompiledClasses classes) throws Exception {
        String name = null;
        for (String candidate : classes.classNames()) {
            if (candidate.contains("Rillflow_Registry")) {
                name = candidate;
            }
        }
        return (RillflowRegistry) classes.loadClass(name).getConstructor().newInstance();
    }

    /** An event store that is never connected: enough to build pending envelopes with the registry's names. */
    private static EventStoreEngine offlineEvents(RillflowRegistry registry) {
        EventTypes.Builder types = EventTypes.builder();
        registry.eventTypes().forEach(types::register);
        return new EventStoreEngine(new Database(null), "public", new JsonCodec(MAPPER), types.build());
    }

    private static Object newInstance(CompiledClasses classes, String name, Object... args) throws Exception {
        return classes.loadClass(name).getConstructors()[0].newInstance(args);
    }
}
