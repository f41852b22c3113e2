package io.rillflow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.rillflow.processor.Sources.assertOnlyError;
import static io.rillflow.processor.Sources.compile;
import static io.rillflow.processor.Sources.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import io.rillflow.processor.aggregates.CommandAnnotations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Command annotations no {@code @Handle} method would read: {@code @ExpectedVersion} on a record no {@code @Handle}
 * takes (a warning: an aggregate of another module may take it), {@code @AggregateId} on a command's component (an
 * error: only a {@code @Handle} parameter receives the id).
 */
class CommandAnnotationsTest {
    private static final JavaFileObject COUNTER = source(
            "test.Counter",
            "@Aggregate(\"counter\")",
            "public class Counter {",
            "    public record Add(int n, @ExpectedVersion Long seen) {}",
            "    public record Added(int n) {}",
            "    long value;",
            "    @Handle List<Object> add(Add c, @AggregateId String id) { return List.of(new Added(c.n())); }",
            "    @Apply void on(Added e) { value += e.n(); }",
            "}");

    @Test
    void expectedVersionOfACommandAHandleTakesIsClean() {
        Compilation compilation = compile(COUNTER);

        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void expectedVersionOnARecordNoHandleTakesIsAWarningOnTheComponent() {
        JavaFileObject rename =
                source("test.Rename", "public record Rename(String name,", "        @ExpectedVersion long seen) {}");

        Compilation compilation = compile(COUNTER, rename);

        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningCount(1);
        assertThat(compilation)
                .hadWarningContaining(Message.EXPECTED_VERSION_NOT_READ.format(
                        "seen", "test.Rename", "Rename", "Rename", CommandAnnotations.SUPPRESS, "Rename"))
                .inFile(rename)
                .onLineContaining("@ExpectedVersion long seen");
    }

    @Test
    void expectedVersionOnASubtypeOfAHandledCommandIsNotReadEither() {
        JavaFileObject commands = source(
                "test.Door",
                "@Aggregate",
                "public class Door {",
                "    public sealed interface Command permits Open, Close {}",
                "    public record Open(@ExpectedVersion long seen) implements Command {}",
                "    public record Close() implements Command {}",
                "    @Handle List<Object> handle(Command c) { return List.of(); }",
                "}");

        Compilation compilation = compile(commands);

        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningCount(1);
        assertThat(compilation)
                .hadWarningContaining(Message.EXPECTED_VERSION_NOT_READ.format(
                        "seen", "test.Door.Open", "Open", "Open", CommandAnnotations.SUPPRESS, "Open"))
                .inFile(commands)
                .onLineContaining("record Open(@ExpectedVersion long seen)");
    }

    @Test
    void aHandleMethodGeneratedInALaterRoundCountsSoTheWarningWaitsForTheEnd() {
        JavaFileObject rename =
                source("test.Rename", "public record Rename(String name, @ExpectedVersion long seen) {}");

        Compilation compilation = Compiler.javac()
                .withProcessors(new RillflowProcessor(), new RenamerWriter())
                .withOptions("-Xlint:all,-processing")
                .compile(rename);

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("test.RenamerRepository");
    }

    @Test
    void aCommandHandledInAnotherModuleSaysSoWithSuppressWarnings() {
        JavaFileObject rename = source(
                "test.Rename",
                "@SuppressWarnings(\"" + CommandAnnotations.SUPPRESS + "\")",
                "public record Rename(String name, @ExpectedVersion long seen) {}");

        Compilation compilation = compile(COUNTER, rename);

        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void aggregateIdOnAnotherConstructorOfARecordIsOutsideAHandle() {
        JavaFileObject ship = source(
                "test.Ship",
                "public record Ship(String orderId, int lines) {",
                "    Ship(@AggregateId String orderId) { this(orderId, 0); }",
                "}");

        assertOnlyError(
                ship,
                Message.AGGREGATE_ID_OUTSIDE_HANDLE.format("orderId", "Ship.<init>(String orderId)"),
                "Ship(@AggregateId String orderId)",
                COUNTER);
    }

    @Test
    void aggregateIdOnACommandsComponentIsAnError() {
        JavaFileObject ship = source("test.Ship", "public record Ship(", "        @AggregateId String orderId) {}");

        assertOnlyError(
                ship,
                Message.AGGREGATE_ID_ON_COMPONENT.format("orderId", "test.Ship", "Ship", "Ship"),
                "@AggregateId String orderId",
                COUNTER);
    }

    /** Another processor, which writes an aggregate taking {@code test.Rename} in its first round. */
    @SupportedAnnotationTypes("*")
    private static final class RenamerWriter extends AbstractProcessor {
        private boolean written;

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            if (!written) {
                written = true;
                try (Writer writer = processingEnv
                        .getFiler()
                        .createSourceFile("test.Renamer")
                        .openWriter()) {
                    writer.write("package test; import io.rillflow.annotations.*; import java.util.List;"
                            + " @Aggregate(\"renamer\") public class Renamer {"
                            + " public record Renamed(String name) {} String name;"
                            + " @Handle List<Object> rename(Rename c) { return List.of(new Renamed(c.name())); }"
                            + " @Apply void on(Renamed e) { name = e.name(); } }");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return false;
        }
    }
}
