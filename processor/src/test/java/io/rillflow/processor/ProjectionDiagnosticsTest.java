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

/** One test per projection diagnostic: the error, on the line that caused it, and no other. */
class ProjectionDiagnosticsTest {
    private static final String PROJECTION_EXTRAS = "EventEnvelope, ProjectionContext or java.sql.Connection";

    @Test
    void onWithoutAnEventParameter() {
        JavaFileObject file = projection("@On void on(ProjectionContext context) {}");

        assertOnlyError(
                file, Message.ON_NO_EVENT.format("Stats.on(ProjectionContext context)", PROJECTION_EXTRAS), "void on(");
    }

    @Test
    void onWithNoParameterAtAll() {
        JavaFileObject file = projection("@On void on() {}");

        assertOnlyError(file, Message.ON_NO_EVENT.format("Stats.on()", PROJECTION_EXTRAS), "void on(");
    }

    @Test
    void onTakingAnInterfaceInsteadOfAConcreteEvent() {
        JavaFileObject file = projection("interface OrderEvent {}", "@On void on(", "        OrderEvent e) {}");

        assertOnlyError(
                file,
                Message.ON_ABSTRACT_EVENT.format("Stats.on(OrderEvent e)", "test.Stats.OrderEvent", "an interface"),
                "OrderEvent e)");
    }

    @Test
    void twoOnMethodsForOneEventType() {
        JavaFileObject file =
                projection("@On void first(Placed e) {}", "@On void second(Placed e, ProjectionContext context) {}");

        assertOnlyError(
                file,
                Message.ON_DUPLICATE_EVENT.format(
                        "Stats.second(Placed e, ProjectionContext context)",
                        "test.Stats.Placed",
                        "Stats.first(Placed e)"),
                "void second(");
    }

    @Test
    void onParameterTheContextCannotSupply() {
        JavaFileObject file = projection("@On void on(Placed e,", "        String note) {}");

        assertOnlyError(
                file,
                Message.ON_UNSUPPORTED_PARAMETER.format(
                        "Stats.on(Placed e, String note)", "note", "java.lang.String", "projection", PROJECTION_EXTRAS),
                "String note");
    }

    @Test
    void onTakingTheEnvelopeTwice() {
        JavaFileObject file =
                projection("@On void on(Placed e, EventEnvelope meta,", "        EventEnvelope again) {}");

        assertOnlyError(
                file,
                Message.ON_UNSUPPORTED_PARAMETER.format(
                        "Stats.on(Placed e, EventEnvelope meta, EventEnvelope again)",
                        "again",
                        "io.rillflow.events.EventEnvelope",
                        "projection",
                        PROJECTION_EXTRAS),
                "EventEnvelope again");
    }

    @Test
    void twoProjectionsWithTheSameName() {
        JavaFileObject first = source(
                "test.First",
                "@Projection(name = \"stats\")",
                "public class First {",
                "    public record Placed(String id) {}",
                "    @On void on(Placed e) {}",
                "}");
        JavaFileObject second = source(
                "test.Second",
                "@Projection(",
                "        name = \"stats\")",
                "public class Second {",
                "    public record Placed(String id) {}",
                "    @On void on(Placed e) {}",
                "}");

        Compilation compilation = compile(first, second);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining(Message.HANDLER_CLASS_DUPLICATE_NAME.format(
                        "Projection",
                        "test.Second",
                        "stats",
                        "Projection",
                        "test.First",
                        "the checkpoint, lease and dead letters",
                        "two projections"))
                .inFile(second)
                .onLineContaining("name = \"stats\"");
    }

    @Test
    void invalidProjectionName() {
        JavaFileObject file = source(
                "test.CustomerStats",
                "@Projection(name = \"Customer Stats\")",
                "public class CustomerStats {",
                "    public record Placed(String id) {}",
                "    @On void on(Placed e) {}",
                "}");

        assertOnlyError(
                file,
                Message.HANDLER_CLASS_INVALID_NAME.format(
                        "Projection", "test.CustomerStats", "Customer Stats", "projection", "customer_stats"),
                "@Projection(name");
    }

    @Test
    void abstractProjection() {
        JavaFileObject file = source(
                "test.Stats",
                "@Projection(name = \"stats\")",
                "public abstract class Stats {",
                "    public record Placed(String id) {}",
                "    @On void on(Placed e) {}",
                "}");

        assertOnlyError(
                file,
                Message.HANDLER_CLASS_INVALID_TYPE.format("Projection", "test.Stats", "abstract", "Stats_Projection"),
                "abstract class Stats");
    }

    @Test
    void projectionWithoutOnMethods() {
        JavaFileObject file = source(
                "test.Stats", "@Projection(name = \"stats\")", "public class Stats {", "    void on(Object e) {}", "}");

        assertOnlyError(
                file, Message.HANDLER_CLASS_NO_HANDLERS.format("Projection", "test.Stats", ""), "public class Stats");
    }

    @Test
    void privateOnMethod() {
        JavaFileObject file = projection("@On private void on(Placed e) {}");

        assertOnlyError(
                file,
                Message.HANDLER_METHOD_NOT_CALLABLE.format("On", "Stats.on(Placed e)", "private", "projection"),
                "private void on(");
    }

    @Test
    void rebuildWithAParameterTheContextCannotSupply() {
        JavaFileObject file = projection("@On void on(Placed e) {}", "@Rebuild void reset(int times) {}");

        assertOnlyError(
                file,
                Message.PROJECTION_REBUILD_UNSUPPORTED_PARAMETER.format("Stats.reset(int times)", "times", "int"),
                "void reset(");
    }

    @Test
    void twoRebuildMethods() {
        JavaFileObject file = projection(
                "@On void on(Placed e) {}",
                "@Rebuild void reset(ProjectionContext context) {}",
                "@Rebuild void clear(Connection connection) {}");

        assertOnlyError(
                file,
                Message.PROJECTION_REBUILD_DUPLICATE.format(
                        "Stats.clear(Connection connection)", "Stats.reset(ProjectionContext context)"),
                "void clear(");
    }

    @Test
    void onMethodTakingAJdkType() {
        assertOnlyError(
                projection("@On void on(Object e) {}"),
                Message.ON_JDK_EVENT.format("Stats.on(Object e)", "java.lang.Object"),
                "void on(Object e)");
    }

    @Test
    void onMethodOutsideAProjection() {
        JavaFileObject file = source(
                "test.Plain",
                "public class Plain {",
                "    public record Placed(String id) {}",
                "    @On void on(Placed e) {}",
                "}");

        assertOnlyError(
                file,
                "@On on method Plain.on is never read: test.Plain is not a @Projection or a @ProcessManager",
                "void on(");
    }

    /** A projection {@code test.Stats} with an event record {@code Placed} and the given members. */
    private static JavaFileObject projection(String... members) {
        List<String> lines = new ArrayList<>(List.of(
                "import io.rillflow.events.EventEnvelope;",
                "import io.rillflow.projections.ProjectionContext;",
                "import java.sql.Connection;",
                "@Projection(name = \"stats\")",
                "public class Stats {",
                "    public record Placed(String id) {}"));
        for (String member : members) {
            lines.add("    " + member);
        }
        lines.add("}");
        return source("test.Stats", lines.toArray(String[]::new));
    }
}
