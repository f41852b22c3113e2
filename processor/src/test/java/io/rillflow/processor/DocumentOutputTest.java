package io.rillflow.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.rillflow.processor.Sources.compile;
import static io.rillflow.processor.Sources.customer;
import static io.rillflow.processor.Sources.source;

import com.google.testing.compile.Compilation;
import io.rillflow.documents.DocumentDefinition;
import io.rillflow.spi.RillflowRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the processor writes as a whole: registries, generated names, isolation of invalid types, determinism. */
class DocumentOutputTest {

    @Test
    void registryListsTheDefinitionsSortedByTypeAndIsListedAsAService() throws Exception {
        JavaFileObject order = source("b.Order", "@Document", "public record Order(@Id long number, int total) {}");
        JavaFileObject customer = source("a.Customer", "@Document", "public record Customer(@Id String id) {}");

        Compilation compilation = compile(order, customer);
        assertThat(compilation).succeededWithoutWarnings();
        String registryName = "a.Rillflow_Registry";

        assertThat(compilation)
                .generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/services/io.rillflow.spi.RillflowRegistry")
                .contentsAsUtf8String()
                .isEqualTo(registryName + "\n");
        RillflowRegistry registry = (RillflowRegistry) new CompiledClasses(compilation)
                .loadClass(registryName)
                .getConstructor()
                .newInstance();
        assertThat(registry.documents().stream().map(DocumentDefinition::name).toList())
                .containsExactly("customer", "order")
                .inOrder();
        assertThat(registry.documents().get(1).idType()).isEqualTo(Long.class);
    }

    @Test
    void aNestedDocumentTypeGetsItsOuterNameInItsGeneratedNames() {
        JavaFileObject document = source(
                "test.Shop",
                "public class Shop {",
                "    @Document",
                "    public record Item(@Id UUID id, @Index String sku) {}",
                "}");

        Compilation compilation = compile(document);

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("test.Shop_Item_");
        assertThat(compilation).generatedSourceFile("test.Shop_ItemRepository");
    }

    @Test
    void oneInvalidDocumentDoesNotStopTheOthersAndGetsNoOutput(@TempDir java.nio.file.Path output) throws Exception {
        JavaFileObject good = source("test.Good", "@Document", "public record Good(@Id UUID id) {}");
        JavaFileObject bad = source("test.Bad", "@Document", "public record Bad(UUID id) {}");

        // compile-testing hides the output of a failed compilation: run javac into a directory instead.
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaCompiler.CompilationTask task = javac.getTask(
                null,
                null,
                diagnostics,
                List.of("-d", output.toString(), "-s", output.toString(), "-proc:only"),
                null,
                List.of(good, bad));
        task.setProcessors(List.of(new RillflowProcessor()));
        boolean succeeded = task.call();
        List<String> written;
        try (Stream<java.nio.file.Path> files = Files.walk(output)) {
            written = files.filter(Files::isRegularFile)
                    .map(f -> output.relativize(f).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }

        assertThat(succeeded).isFalse();
        assertThat(diagnostics.getDiagnostics().stream()
                        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                        .count())
                .isEqualTo(1);
        String registry = "test/Rillflow_Registry.java";
        assertThat(written)
                .containsExactly(
                        "META-INF/services/io.rillflow.spi.RillflowRegistry",
                        "test/GoodRepository.java",
                        "test/Good_.java",
                        registry);
    }

    @Test
    void theSameSourcesGiveByteIdenticalOutput() throws IOException {
        Map<String, String> first = sources(
                compile(customer(), Sources.source("test.Good", "@Document", "public record Good(@Id UUID id) {}")));
        Map<String, String> second = sources(
                compile(Sources.source("test.Good", "@Document", "public record Good(@Id UUID id) {}"), customer()));

        assertThat(second).isEqualTo(first);
    }

    @Test
    void typesOfTheLongIdAndTheStringIdAreBoxed() {
        JavaFileObject document =
                source("test.Counter", "@Document", "public record Counter(@Id long id, long value) {}");

        Compilation compilation = compile(document);

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation)
                .generatedSourceFile("test.CounterRepository")
                .contentsAsUtf8String()
                .contains("extends DocumentRepository<Counter, Long>");
    }

    private static Map<String, String> sources(Compilation compilation) throws IOException {
        Map<String, String> sources = new TreeMap<>();
        for (JavaFileObject file : compilation.generatedSourceFiles()) {
            sources.put(file.getName(), file.getCharContent(true).toString());
        }
        return sources;
    }
}
