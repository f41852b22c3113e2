package io.rillflow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.rillflow.processor.Sources.assertOnlyError;
import static io.rillflow.processor.Sources.compile;
import static io.rillflow.processor.Sources.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Every Rillflow annotation written where no feature reads it is an error on that element, saying where it belongs;
 * the nearby legitimate uses still compile.
 */
class StrayAnnotationsTest {
    private static final String FIX_HANDLE =
            "Command handlers belong in the @Aggregate class that the command changes.";

    @Test
    void handleInAProcessManager() {
        JavaFileObject file = source(
                "test.Saga",
                "import io.rillflow.processes.Dispatch;",
                "@ProcessManager(name = \"saga\")",
                "public class Saga {",
                "    public record Placed(String id) {}",
                "    public record Ship(String id) {}",
                "    @On Dispatch<Object> on(Placed e) { return null; }",
                "    @Handle List<Object> ship(Ship c) { return List.of(); }",
                "}");

        assertOnlyError(
                file,
                "@Handle on method Saga.ship is never read: test.Saga is a @ProcessManager, which reacts to events"
                        + " with @On and returns commands for aggregates. " + FIX_HANDLE,
                "ship(Ship c)");
    }

    @Test
    void handleInAClassNestedInAnAggregate() {
        JavaFileObject file = source(
                "test.Counter",
                "@Aggregate(\"counter\")",
                "public class Counter {",
                "    public record Add(int n) {}",
                "    public record Reset() {}",
                "    public record Added(int n) {}",
                "    long value;",
                "    @Handle List<Object> add(Add c) { return List.of(new Added(c.n())); }",
                "    @Apply void on(Added e) { value += e.n(); }",
                "    static class Helper {",
                "        @Handle List<Object> reset(Reset c) { return List.of(); }",
                "    }",
                "}");

        assertOnlyError(
                file,
                "@Handle on method Helper.reset is never read: test.Counter.Helper is not an @Aggregate (handler"
                        + " methods are read from the annotated class itself, never from its supertypes). "
                        + FIX_HANDLE,
                "reset(Reset c)");
    }

    @Test
    void handleAndApplyInheritedFromASupertype() {
        JavaFileObject base = source(
                "test.Base",
                "public abstract class Base {",
                "    public record Add(int n) {}",
                "    public record Added(int n) {}",
                "    @Apply void on(Added e) {}",
                "}");
        JavaFileObject aggregate = source(
                "test.Counter",
                "@Aggregate(\"counter\")",
                "public class Counter extends Base {",
                "    @Handle List<Object> add(Add c) { return List.of(new Added(c.n())); }",
                "    @Apply void applied(Added e) {}",
                "}");

        assertOnlyError(
                base,
                "@Apply on method Base.on is never read: test.Base is not an @Aggregate (handler methods are read"
                        + " from the annotated class itself, never from its supertypes). Event appliers belong in the"
                        + " @Aggregate class whose state they change.",
                "void on(Added e)",
                aggregate);
    }

    @Test
    void applyInAProjection() {
        JavaFileObject file = source(
                "test.Stats",
                "@Projection(name = \"stats\")",
                "public class Stats {",
                "    public record Placed(String id) {}",
                "    @On void on(Placed e) {}",
                "    @Apply void apply(Placed e) {}",
                "}");

        assertOnlyError(
                file,
                "@Apply on method Stats.apply is never read: test.Stats is a @Projection, which reads events with"
                        + " @On and handles no commands.",
                "void apply(");
    }

    @Test
    void rebuildInAPlainClass() {
        JavaFileObject file = source("test.Plain", "public class Plain {", "    @Rebuild void reset() {}", "}");

        assertOnlyError(
                file,
                "@Rebuild on method Plain.reset is never read: test.Plain is not a @Projection (handler methods are"
                        + " read from the annotated class itself, never from its supertypes). Move it to a"
                        + " @Projection, or remove @Rebuild.",
                "void reset()");
    }

