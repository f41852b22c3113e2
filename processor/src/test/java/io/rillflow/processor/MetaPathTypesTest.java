package io.rillflow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.rillflow.processor.Sources.assertOnlyError;
import static io.rillflow.processor.Sources.compile;
import static io.rillflow.processor.Sources.customer;
import static io.rillflow.processor.Sources.source;

import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The runtime's {@code Meta} paths take only their column's type, like the generated metamodel's paths, so that a
 * wrong comparison is javac's error on the value, next to queries on a generated repository.
 */
class MetaPathTypesTest {
    private static JavaFileObject usage(String condition) {
        return source(
                "test.Usage",
                "import io.rillflow.Store;",
                "import io.rillflow.query.Meta;",
                "class Usage {",
                "    Object use(Store store, Instant since) {",
                "        return new CustomerRepository(store).query()",
                "                .where(" + condition + ")",
                "                .orderBy(Meta.updatedAt().desc(), Customer_.email.asc())",
                "                .list();",
                "    }",
                "}");
    }

    @Test
    void metadataConditionsOfTheColumnTypeCompileWithTheMetamodel() {
        assertThat(compile(
                        customer(),
                        usage("Meta.updatedAt().after(since).and(Meta.version().gte(2L))"
                                + ".and(Customer_.since.before(since))")))
                .succeededWithoutWarnings();
    }

    @Test
    void aTimestampColumnComparedWithTextDoesNotCompile() {
        JavaFileObject usage = usage("Meta.updatedAt().after(\"2026-01-01\")");
        assertOnlyError(usage, "java.lang.String cannot be converted to java.time.Instant", ".where(", customer());
    }

    @Test
    void aTimestampColumnComparedWithALocalDateDoesNotCompile() {
        JavaFileObject usage = usage("Meta.createdAt().gt(LocalDate.of(2026, 1, 1))");
        assertOnlyError(usage, "java.time.LocalDate cannot be converted to java.time.Instant", ".where(", customer());
    }

    @Test
    void theVersionComparedWithTextDoesNotCompile() {
        JavaFileObject usage = usage("Meta.version().eq(\"3\")");
        assertOnlyError(usage, "java.lang.String cannot be converted to java.lang.Long", ".where(", customer());
    }
}
