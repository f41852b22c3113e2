package io.rillflow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.rillflow.processor.Sources.compile;
import static io.rillflow.processor.Sources.source;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One golden file per generator shape, so that a change in what the processor writes shows in review as a diff of
 * {@code src/test/resources/golden}. Everything else about generated code is asserted by running it; these only pin
 * its text. After an intended change, regenerate them with {@code -Drillflow.golden.update=true} and review the diff.
 * (The registry has no golden file: its class name is a hash of its entries.)
 */
class GoldenFilesTest {
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
    private static final boolean UPDATE = Boolean.getBoolean("rillflow.golden.update");

    private static final JavaFileObject QUERIES = QuerySqlTest.queries(List.of(
            "Optional<Customer> findByEmail(String email);",
            "Page<Customer> findByStatusAndAgeGreaterThanOrderBySinceDesc(String status, int age, PageRequest page);",
            "long countByTierIn(Collection<Customer.Tier> tiers);",
            "@Query(\"status = :status and tags contains :parameters\")"
                    + " Stream<EmailOnly> tagged(String status, String parameters);"));

    private static final JavaFileObject COUNTER = source(
            "test.Counter",
            "import io.rillflow.aggregates.CommandContext;",
            "import io.rillflow.events.EventEnvelope;",
            "@Aggregate(value = \"counter\", snapshotVersion = 2)",
            "public class Counter {",
            "    public record Add(int n) {}",
            "    public record Reset() {}",
            "    public record Added(int n) {}",
            "    public record Cleared() {}",
            "    long value;",
            "    @Handle List<Object> add(Add c) { return List.of(new Added(c.n())); }",
            "    @Handle List<Object> reset(Reset c, CommandContext context) { return List.of(new Cleared()); }",
            "    @Apply void on(Added e) { value += e.n(); }",
            "    @Apply void on(Cleared e, EventEnvelope meta) { value = 0; }",
            "}");

    private static final JavaFileObject STATS = source(
            "test.Stats",
            "import io.rillflow.events.EventEnvelope;",
            "import io.rillflow.projections.ProjectionContext;",
            "import java.sql.Connection;",
            "@Projection(name = \"stats\", mode = ProjectionMode.INLINE)",
            "public class Stats {",
            "    public record Registered(String id) {}",
            "    public record Placed(String id, int total) {}",
            "    @On void on(Registered e) {}",
            "    @On void on(Placed e, EventEnvelope meta, Connection connection, ProjectionContext context) {}",
            "    @Rebuild void reset(ProjectionContext context) {}",
            "}");

    private static final JavaFileObject SAGA = source(
            "test.Saga",
            "import io.rillflow.events.EventEnvelope;",
            "import io.rillflow.processes.Dispatch;",
            "@ProcessManager(name = \"saga\")",
            "public class Saga {",
            "    public record Placed(String id, int quantity) {}",
            "    public record Paid(String id) {}",
            "    @On List<Dispatch<Counter.Add>> placed(Placed e) { return List.of(); }",
            "    @On Dispatch<Counter.Reset> paid(Paid e, EventEnvelope meta) { return null; }",
            "}");

    private static Compilation compilation;

    @BeforeAll
    static void compileEveryShape() {
        compilation = compile(QuerySqlTest.document(), QUERIES, COUNTER, STATS, SAGA);
        assertThat(compilation).succeededWithoutWarnings();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "test.Customer_",
                "test.CustomerRepository",
                "test.CustomerQueries_Impl",
                "test.CounterRepository",
                "test.Stats_Projection",
                "test.Saga_ProcessManager"
            })
    void generatedSourceMatchesItsGoldenFile(String generatedClass) throws IOException {
        String actual = compilation
                .generatedSourceFile(generatedClass)
                .orElseThrow(() -> new AssertionError("Not generated: " + generatedClass))
                .getCharContent(false)
                .toString();
        Path golden = GOLDEN.resolve(generatedClass.substring(generatedClass.lastIndexOf('.') + 1) + ".java.txt");
        if (UPDATE) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertEquals(
                Files.readString(golden, StandardCharsets.UTF_8),
                actual,
                golden + " differs: review the change, then regenerate with -Drillflow.golden.update=true");
    }
}
