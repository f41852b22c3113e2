package io.rillflow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.rillflow.processor.Sources.assertOnlyError;
import static io.rillflow.processor.Sources.compile;
import static io.rillflow.processor.Sources.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** One test per diagnostic of the catalogue: the error, on the line that caused it, and no other. */
class DocumentDiagnosticsTest {

    @Test
    void abstractDocument() {
        JavaFileObject file =
                source("test.Shape", "@Document", "public abstract class Shape {", "    @Id public UUID id;", "}");

        assertOnlyError(file, Message.DOCUMENT_NOT_CONCRETE.format("test.Shape", "abstract"), "abstract class Shape");
    }

    @Test
    void interfaceDocument() {
        JavaFileObject file = source("test.Shape", "@Document", "public interface Shape {", "    UUID id();", "}");

        assertOnlyError(
                file, Message.DOCUMENT_NOT_CONCRETE.format("test.Shape", "an interface"), "public interface Shape");
    }

    @Test
    void documentThatIsNotPublic() {
        JavaFileObject file = source("test.Hidden", "@Document", "record Hidden(@Id UUID id) {}");

        assertOnlyError(file, Message.DOCUMENT_NOT_PUBLIC.format("test.Hidden"), "record Hidden");
    }

    @Test
    void innerClassDocument() {
        JavaFileObject file = source(
                "test.Outer",
                "public class Outer {",
                "    @Document",
                "    public class Inner {",
                "        @Id public UUID id;",
                "    }",
                "}");

        assertOnlyError(file, Message.DOCUMENT_INNER_CLASS.format("test.Outer.Inner", "Outer"), "public class Inner");
    }

    @Test
    void genericDocument() {
        JavaFileObject file = source("test.Box", "@Document", "public record Box<T>(@Id UUID id, T value) {}");

        assertOnlyError(file, Message.DOCUMENT_GENERIC.format("test.Box", "<T>"), "public record Box<T>");
    }

    @Test
    void documentJacksonCannotConstruct() {
        JavaFileObject file = source(
                "test.Fixed",
                "@Document",
                "public class Fixed {",
                "    @Id public final UUID id;",
                "    public Fixed(UUID id) { this.id = id; }",
                "}");

        assertOnlyError(file, Message.DOCUMENT_NOT_CONSTRUCTIBLE.format("test.Fixed"), "public class Fixed");
    }

    @Test
    void documentWithAJsonCreatorConstructorIsConstructible() {
        JavaFileObject file = source(
                "test.Fixed",
                "@Document",
                "public class Fixed {",
                "    @Id public final UUID id;",
                "    @JsonCreator public Fixed(@JsonProperty(\"id\") UUID id) { this.id = id; }",
                "}");

        assertThat(compile(file)).succeededWithoutWarnings();
    }

    @Test
    void invalidDocumentName() {
        JavaFileObject file = source(
                "test.OrderLine",
                "@Document(",
                "        name = \"Order-Lines\")",
                "public record OrderLine(@Id UUID id) {}");

        assertOnlyError(
                file,
                Message.DOCUMENT_INVALID_NAME.format("test.OrderLine", "Order-Lines", "order_lines"),
                "name = \"Order-Lines\"");
    }

    @Test
    void defaultNameTooLong() {
        String longName = "A".repeat(1) + "b".repeat(40);
        JavaFileObject file = source("test." + longName, "@Document", "public record " + longName + "(@Id UUID id) {}");

        assertOnlyError(
                file,
                Message.DOCUMENT_INVALID_NAME.format("test." + longName, longName.toLowerCase(), "a" + "b".repeat(39)),
                "@Document");
    }

    @Test
    void twoDocumentsWithOneTable() {
        JavaFileObject first =
                source("a.Customer", "@Document(name = \"client\")", "public record Customer(@Id UUID id) {}");
        JavaFileObject second = source("b.Client", "@Document", "public record Client(@Id UUID id) {}");

        Compilation compilation = compile(first, second);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining(Message.DOCUMENT_DUPLICATE_NAME.format("b.Client", "client", "a.Customer"))
                .inFile(second)
                .onLineContaining("@Document");
    }

    @Test
    void historyTableTakenByAnotherDocumentsTable() {
        JavaFileObject audit = source(
                "a.OrderHistory", "@Document(name = \"order_history\")", "public record OrderHistory(@Id UUID id) {}");
        JavaFileObject order = source(
                "b.Order",
                "@Document(name = \"order\",",
                "        history = true)",
                "public record Order(@Id UUID id) {}");

        Compilation compilation = compile(audit, order);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining(Message.DOCUMENT_HISTORY_TABLE_CLASH.format("b.Order", "order", "a.OrderHistory"))
                .inFile(order)
                .onLineContaining("history = true");
    }