    @Test
    void indexOnAFieldOfANestedValue() {
        JavaFileObject file = source(
                "test.Customer",
                "@Document",
                "public record Customer(@Id UUID id, Address address) {",
                "    public record Address(@Index String city) {}",
                "}");

        assertOnlyError(
                file,
                "@Index on record component Address.city is never read: test.Customer.Address is not a @Document,"
                        + " nor a supertype of one. Put it on the @Document type or on one of its properties; a nested"
                        + " value's fields are indexed with @Index(path = \"a.b\") on the document.",
                "record Address(");
    }

    @Test
    void idAndFullTextInAClassThatIsNoDocument() {
        JavaFileObject file = source(
                "test.Note",
                "public class Note {",
                "    @Id public UUID id;",
                "    @FullText(language = \"english\") public String text;",
                "}");
        Compilation compilation = compile(file);

        assertThat(compilation).hadErrorCount(2);
        assertThat(compilation)
                .hadErrorContaining("@Id on field Note.id is never read: test.Note is not a @Document, nor a"
                        + " supertype of one. Annotate the class with @Document")
                .inFile(file)
                .onLineContaining("public UUID id");
        assertThat(compilation)
                .hadErrorContaining("@FullText on field Note.text is never read: test.Note is not a @Document")
                .inFile(file)
                .onLineContaining("public String text");
    }

    @Test
    void typeLevelIndexOnABaseClass() {
        JavaFileObject base = source(
                "test.Entity",
                "@Index(path = \"name\")",
                "public abstract class Entity {",
                "    @Id public UUID id;",
                "    public String name;",
                "}");
        JavaFileObject document = source("test.Tag", "@Document", "public class Tag extends Entity {}");

        assertOnlyError(
                base,
                "@Index on test.Entity is never read: test.Entity is not a @Document (a type-level index is read"
                        + " from the document type itself, never from a supertype).",
                "public abstract class Entity",
                document);
    }

    @Test
    void documentPropertiesInheritedFromBaseClassesAreRead() {
        JavaFileObject abstractBase =
                source("test.Entity", "public abstract class Entity {", "    @Id public UUID id;", "}");
        JavaFileObject concreteBase = source(
                "test.Named",
                "public class Named extends Entity {",
                "    @Index public String name;",
                "    @FullText(language = \"english\") public String about;",
                "}");
        JavaFileObject document = source("test.Tag", "@Document", "public class Tag extends Named {}");

        Compilation compilation = compile(abstractBase, concreteBase, document);

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("test.TagRepository");
    }

    @Test
    void handlersBesideUnannotatedDefaultMethodsSealedCommandsAndWildcardDispatchCompile() {
        JavaFileObject ledger = source(
                "test.Ledger",
                "@Aggregate(\"ledger\")",
                "public class Ledger implements Audited {",
                "    public sealed interface Payment permits Charge, Refund {}",
                "    public record Charge(int amount) implements Payment {}",
                "    public record Refund(int amount) implements Payment {}",
                "    public record Charged(int amount) {}",
                "    long balance;",
                "    @Handle List<Object> charge(Charge c) { return List.of(new Charged(c.amount())); }",
                "    @Handle List<Object> refund(Refund c) { return List.of(new Charged(-c.amount())); }",
                "    @Apply void on(Charged e) { balance += e.amount(); }",
                "}");
        JavaFileObject audited = source(
                "test.Audited", "public interface Audited {", "    default String auditName() { return \"x\"; }", "}");
        JavaFileObject saga = source(
                "test.Billing",
                "import io.rillflow.processes.Dispatch;",
                "@ProcessManager(name = \"billing\")",
                "public class Billing implements Audited {",
                "    public record Ordered(String id) {}",
                "    @On Dispatch<Ledger.Payment> on(Ordered e) { return Dispatch.to(e.id(), new Ledger.Charge(1)); }",
                "    @On List<Dispatch<?>> again(Ledger.Charged e) { return List.of(); }",
                "}");
        JavaFileObject projection = source(
                "test.Totals",
                "@Projection(name = \"totals\")",
                "public class Totals implements Audited {",
                "    private final String label;",
                "    public Totals(String label) { this.label = label; }",
                "    @On void on(Ledger.Charged e) {}",
                "    @Rebuild void reset() {}",
                "}");

        Compilation compilation = compile(ledger, audited, saga, projection);

        assertThat(compilation).succeededWithoutWarnings();
    }
}
