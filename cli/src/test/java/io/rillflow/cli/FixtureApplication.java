package io.rillflow.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A small application compiled with the Rillflow annotation processor into a directory of its own, outside the test
 * class path, as the {@code --classpath} commands load an application: an event, a document, a projection writing
 * the document; an aggregate whose event has an upcaster.
 */
final class FixtureApplication {
    static final String PROJECTION = "tasks";
    static final String EVENT = "TaskAdded";

    static final String AGGREGATE = "tally";
    static final String TALLY_EVENT = "TallyAdded";

    private static final Map<String, String> SOURCES = Map.of(
            "fixture/tally/TallyAdded.java",
            """
            package fixture.tally;

            import io.rillflow.annotations.Event;
            import io.rillflow.annotations.Upcast;

            @Event(name = "TallyAdded", version = 2)
            public record TallyAdded(long by, String note) {
                @Event(name = "TallyAdded")
                public record TallyAddedV1(long by) {}

                @Upcast
                public static TallyAdded fromV1(TallyAddedV1 old) {
                    return new TallyAdded(old.by(), "");
                }
            }
            """,
            "fixture/tally/Add.java",
            """
            package fixture.tally;

            public record Add(long by) {}
            """,
            "fixture/tally/Tally.java",
            """
            package fixture.tally;

            import io.rillflow.annotations.Aggregate;
            import io.rillflow.annotations.Apply;
            import io.rillflow.annotations.Handle;
            import io.rillflow.events.EventEnvelope;
            import java.util.List;

            @Aggregate("tally")
            public final class Tally {
                private long total;

                @Handle
                List<Object> add(Add command) {
                    return List.of(new TallyAdded(command.by(), ""));
                }

                @Apply
                void on(TallyAdded event, EventEnvelope meta) {
                    total += event.by();
                }
            }
            """,
            "fixture/tasks/TaskAdded.java",
            """
            package fixture.tasks;

            import io.rillflow.annotations.Event;
            import java.util.UUID;

            @Event(name = "TaskAdded")
            public record TaskAdded(UUID id, String title) {}
            """,
            "fixture/tasks/Task.java",
            """
            package fixture.tasks;

            import io.rillflow.annotations.Document;
            import io.rillflow.annotations.Id;
            import java.util.UUID;

            @Document
            public record Task(@Id UUID id, String title) {}
            """,
            "fixture/tasks/Tasks.java",
            """
            package fixture.tasks;

            import io.rillflow.annotations.On;
            import io.rillflow.annotations.Projection;
            import io.rillflow.annotations.Rebuild;
            import io.rillflow.projections.ProjectionContext;
            import java.util.UUID;

            @Projection(name = "tasks")
            public class Tasks {
                @On
                void on(TaskAdded event, ProjectionContext context) {
                    if (event.title().equals("poison")) {
                        throw new IllegalStateException("poison");
                    }
                    context.documents(Task.class, UUID.class).put(event.id(), new Task(event.id(), event.title()));
                }

                @Rebuild
                void clear(ProjectionContext context) {
                    context.documents(Task.class, UUID.class).deleteAll();
                }
            }
            """);

    private static Path classes;

    private FixtureApplication() {}

    /** The directory of the compiled application, compiled on first use. */
    static synchronized Path classes() {
        if (classes == null) {
            classes = compile(SOURCES);
        }
        return classes;
    }

    /**
     * Compiles {@code sources} (path to text) with the annotation processor into a new directory, outside the test
     * class path; returns the directory.
     */
    static Path compile(Map<String, String> sources) {
        try {
            Path root = Files.createTempDirectory("rillflow-fixture-app");
            Path sourceRoot = root.resolve("src");
            Path out = Files.createDirectories(root.resolve("classes"));
            List<String> args = new ArrayList<>(List.of(
                    "-d",
                    out.toString(),
                    "-classpath",
                    System.getProperty("java.class.path"),
                    "-processor",
                    "io.rillflow.processor.RillflowProcessor",
                    "-implicit:none"));
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = sourceRoot.resolve(source.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue());
                args.add(file.toString());
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
            int code = javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new));
            if (code != 0) {
                throw new IllegalStateException("The fixture application did not compile: " + diagnostics);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
