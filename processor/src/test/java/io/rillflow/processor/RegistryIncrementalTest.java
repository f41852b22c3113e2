package io.rillflow.processor;

import static com.google.common.truth.Truth.assertThat;
import static io.rillflow.processor.Sources.source;

import io.rillflow.documents.DocumentDefinition;
import io.rillflow.events.EventTypeDefinition;
import io.rillflow.projections.ProjectionDefinition;
import io.rillflow.spi.RillflowRegistry;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiling some sources of a project again into the same output, with that output on the class path (as IDEs and
 * incremental builds do), keeps what the other sources registered.
 */
class RegistryIncrementalTest {
    private static final String SERVICE_FILE = "META-INF/services/io.rillflow.spi.RillflowRegistry";

    private static final JavaFileObject CUSTOMER =
            source("shop.Customer", "@Document", "public record Customer(@Id UUID id) {}");
    private static final JavaFileObject STATS = source(
            "shop.stats.Stats",
            "@Projection(name = \"stats\")",
            "public class Stats {",
            "    public record Placed(int total) {}",
            "    @On void on(Placed e) {}",
            "}");

    @TempDir
    Path output;

    @Test
    void compilingOneFileAloneKeepsTheOtherFilesRegistrations() throws Exception {
        javac(CUSTOMER, STATS);

        javac(source(
                "shop.stats.Stats",
                "@Projection(name = \"renamed_stats\")",
                "public class Stats {",
                "    public record Placed(int total) {}",
                "    @On void on(Placed e) {}",
                "}"));

        assertThat(serviceFile()).containsExactly("shop.Rillflow_Registry");
        List<RillflowRegistry> registries = registries();
        assertThat(documents(registries)).containsExactly("customer");
        assertThat(projections(registries)).containsExactly("renamed_stats");
    }

    @Test
    void aTypeAddedInAnEarlierPackageMovesEveryEntryToItsRegistry() throws Exception {
        javac(CUSTOMER, STATS);

        javac(source("aaa.Order", "@Document", "public record Order(@Id UUID id) {}"));

        assertThat(serviceFile()).containsExactly("aaa.Rillflow_Registry");
        List<RillflowRegistry> registries = registries();
        assertThat(documents(registries)).containsExactly("customer", "order");
        assertThat(projections(registries)).containsExactly("stats");
    }

    @Test
    void aFileWhoseAnnotationIsRemovedLosesItsEntry() throws Exception {
        javac(CUSTOMER, STATS);

        javac(
                source("shop.Customer", "public record Customer(UUID id) {}"),
                source("shop.Keep", "@Document", "public record Keep(@Id UUID id) {}"));

        assertThat(documents(registries())).containsExactly("keep");
        assertThat(projections(registries())).containsExactly("stats");
    }

    @Test
    void anEventOnlyAnAggregateAppliesStaysRegisteredWhenItsClassIsCompiledAlone() throws Exception {
        JavaFileObject opened = source("bank.Opened", "public record Opened(String owner) {}");
        JavaFileObject account = source(
                "bank.Account",
                "@Aggregate(\"account\")",
                "public class Account {",
                "    public String owner;",
                "    @Apply void on(Opened e) { owner = e.owner(); }",
                "}");
        javac(opened, account);

        javac(source("bank.Opened", "public record Opened(String owner, int branch) {}"));

        List<RillflowRegistry> registries = registries();
        assertThat(registries.stream()
                        .flatMap(r -> r.eventTypes().stream())
                        .map(EventTypeDefinition::name)
                        .toList())
                .containsExactly("Opened");
        assertThat(registries.stream()
                        .flatMap(r -> r.aggregates().stream())
                        .map(a -> a.name())
                        .toList())
                .containsExactly("account");
    }

    @Test
    void aRegistryOutsideTheClassPathStaysListedBesideTheNewOne() throws Exception {
        javac(CUSTOMER, STATS);

        List<String> errors = javac(output, List.of(), List.of(), List.of(STATS));

        assertThat(errors).isEmpty();
        assertThat(serviceFile()).containsExactly("shop.Rillflow_Registry", "shop.stats.Rillflow_Registry");
        assertThat(documents(registries())).containsExactly("customer");
        assertThat(projections(registries())).containsExactly("stats", "stats");
    }

    @Test
    void aListedRegistryWhoseClassIsGoneIsDroppedFromTheServiceFile() throws Exception {
        javac(CUSTOMER);
        Files.delete(output.resolve("shop/Rillflow_Registry.class"));
        Files.delete(output.resolve("shop/Rillflow_Registry.java"));

        javac(STATS);

        assertThat(serviceFile()).containsExactly("shop.stats.Rillflow_Registry");
        assertThat(projections(registries())).containsExactly("stats");
    }

    @Test
    void aTestCompilationOfTheSamePackageGetsItsOwnRegistry(@TempDir Path tests) throws Exception {
        javac(CUSTOMER);

        List<String> errors = javac(
                tests,
                List.of(output),
                List.of(),
                List.of(source("shop.Fixture", "@Document", "public record Fixture(@Id UUID id) {}")));

        assertThat(errors).isEmpty();
        assertThat(Files.readAllLines(tests.resolve(SERVICE_FILE))).containsExactly("shop.Rillflow_Registry2");
        assertThat(serviceFile()).containsExactly("shop.Rillflow_Registry");
    }

