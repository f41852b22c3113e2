package io.rillflow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.rillflow.processor.Sources.compile;
import static io.rillflow.processor.Sources.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A type with an error gets no generated repository or metamodel; code that uses them must not add "cannot find
 * symbol" errors on top of the real one. javac defers unresolved symbols while processors run and drops them once a
 * processor reported an error, so the processor only has to report on the element at fault; these tests pin that, on
 * the JDK the build runs (17 in CI; checked by hand on 25).
 */
class NoCascadeTest {
    private static final JavaFileObject CUSTOMER_USAGE = source(
            "test.Usage",
            "import io.rillflow.Store;",
            "class Usage {",
            "    Object use(Store store) {",
            "        return new CustomerRepository(store).query().where(Customer_.name.eq(\"x\")).list();",
            "    }",
            "}");

    @Test
    void aDocumentWithAnErrorAddsNoErrorsWhereItsRepositoryIsUsed() {
        JavaFileObject customer =
                source("test.Customer", "@Document", "public record Customer(UUID id, String name) {}");

        Compilation compilation = compile(customer, CUSTOMER_USAGE);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("has no @Id").inFile(customer);
    }

    @Test
    void aDocumentWithAnUnresolvedTypeGetsTheRealErrorAndWhyNothingWasGenerated() {
        JavaFileObject customer = source(
                "test.Customer", "@Document", "public record Customer(@Id UUID id, String name, Missing missing) {}");

        Compilation compilation = compile(customer, CUSTOMER_USAGE);

        assertThat(compilation).hadErrorCount(2);
        assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(customer);
        assertThat(compilation)
                .hadErrorContaining("@Document test.Customer was not generated: the type of Customer.missing could not"
                        + " be resolved")
                .inFile(customer);
    }

    @Test
    void anAggregateWithAnErrorAddsNoErrorsWhereItsRepositoryIsUsed() {
        JavaFileObject counter = source(
                "test.Counter",
                "@Aggregate(\"counter\")",
                "public class Counter {",
                "    public record Add(int n) {}",
                "    @Handle static List<Object> add(Add c) { return List.of(); }",
                "}");
        JavaFileObject usage = source(
                "test.Usage",
                "import io.rillflow.Store;",
                "class Usage {",
                "    Object use(Store store) { return new CounterRepository(store); }",
                "}");

        Compilation compilation = compile(counter, usage);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("is static").inFile(counter);
    }
}