    @Test
    void documentTableTakenByAnotherDocumentsHistory() {
        // Documents are checked in name order, so a.Order claims its history table before b.OrderHistory comes.
        JavaFileObject order =
                source("a.Order", "@Document(name = \"order\", history = true)", "public record Order(@Id UUID id) {}");
        JavaFileObject audit = source(
                "b.OrderHistory", "@Document(name = \"order_history\")", "public record OrderHistory(@Id UUID id) {}");

        Compilation compilation = compile(order, audit);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining(Message.DOCUMENT_DUPLICATE_NAME.format(
                        "b.OrderHistory", "order_history", "the history of a.Order"))
                .inFile(audit)
                .onLineContaining("name = \"order_history\"");
    }

    @Test
    void documentWithoutId() {
        JavaFileObject file = source("test.NoId", "@Document", "public record NoId(UUID id) {}");

        assertOnlyError(file, Message.DOCUMENT_MISSING_ID.format("test.NoId"), "public record NoId");
    }

    @Test
    void documentWithTwoIds() {
        JavaFileObject file = source(
                "test.TwoIds",
                "@Document",
                "public record TwoIds(",
                "        @Id UUID id,",
                "        @Id String code) {}");

        assertOnlyError(file, Message.DOCUMENT_DUPLICATE_ID.format("test.TwoIds", "id", "code"), "@Id String code");
    }

    @Test
    void unsupportedIdType() {
        JavaFileObject file =
                source("test.Numbered", "@Document", "public record Numbered(", "        @Id int number) {}");

        assertOnlyError(file, Message.ID_UNSUPPORTED_TYPE.format("Numbered.number", "int"), "@Id int number");
    }

    @Test
    void idThatJacksonDoesNotWrite() {
        JavaFileObject file =
                source("test.Secretive", "@Document", "public class Secretive {", "    @Id private UUID id;", "}");

        assertOnlyError(
                file,
                Message.ID_NOT_STORED.format(
                        "Secretive.id", "it is not public and has neither a public getter nor @JsonProperty"),
                "@Id private UUID id");
    }

    @Test
    void idThatTheRepositoryCannotRead() {
        JavaFileObject file = source(
                "test.Sealed", "@Document", "public class Sealed {", "    @Id @JsonProperty private UUID id;", "}");

        assertOnlyError(
                file,
                Message.ID_NOT_READABLE.format("Sealed.id", "SealedRepository"),
                "@Id @JsonProperty private UUID id");
    }

    @Test
    void propertyNameThatCannotBeAPath() {
        JavaFileObject file = source(
                "test.Person",
                "@Document",
                "public record Person(@Id UUID id,",
                "        @JsonProperty(\"first name\") String firstName) {}");

        assertOnlyError(file, Message.PROPERTY_NAME_INVALID.format("first name", "test.Person"), "String firstName");
    }

    @Test
    void indexOnAMemberJacksonDoesNotWrite() {
        JavaFileObject file = source(
                "test.Person",
                "@Document",
                "public record Person(@Id UUID id,",
                "        @Index @JsonIgnore String cache) {}");

        assertOnlyError(
                file,
                Message.ANNOTATION_ON_UNSTORED_MEMBER.format(
                        "Index", "Person.cache", "it is annotated @JsonIgnore", "Index"),
                "String cache");
    }

    @Test
    void indexOnTheTypeWithoutPath() {
        JavaFileObject file =
                source("test.Person", "@Document", "@Index", "public record Person(@Id UUID id, String email) {}");

        assertOnlyError(file, Message.INDEX_WITHOUT_PATH.format("Person"), "@Index");
    }

    @Test
    void indexWithPathOnAMember() {
        JavaFileObject file = source(
                "test.Person",
                "@Document",
                "public record Person(@Id UUID id,",
                "        @Index(path = \"city\") Address address) {",
                "    public record Address(String city) {}",
                "}");

        assertOnlyError(
                file,
                Message.INDEX_PATH_ON_MEMBER.format("Person.address", "city", "address.city", "Person"),
                "@Index(path = \"city\")");
    }

    @Test
    void indexPathNamingAnUnknownFieldSuggestsTheClosest() {
        JavaFileObject file = source(
                "test.Person",
                "@Document",
                "@Index(path = \"emial\")",
                "public record Person(@Id UUID id, String email, String name) {}");

        assertOnlyError(
                file,
                Message.INDEX_UNKNOWN_FIELD.format("emial", "Person", "Person", "emial", "Did you mean \"email\"?"),
                "@Index(path = \"emial\")");
    }

    @Test
    void nestedIndexPathNamingAnUnknownFieldListsTheKnownOnes() {
        JavaFileObject file = source(
                "test.Person",
                "@Document",
                "@Index(path = \"address.postcode\")",
                "public record Person(@Id UUID id, Address address) {",
                "    public record Address(String city, String zip) {}",
                "}");

        assertOnlyError(
                file,
                Message.INDEX_UNKNOWN_FIELD.format(
                        "address.postcode", "Person", "Address", "postcode", "Its properties are: city, zip."),
                "@Index(path = \"address.postcode\")");
    }

