package io.rillflow.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.rillflow.processor.Sources.compile;
import static io.rillflow.processor.Sources.source;

import com.google.testing.compile.Compilation;
import io.rillflow.annotations.ProjectionMode;
import io.rillflow.projections.ProjectionDefinition;
import io.rillflow.projections.ProjectionHandler;
import io.rillflow.spi.RillflowRegistry;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The generated dispatch compiles cleanly, declares its events and is listed in the registry. */
class ProjectionGenerationTest {
    private static final JavaFileObject STATS = source(
            "test.CustomerStats",
            "import io.rillflow.events.EventEnvelope;",
            "import io.rillflow.projections.ProjectionContext;",
            "import java.sql.Connection;",
            "@Projection(name = \"customer_stats\", mode = ProjectionMode.ASYNC)",
            "public class CustomerStats {",
            "    public record Registered(String id) {}",
            "    public record Placed(String id, int total) {}",
            "    public int rebuilds;",
            "    @On void on(Registered e, ProjectionContext context) {}",
            "    @On void on(Placed e, EventEnvelope meta, Connection connection, ProjectionContext context) {}",
            "    @Rebuild void reset(ProjectionContext context) { rebuilds++; }",
            "}");

    @Test
    void generatedDispatchCompilesWithoutWarningsAndDeclaresItsEvents() throws Exception {
        Compilation compilation = compile(STATS);
        assertThat(compilation).succeededWithoutWarnings();
        CompiledClasses classes = new CompiledClasses(compilation);

        ProjectionHandler handler = (ProjectionHandler) classes.loadClass("test.CustomerStats_Projection")
                .getConstructor()
                .newInstance();
        assertThat(handler.name()).isEqualTo("customer_stats");
        assertThat(handler.mode()).isEqualTo(ProjectionMode.ASYNC);
        assertThat(handler.eventClasses())
                .containsExactly(
                        classes.loadClass("test.CustomerStats$Registered"),
                        classes.loadClass("test.CustomerStats$Placed"));
        assertThat(handler.eventTypes()).isEmpty();
    }

    @Test
    void rebuildCallsTheRebuildMethodOnTheGivenInstance() throws Exception {
        CompiledClasses classes = new CompiledClasses(compile(STATS));
        Class<?> type = classes.loadClass("test.CustomerStats");
        Object stats = type.getConstructor().newInstance();
        ProjectionHandler handler = (ProjectionHandler) classes.loadClass("test.CustomerStats_Projection")
                .getConstructor(type)
                .newInstance(stats);

        handler.rebuild(null);

        assertThat(CompiledClasses.field(stats, "rebuilds")).isEqualTo(1);
    }

    @Test
    void registryListsTheProjectionWithAFactory() throws Exception {
        Compilation compilation = compile(STATS);
        CompiledClasses classes = new CompiledClasses(compilation);
        String registryName = compilation.generatedSourceFiles().stream()
                .map(JavaFileObject::getName)
                .filter(n -> n.contains("Rillflow_Registry"))
                .map(n -> n.substring(n.indexOf("test/"), n.length() - ".java".length())
                        .replace('/', '.'))
                .findFirst()
                .orElseThrow();
        RillflowRegistry registry = (RillflowRegistry)
                classes.loadClass(registryName).getConstructor().newInstance();

        List<ProjectionDefinition> projections = registry.projections();
        assertThat(projections).hasSize(1);
        ProjectionDefinition definition = projections.get(0);
        assertThat(definition.name()).isEqualTo("customer_stats");
        assertThat(definition.mode()).isEqualTo(ProjectionMode.ASYNC);
        assertThat(definition.type()).isEqualTo(classes.loadClass("test.CustomerStats"));
        assertThat(definition.factory().get().name()).isEqualTo("customer_stats");
    }

    @Test
    void inlineModeReachesTheHandlerAndTheDefinition() throws Exception {
        JavaFileObject file = source(
                "test.Inline",
                "@Projection(name = \"inline\", mode = ProjectionMode.INLINE)",
                "public class Inline {",
                "    public record Placed(int total) {}",
                "    @On void on(Placed e) {}",
                "}");
        CompiledClasses classes = new CompiledClasses(compile(file));

        ProjectionHandler handler = (ProjectionHandler)
                classes.loadClass("test.Inline_Projection").getConstructor().newInstance();
        assertThat(handler.mode()).isEqualTo(ProjectionMode.INLINE);
        ProjectionDefinition definition =
                (ProjectionDefinition) classes.staticField("test.Inline_Projection", "DEFINITION");
        assertThat(definition.mode()).isEqualTo(ProjectionMode.INLINE);
    }

    @Test
    void projectionWithoutANoArgumentConstructorHasNoFactory() throws Exception {
        JavaFileObject file = source(
                "test.Totals",
                "@Projection(name = \"totals\")",
                "public class Totals {",
                "    public record Placed(int total) {}",
                "    private final StringBuilder log;",
                "    public Totals(StringBuilder log) { this.log = log; }",
                "    @On void on(Placed e) { log.append(e.total()); }",
                "}");
        Compilation compilation = compile(file);
        assertThat(compilation).succeededWithoutWarnings();

        ProjectionDefinition definition = (ProjectionDefinition)
                new CompiledClasses(compilation).staticField("test.Totals_Projection", "DEFINITION");
        assertThat(definition.factory()).isNull();
    }
}
