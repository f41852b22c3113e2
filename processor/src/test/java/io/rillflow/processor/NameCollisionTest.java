package io.rillflow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.rillflow.processor.Sources.compile;
import static io.rillflow.processor.Sources.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Names that key stored state are unique within a compilation, across the kinds that share that state. */
class NameCollisionTest {

    private static JavaFileObject aggregate(String qualifiedName, String annotation) {
        String simple = qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
        return source(
                qualifiedName,
                annotation,
                "public class " + simple + " {",
                "    public record Add" + simple + "(int n) {}",
                "    public record Added" + simple + "(int n) {}",
                "    long value;",
                "    @Handle List<Object> add(Add" + simple + " c) { return List.of(new Added" + simple + "(c.n())); }",
                "    @Apply void on(Added" + simple + " e) { value += e.n(); }",
                "}");
    }

    @Test
    void twoAggregatesWithOneName() {
        JavaFileObject first = aggregate("test.Counter", "@Aggregate(\"counter\")");
        JavaFileObject second = aggregate("test.Tally", "@Aggregate(\"counter\")");

        Compilation compilation = compile(first, second);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining(Message.AGGREGATE_DUPLICATE_NAME.format("test.Tally", "counter", "test.Counter"))
                .inFile(second)
                .onLineContaining("@Aggregate(\"counter\")");
    }

    @Test
    void anAggregateWhoseDefaultNameIsTakenByAnExplicitOne() {
        JavaFileObject first = aggregate("test.Counter", "@Aggregate");
        JavaFileObject second = aggregate("test.Tally", "@Aggregate(\"counter\")");

        Compilation compilation = compile(first, second);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining(Message.AGGREGATE_DUPLICATE_NAME.format("test.Tally", "counter", "test.Counter"))
                .inFile(second);
    }

    @Test
    void aggregatesWithDistinctNamesCompile() {
        Compilation compilation = compile(
                aggregate("test.Counter", "@Aggregate(\"counter\")"), aggregate("test.Tally", "@Aggregate(\"tally\")"));

        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void aProjectionAndAProcessManagerWithOneName() {
        JavaFileObject projection = source(
                "test.Orders",
                "@Projection(name = \"orders\")",
                "public class Orders {",
                "    public record Placed(String id) {}",
                "    @On void on(Placed e) {}",
                "}");
        JavaFileObject processManager = source(
                "test.Fulfilment",
                "import io.rillflow.processes.Dispatch;",
                "@ProcessManager(name = \"orders\")",
                "public class Fulfilment {",
                "    @On Dispatch<Object> on(Orders.Placed e) { return null; }",
                "}");

        Compilation compilation = compile(projection, processManager);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining(Message.HANDLER_CLASS_DUPLICATE_NAME.format(
                        "ProcessManager",
                        "test.Fulfilment",
                        "orders",
                        "Projection",
                        "test.Orders",
                        "the checkpoint, lease and dead letters",
                        "a projection and a process manager (a process manager runs as a projection)"))
                .inFile(processManager)
                .onLineContaining("@ProcessManager(name = \"orders\")");
    }
}