    @Test
    void indexPathThroughAnUntypedObject() {
        JavaFileObject file = source(
                "test.Person",
                "@Document",
                "@Index(path = \"extra.color\")",
                "public record Person(@Id UUID id, Map<String, String> extra) {}");

        assertOnlyError(
                file,
                Message.INDEX_PATH_NOT_NAVIGABLE.format("extra.color", "Person", "extra", "an untyped object"),
                "@Index(path = \"extra.color\")");
    }

    @Test
    void btreeIndexOnACollection() {
        JavaFileObject file = source(
                "test.Person",
                "@Document",
                "public record Person(@Id UUID id,",
                "        @Index List<String> tags) {}");

        assertOnlyError(
                file,
                Message.INDEX_BTREE_NOT_SCALAR.format("Person.tags", "tags", "a collection"),
                "@Index List<String> tags");
    }

    @Test
    void btreeIndexOnANestedObjectThroughTheTypePath() {
        JavaFileObject file = source(
                "test.Person",
                "@Document",
                "@Index(path = \"address\")",
                "public record Person(@Id UUID id, Address address) {",
                "    public record Address(String city) {}",
                "}");

        assertOnlyError(
                file,
                Message.INDEX_BTREE_NOT_SCALAR.format("Person (path \"address\")", "address", "an object"),
                "@Index(path = \"address\")");
    }

    @Test
    void ginIndexOnAScalar() {
        JavaFileObject file = source(
                "test.Person",
                "@Document",
                "public record Person(@Id UUID id,",
                "        @Index(kind = Index.Kind.GIN) String email) {}");

        assertOnlyError(
                file,
                Message.INDEX_GIN_ON_SCALAR.format("Person.email", "email", "a string"),
                "@Index(kind = Index.Kind.GIN) String email");
    }

    @Test
    void uniqueGinIndex() {
        JavaFileObject file = source(
                "test.Person",
                "@Document",
                "public record Person(@Id UUID id,",
                "        @Index(kind = Index.Kind.GIN, unique = true) List<String> tags) {}");

        assertOnlyError(file, Message.INDEX_UNIQUE_GIN.format("Person.tags"), "unique = true) List<String> tags");
    }

    @Test
    void invalidIndexName() {
        JavaFileObject file = source(
                "test.Person",
                "@Document",
                "public record Person(@Id UUID id,",
                "        @Index(name = \"by-email\") String email) {}");

        assertOnlyError(
                file,
                Message.INDEX_INVALID_NAME.format("by-email", "Person.email", 49, "person"),
                "@Index(name = \"by-email\")");
    }

    @Test
    void twoIndexesWithOneName() {
        JavaFileObject file = source(
                "test.Person",
                "@Document",
                "public record Person(@Id UUID id,",
                "        @Index(name = \"lookup\") String email,",
                "        @Index(name = \"lookup\") String phone) {}");

        assertOnlyError(
                file,
                Message.INDEX_DUPLICATE_NAME.format("lookup", "Person.phone", "Person.email"),
                "@Index(name = \"lookup\") String phone");
    }

    @Test
    void fullTextOnANumber() {
        JavaFileObject file = source(
                "test.Person", "@Document", "public record Person(@Id UUID id,", "        @FullText int age) {}");

        assertOnlyError(file, Message.FULL_TEXT_NOT_STRING.format("Person.age", "int"), "@FullText int age");
    }

    @Test
    void fullTextWithAnUnknownLanguageSuggestsTheClosest() {
        JavaFileObject file = source(
                "test.Person",
                "@Document",
                "public record Person(@Id UUID id,",
                "        @FullText(language = \"englsh\") String bio) {}");

        assertOnlyError(
                file,
                Message.FULL_TEXT_UNKNOWN_LANGUAGE.format("Person.bio", "englsh", "Did you mean \"english\"?"),
                "@FullText(language = \"englsh\") String bio");
    }

    @Test
    void documentUsingATypeThatNeverResolves() {
        JavaFileObject file =
                source("test.Lost", "@Document", "public record Lost(@Id UUID id,", "        Missing missing) {}");

        Compilation compilation = compile(file);

        assertThat(compilation).hadErrorCount(2); // javac's "cannot find symbol", then ours
        assertThat(compilation)
                .hadErrorContaining("cannot find symbol")
                .inFile(file)
                .onLineContaining("Missing");
        assertThat(compilation)
                .hadErrorContaining(Message.UNRESOLVED_TYPE.format("Document", "test.Lost", "the type of Lost.missing"))
                .inFile(file)
                .onLineContaining("public record Lost");
    }

    @Test
    void twoDocumentsGeneratingTheSameClass() {
        JavaFileObject nested =
                source("test.A", "public class A {", "    @Document", "    public record Item(@Id UUID id) {}", "}");
        JavaFileObject topLevel = source("test.A_Item", "@Document", "public record A_Item(@Id UUID id) {}");

        Compilation compilation = compile(nested, topLevel);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining(Message.GENERATED_NAME_CLASH.format("test.A_Item", "test.A_Item_", "test.A.Item"))
                .inFile(topLevel)
                .onLineContaining("public record A_Item");
    }
}
