package io.rillflow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/** Test sources with the imports every document test needs, and the compiler with the processor. */
final class Sources {
    private static final List<String> IMPORTS = List.of(
            "import io.rillflow.annotations.*;",
            "import com.fasterxml.jackson.annotation.*;",
            "import java.math.*;",
            "import java.time.*;",
            "import java.util.*;");

    private Sources() {}

    /** A source file for {@code qualifiedName} whose body follows the package and imports. */
    static JavaFileObject source(String qualifiedName, String... body) {
        List<String> lines = new ArrayList<>();
        int dot = qualifiedName.lastIndexOf('.');
        lines.add("package " + qualifiedName.substring(0, dot) + ";");
        lines.addAll(IMPORTS);
        lines.addAll(List.of(body));
        return JavaFileObjects.forSourceLines(qualifiedName, lines);
    }

    /** The customer most tests share: a document with an enum status, a nested address and a full-text bio. */
    static JavaFileObject customer() {
        return source(
                "test.Customer",
                "@Document",
                "@Index(path = \"address.city\")",
                "public record Customer(",
                "        @Id UUID id,",
                "        @Index(unique = true) String email,",
                "        String status,",
                "        int age,",
                "        Address address,",
                "        List<String> tags,",
                "        Instant since,",
                "        @FullText(language = \"english\") String bio,",
                "        Tier tier) {",
                "    public enum Tier { GOLD, SILVER }",
                "    public record Address(String city, String zip) {}",
                "}");
    }

    /** Compiles {@code sources} with the document processor, with -Xlint:all so warnings show. */
    static Compilation compile(JavaFileObject... sources) {
        return Compiler.javac()
                .withProcessors(new RillflowProcessor())
                .withOptions("-Xlint:all,-processing")
                .compile(sources);
    }

    /**
     * Compiles {@code file} (with {@code alongside}) and asserts the compilation reports exactly one error,
     * {@code message}, in {@code file} on the line containing {@code line}.
     */
    static void assertOnlyError(JavaFileObject file, String message, String line, JavaFileObject... alongside) {
        JavaFileObject[] sources = new JavaFileObject[alongside.length + 1];
        sources[0] = file;
        System.arraycopy(alongside, 0, sources, 1, alongside.length);
        Compilation compilation = compile(sources);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining(message).inFile(file).onLineContaining(line);
    }
}
