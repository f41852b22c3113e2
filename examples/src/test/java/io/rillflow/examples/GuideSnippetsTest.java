package io.rillflow.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Every {@code java} block of the guides in {@code docs/} compiles, with the annotation processor, against the
 * examples' class path; or it is marked as not compiled, with a reason. The marking convention is in
 * {@code docs/README.md}: an HTML comment on the line before the fence ({@code <!-- snippet: statements -->}).
 *
 * <p>Each guide's blocks compile together (so one block can use a type another declares) with the guide's context,
 * {@code examples/src/test/guides/<guide>/}: its {@code Guide.java} declares the imports every block gets and, as
 * fields, the names the statement blocks use ({@code store}, {@code products}, ...); the other files there declare
 * the types the guide mentions but does not show. The wrapped sources are left in {@code target/guide-snippets}.
 */
class GuideSnippetsTest {
    private static final Path DOCS = Path.of("..", "docs");
    private static final Path CONTEXTS = Path.of("src", "test", "guides");
    private static final Path OUT = Path.of("target", "guide-snippets");

    @Test
    void everyJavaBlockInTheGuidesIsMarked() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path guide : guides()) {
            for (GuideSnippet s : GuideSnippet.parse(guide)) {
                if (s.kind() == null) {
                    problems.add(s.where() + ": a java block needs a <!-- snippet: ... --> line before it: "
                            + GuideSnippet.KINDS);
                } else if (s.kind() == GuideSnippet.Kind.SKIP && s.argument().isBlank()) {
                    problems.add(s.where() + ": <!-- snippet: skip --> needs the reason the block is not compiled");
                } else if (s.kind() == GuideSnippet.Kind.ERROR && s.argument().isBlank()) {
                    problems.add(s.where() + ": <!-- snippet: error --> needs the text of the expected error");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyMarkedBlockCompilesWithTheProcessor() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path guide : guides()) {
            List<GuideSnippet> snippets = GuideSnippet.parse(guide);
            List<GuideSnippet> compiled = snippets.stream()
                    .filter(s -> s.kind() == GuideSnippet.Kind.DECLARATIONS || s.kind() == GuideSnippet.Kind.STATEMENTS)
                    .toList();
            if (!compiled.isEmpty()) {
                problems.addAll(compile(guide, compiled, List.of()));
            }
            for (GuideSnippet error : snippets.stream()
                    .filter(s -> s.kind() == GuideSnippet.Kind.ERROR)
                    .toList()) {
                problems.addAll(compile(guide, List.of(error), List.of(error.argument())));
            }
        }
        assertThat(problems).isEmpty();
    }

    /**
     * Compiles {@code snippets} with the guide's context; returns what went wrong, located in the guide. With
     * {@code expectedErrors}, the compilation must fail with each of them and nothing else counts as a problem.
     */
    private static List<String> compile(Path guide, List<GuideSnippet> snippets, List<String> expectedErrors)
            throws IOException {
        String name = guideName(guide);
        Path context = CONTEXTS.resolve(name);
        Path dir = OUT.resolve(name
                + (expectedErrors.isEmpty() ? "" : "-error-" + snippets.get(0).line()));
        Path sources = dir.resolve("src");
        Path classes = dir.resolve("classes");
        Path generated = dir.resolve("generated");
        deleteRecursively(dir);
        Files.createDirectories(classes);
        Files.createDirectories(generated);

        String pkg = "guides." + name.replace('-', '_');
        List<String> imports = Files.exists(context.resolve("Guide.java"))
                ? Files.readAllLines(context.resolve("Guide.java")).stream()
                        .filter(l -> l.startsWith("import "))
                        .toList()
                : List.of();
        List<Path> files = new ArrayList<>();
        List<WrappedSnippet> wrapped = new ArrayList<>();
        for (GuideSnippet s : snippets) {
            WrappedSnippet w = s.wrap(pkg, imports);
            Path file = sources.resolve(w.relativePath());
            Files.createDirectories(file.getParent());
            Files.writeString(file, w.source());
            files.add(file);
            wrapped.add(w);
        }
        if (Files.isDirectory(context)) {
            try (Stream<Path> list = Files.list(context)) {
                list.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
            }
        }

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        boolean ok;
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, null, null)) {
            List<String> options = List.of(
                    "-classpath",
                    testClassPath(),
                    "-processorpath",
                    testClassPath(),
                    "-d",
                    classes.toString(),
                    "-s",
                    generated.toString(),
                    "--release",
                    "17");
            ok = javac.getTask(null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(files))
                    .call();
        }

        List<String> problems = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                errors.add(locate(d, wrapped, guide) + ": " + d.getMessage(null));
            }
        }
        if (expectedErrors.isEmpty()) {
            if (!ok) {
                problems.addAll(errors);
                problems.add(guide + ": the snippets above do not compile; the wrapped sources are in " + sources);
            }
        } else {
            GuideSnippet s = snippets.get(0);
            if (ok) {
                problems.add(
                        s.where() + ": compiled, but the guide says it fails with \"" + expectedErrors.get(0) + "\"");
            }
            for (String expected : expectedErrors) {
                if (errors.stream().noneMatch(e -> e.contains(expected))) {
                    problems.add(s.where() + ": expected the error \"" + expected + "\", got " + errors);
                }
            }
        }
        return problems;
    }

    /** Where a diagnostic points: the guide's line for a snippet, the context file's line otherwise. */
    private static String locate(Diagnostic<? extends JavaFileObject> d, List<WrappedSnippet> wrapped, Path guide) {
        if (d.getSource() == null) {
            return guide.toString();
        }
        String file = d.getSource().getName();
        for (WrappedSnippet w : wrapped) {
            if (file.endsWith(w.relativePath().toString())) {
                return w.snippet().locate(d.getLineNumber() - w.headerLines());
            }
        }
        return file + ":" + d.getLineNumber();
    }

    private static String testClassPath() {
        // Surefire hands the test class path in this property when the JVM's own is a manifest-only jar.
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private static String guideName(Path guide) {
        String file = guide.getFileName().toString();
        return file.substring(0, file.length() - ".md".length());
    }

    private static List<Path> guides() throws IOException {
        try (Stream<Path> list = Files.list(DOCS)) {
            List<Path> guides =
                    list.filter(p -> p.toString().endsWith(".md")).sorted().toList();
            assertThat(guides).isNotEmpty();
            return guides;
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