    @Test
    void theOptionNamesTheRegistryAndAPartialCompilationKeepsIt() throws Exception {
        List<String> option = List.of("-Arillflow.registry=shop.ShopRegistry");
        javac(output, List.of(), option, List.of(CUSTOMER, STATS));

        javac(output, List.of(output), option, List.of(source("shop.Other", "public class Other {}"), STATS));

        assertThat(serviceFile()).containsExactly("shop.ShopRegistry");
        assertThat(documents(registries())).containsExactly("customer");
        assertThat(projections(registries())).containsExactly("stats");
    }

    @Test
    void anOptionThatIsNotAQualifiedClassNameIsAnError() throws Exception {
        List<String> errors = javac(output, List.of(), List.of("-Arillflow.registry=shop.class"), List.of(CUSTOMER));

        assertThat(errors).containsExactly(Message.REGISTRY_OPTION_INVALID.format("rillflow.registry", "shop.class"));
        assertThat(Files.exists(output.resolve(SERVICE_FILE))).isFalse();
    }

    @Test
    void anOptionNamingAnExistingClassIsAnError() throws Exception {
        List<String> errors = javac(output, List.of(), List.of("-Arillflow.registry=shop.Customer"), List.of(CUSTOMER));

        assertThat(errors).containsExactly(Message.REGISTRY_OPTION_TAKEN.format("rillflow.registry", "shop.Customer"));
    }

    @Test
    void aTypeDeferredToALaterRoundGoesIntoASecondRegistryThatTheNextCompilationMerges() throws Exception {
        JavaFileObject invoice =
                source("shop.Invoice", "@Document", "public record Invoice(@Id UUID id, Money total) {}");
        List<String> errors =
                javac(output, List.of(output), List.of(), List.of(CUSTOMER, invoice), new MoneyProcessor());

        assertThat(errors).isEmpty();
        assertThat(serviceFile()).containsExactly("shop.Rillflow_Registry", "shop.Rillflow_Registry_2");
        assertThat(documents(registries())).containsExactly("customer", "invoice");

        javac(source("shop.Customer", "@Document", "public record Customer(@Id UUID id, String name) {}"));

        assertThat(serviceFile()).containsExactly("shop.Rillflow_Registry");
        assertThat(documents(registries())).containsExactly("customer", "invoice");
    }

    /** Another processor, which writes {@code shop.Money} in the first round, so a document using it waits a round. */
    @SupportedAnnotationTypes("*")
    private static final class MoneyProcessor extends AbstractProcessor {
        private boolean written;

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            if (!written) {
                written = true;
                try (Writer writer =
                        processingEnv.getFiler().createSourceFile("shop.Money").openWriter()) {
                    writer.write("package shop; public record Money(long cents) {}");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return false;
        }
    }

    /** Compiles into the output, with the output on the class path as an incremental build has it; no errors. */
    private void javac(JavaFileObject... sources) throws Exception {
        assertThat(javac(output, List.of(output), List.of(), List.of(sources))).isEmpty();
    }

    /** Compiles {@code sources} into {@code into}, with {@code classPath} before the test class path; the errors. */
    private static List<String> javac(
            Path into, List<Path> classPath, List<String> options, List<JavaFileObject> sources, Processor... others)
            throws Exception {
        List<String> path = new ArrayList<>();
        classPath.forEach(p -> path.add(p.toString()));
        path.add(System.getProperty("java.class.path"));
        List<String> arguments = new ArrayList<>(
                List.of("-d", into.toString(), "-s", into.toString(), "-cp", String.join(File.pathSeparator, path)));
        arguments.addAll(options);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaCompiler.CompilationTask task = compiler.getTask(null, null, diagnostics, arguments, null, sources);
        List<Processor> processors = new ArrayList<>(List.of(others));
        processors.add(new RillflowProcessor());
        task.setProcessors(processors);
        task.call();
        return diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> d.getMessage(null))
                .toList();
    }

    private List<String> serviceFile() throws Exception {
        return Files.readAllLines(output.resolve(SERVICE_FILE), StandardCharsets.UTF_8);
    }

    /** The registries the service file lists, loaded from the output. */
    private List<RillflowRegistry> registries() throws Exception {
        URLClassLoader loader = new URLClassLoader(
                new URL[] {output.toUri().toURL()}, getClass().getClassLoader());
        List<RillflowRegistry> registries = new ArrayList<>();
        for (String name : serviceFile()) {
            registries.add(
                    (RillflowRegistry) loader.loadClass(name).getConstructor().newInstance());
        }
        return registries;
    }

    private static List<String> documents(List<RillflowRegistry> registries) {
        return registries.stream()
                .flatMap(r -> r.documents().stream())
                .map(DocumentDefinition::name)
                .sorted()
                .toList();
    }

    private static List<String> projections(List<RillflowRegistry> registries) {
        return registries.stream()
                .flatMap(r -> r.projections().stream())
                .map(ProjectionDefinition::name)
                .sorted()
                .toList();
    }
}
