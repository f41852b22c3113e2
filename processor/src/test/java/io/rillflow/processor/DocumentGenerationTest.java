package io.rillflow.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.rillflow.processor.Sources.compile;
import static io.rillflow.processor.Sources.customer;
import static io.rillflow.processor.Sources.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.testing.compile.Compilation;
import io.rillflow.documents.DocumentDefinition;
import io.rillflow.documents.IndexDefinition;
import io.rillflow.internal.JsonCodec;
import io.rillflow.query.BooleanPath;
import io.rillflow.query.EnumPath;
import io.rillflow.query.FullTextPath;
import io.rillflow.query.ObjectPath;
import io.rillflow.query.Path;
import io.rillflow.query.StringPath;
import io.rillflow.query.TemporalPath;
import io.rillflow.sql.SqlType;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** What the generated metamodels, repositories and registries are and do, compiled and loaded. */
class DocumentGenerationTest {

    @Test
    void theIssuesExamplesCompileAgainstTheGeneratedMetamodelAndRepository() {
        JavaFileObject usage = source(
                "test.Usage",
                "import io.rillflow.Store;",
                "import io.rillflow.documents.Versioned;",
                "import io.rillflow.query.Condition;",
                "class Usage {",
                "    static List<Condition> conditions(Instant t) {",
                "        return List.of(",
                "                Customer_.email.eq(\"a@x\"),",
                "                Customer_.age.between(18, 65),",
                "                Customer_.address.city.startsWith(\"Ber\"),",
                "                Customer_.tags.contains(\"vip\"),",
                "                Customer_.since.after(t),",
                "                Customer_.status.in(List.of(\"a\")),",
                "                Customer_.bio.search(\"lighthouse keeper\"),",
                "                Customer_.tier.eq(Customer.Tier.GOLD));",
                "    }",
                "    static Optional<Versioned<Customer>> use(Store store, UUID id) {",
                "        CustomerRepository customers = new CustomerRepository(store);",
                "        customers.patch(id, Customer_.address.city.set(\"Berlin\"));",
                "        customers.query().where(Customer_.age.gte(18)).orderBy(Customer_.since.desc()).list();",
                "        return customers.get(id);",
                "    }",
                "}");

        Compilation compilation = compile(customer(), usage);

        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void aValueOfTheWrongTypeDoesNotCompile() {
        JavaFileObject usage =
                source("test.Usage", "class Usage {", "    Object wrong = Customer_.age.eq(\"x\");", "}");

        Compilation compilation = compile(customer(), usage);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("incompatible types")
                .inFile(usage)
                .onLineContaining("Customer_.age.eq(\"x\")");
    }

    @Test
    void aTypedPatchWithAValueOfTheWrongTypeNamesTheFieldsType() {
        JavaFileObject usage = source(
                "test.Usage",
                "import io.rillflow.Store;",
                "class Usage {",
                "    static long use(Store store, UUID id) {",
                "        return new CustomerRepository(store).patch(id, Customer_.age.set(\"x\"));",
                "    }",
                "}");

        Compilation compilation = compile(customer(), usage);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("incompatible types: java.lang.String cannot be converted to java.lang.Integer")
                .inFile(usage)
                .onLineContaining("Customer_.age.set(\"x\")");
    }

    @Test
    void metamodelPathsRenderTheJsonPathsThatAreStored() {
        CompiledClasses classes = new CompiledClasses(compile(customer()));

        Path<?> email = (Path<?>) classes.staticField("test.Customer_", "email");
        ObjectPath address = (ObjectPath) classes.staticField("test.Customer_", "address");
        Path<?> city = (Path<?>) CompiledClasses.field(address, "city");
        FullTextPath bio = (FullTextPath) classes.staticField("test.Customer_", "bio");
        TemporalPath<?> since = (TemporalPath<?>) classes.staticField("test.Customer_", "since");

        assertThat(email.textExpression()).isEqualTo("(data ->> 'email')");
        assertThat(city).isInstanceOf(StringPath.class);
        assertThat(city.segments()).containsExactly("address", "city").inOrder();
        assertThat(address.getClass().getName()).isEqualTo("test.Customer_$Address_");
        assertThat(bio.language()).isEqualTo("english");
        assertThat(since.sqlType()).isEqualTo(SqlType.TIMESTAMPTZ);
        assertThat(classes.staticField("test.Customer_", "tier")).isInstanceOf(EnumPath.class);
    }

    @Test
    void repositoryDefinitionNamesTheTableIdTypeAndIndexesOnMetamodelPaths() {
        CompiledClasses classes = new CompiledClasses(compile(customer()));

        DocumentDefinition<?, ?> definition =
                (DocumentDefinition<?, ?>) classes.staticField("test.CustomerRepository", "DEFINITION");

        assertThat(definition.name()).isEqualTo("customer");
        assertThat(definition.type().getName()).isEqualTo("test.Customer");
        assertThat(definition.idType()).isEqualTo(UUID.class);
        assertThat(definition.indexes().stream()
                        .map(DocumentGenerationTest::describe)
                        .toList())
                .containsExactly("email BTREE unique email", "address_city BTREE address.city", "bio_fts FULL_TEXT bio")
                .inOrder();
    }

    @Test
    void historyIsOffByDefaultAndDeclaredThroughWithHistory() throws IOException {
        JavaFileObject audited = source(
                "test.Audited", "@Document(history = true)", "public record Audited(@Id UUID id, String note) {}");
        Compilation compilation = compile(audited, customer());
        CompiledClasses classes = new CompiledClasses(compilation);

        DocumentDefinition<?, ?> definition =
                (DocumentDefinition<?, ?>) classes.staticField("test.AuditedRepository", "DEFINITION");
        assertThat(definition.history()).isTrue();
        assertThat(definition.name()).isEqualTo("audited");
        assertThat(((DocumentDefinition<?, ?>) classes.staticField("test.CustomerRepository", "DEFINITION")).history())
                .isFalse();
        assertThat(generatedSource(compilation, "test.AuditedRepository"))
                .contains("            document -> document.id(),\n"
                        + "            List.of())\n"
                        + "            .withHistory();");
        assertThat(generatedSource(compilation, "test.CustomerRepository")).doesNotContain("withHistory");
    }

    @Test
    void generatedSourcesHaveTheDocumentedShape() throws IOException {
        Compilation compilation = compile(customer());

        String metamodel = generatedSource(compilation, "test.Customer_");
        String repository = generatedSource(compilation, "test.CustomerRepository");

        assertThat(metamodel).contains("@Generated(\"io.rillflow.processor.RillflowProcessor\")");
        assertThat(metamodel).contains("public final class Customer_ {");
        assertThat(metamodel)
                .contains(
                        "public static final NumberPath<Integer> age = new NumberPath<>(/* parent */ null, \"age\");");
        assertThat(metamodel)
                .contains("public static final Address_ address = new Address_(/* parent */ null, \"address\");");
        assertThat(metamodel).contains("public static final class Address_ extends ObjectPath {");
        assertThat(metamodel).contains("this.city = new StringPath(this, \"city\");");
        assertThat(metamodel).contains("private Customer_() {");
        assertThat(repository).contains("public class CustomerRepository extends DocumentRepository<Customer, UUID> {");
        assertThat(repository)
                .contains(
                        "DEFINITION = new DocumentDefinition<>(\n"
                                + "            \"customer\",\n"
                                + "            Customer.class,\n"
                                + "            UUID.class,\n"
                                + "            document -> document.id(),\n"
                                + "            List.of(\n"
                                + "                    IndexDefinition.btree(\"email\", Customer_.email, /* unique */ true),\n");
        assertThat(repository).contains("IndexDefinition.btree(\"email\", Customer_.email, /* unique */ true)");
        assertThat(repository)
                .contains("IndexDefinition.btree(\"address_city\", Customer_.address.city, /* unique */ false)");
        assertThat(repository).contains("IndexDefinition.fullText(\"bio_fts\", Customer_.bio)");
        assertThat(repository).contains("super(store, DEFINITION);");
        assertThat(repository)
                .contains("protected UUID idOf(Customer document) {\n        return DEFINITION.idOf(document);");
    }

    @Test
    void javaTypesMapToTheirPathClasses() {
        JavaFileObject document = source(
                "test.Sample",
                "@Document",
                "public record Sample(",
                "        @Id String id,",
                "        short s, byte b, double d, float f, long l, Long boxed, BigDecimal decimal, BigInteger big,",
                "        boolean flag, Boolean maybe, char letter,",
                "        OffsetDateTime offset, ZonedDateTime zoned, LocalDateTime local, LocalDate day,",
                "        Set<UUID> ids, int[] numbers, Collection<? extends Number> measures, byte[] blob,",
                "        Optional<String> nickname, OptionalLong counter, UUID ref,",
                "        Map<String, Object> extra, Object anything, com.fasterxml.jackson.databind.JsonNode tree,",
                "        Secret secret, Runnable task) {",
                "    private enum Secret { A }",
                "}");

        Compilation compilation = compile(document);
        assertThat(compilation).succeededWithoutWarnings();
        Map<String, String> types = fieldTypes(new CompiledClasses(compilation), "test.Sample_");

        assertThat(types)
                .containsAtLeast(
                        "id", "io.rillflow.query.StringPath",
                        "s", "io.rillflow.query.NumberPath<java.lang.Short>",
                        "b", "io.rillflow.query.NumberPath<java.lang.Byte>",
                        "d", "io.rillflow.query.NumberPath<java.lang.Double>",
                        "f", "io.rillflow.query.NumberPath<java.lang.Float>",
                        "l", "io.rillflow.query.NumberPath<java.lang.Long>",
                        "boxed", "io.rillflow.query.NumberPath<java.lang.Long>",
                        "decimal", "io.rillflow.query.NumberPath<java.math.BigDecimal>",
                        "big", "io.rillflow.query.NumberPath<java.math.BigInteger>");
        assertThat(types)
                .containsAtLeast(
                        "flag", "io.rillflow.query.BooleanPath",
                        "maybe", "io.rillflow.query.BooleanPath",
                        "letter", "io.rillflow.query.StringPath",
                        "offset", "io.rillflow.query.TemporalPath<java.time.OffsetDateTime>",
                        "zoned", "io.rillflow.query.TemporalPath<java.time.ZonedDateTime>",
                        "local", "io.rillflow.query.TemporalPath<java.time.LocalDateTime>",
                        "day", "io.rillflow.query.TemporalPath<java.time.LocalDate>");
        assertThat(types)
                .containsAtLeast(
                        "ids", "io.rillflow.query.CollectionPath<java.util.UUID>",
                        "numbers", "io.rillflow.query.CollectionPath<java.lang.Integer>",
                        "measures", "io.rillflow.query.CollectionPath<java.lang.Number>",
                        "blob", "io.rillflow.query.ObjectPath",
                        "nickname", "io.rillflow.query.StringPath",
                        "counter", "io.rillflow.query.NumberPath<java.lang.Long>",
                        "ref", "io.rillflow.query.UuidPath");
        assertThat(types)
                .containsAtLeast(
                        "extra", "io.rillflow.query.ObjectPath",
                        "anything", "io.rillflow.query.ObjectPath",
                        "tree", "io.rillflow.query.ObjectPath",
                        "secret", "io.rillflow.query.StringPath", // a private enum is still stored by name
                        "task", "io.rillflow.query.ObjectPath");
    }

    @Test
    void classDocumentsUseJacksonsPropertiesAndNames() {
        JavaFileObject document = source(
                "test.Account",
                "@Document",
                "public class Account {",
                "    @Id private long id;",
                "    @JsonProperty(\"e_mail\") private String email;",
                "    private String secret;",
                "    public int visits;",
                "    public static int instances;",
                "    private boolean active;",
                "    public long getId() { return id; }",
                "    public String getEmail() { return email; }",
                "    @JsonIgnore public String getSecret() { return secret; }",
                "    public boolean isActive() { return active; }",
                "    public String getURLValue() { return \"\"; }",
                "    @JsonProperty(\"display\") public String displayName() { return email; }",
                "    String getHidden() { return \"\"; }",
                "}");

        Compilation compilation = compile(document);
        assertThat(compilation).succeededWithoutWarnings();
        CompiledClasses classes = new CompiledClasses(compilation);
        Map<String, String> types = fieldTypes(classes, "test.Account_");
        DocumentDefinition<?, ?> definition =
                (DocumentDefinition<?, ?>) classes.staticField("test.AccountRepository", "DEFINITION");

        assertThat(types.keySet())
                .containsExactly("id", "email", "visits", "active", "urlvalue", "displayName")
                .inOrder();
        assertThat(((Path<?>) classes.staticField("test.Account_", "email")).dotted())
                .isEqualTo("e_mail");
        assertThat(((Path<?>) classes.staticField("test.Account_", "displayName")).dotted())
                .isEqualTo("display");
        assertThat(classes.staticField("test.Account_", "active")).isInstanceOf(BooleanPath.class);
        assertThat(definition.idType()).isEqualTo(Long.class);
        assertThat(definition.name()).isEqualTo("account");
    }

    @Test
    void metamodelNamesAreTheKeysJacksonWrites() throws Exception {
        JavaFileObject account = source(
                "test.Account",
                "@Document",
                "public class Account {",
                "    @Id private long id = 7;",
                "    @JsonProperty(\"e_mail\") private String email = \"a@x\";",
                "    private String secret = \"s\";",
                "    public int visits;",
                "    public static int instances;",
                "    private boolean active;",
                "    public long getId() { return id; }",
                "    public String getEmail() { return email; }",
                "    @JsonIgnore public String getSecret() { return secret; }",
                "    public boolean isActive() { return active; }",
                "    public String getURLValue() { return \"\"; }",
                "    @JsonProperty(\"display\") public String displayName() { return email; }",
                "    String getHidden() { return \"\"; }",
                "}");
        JavaFileObject note = source(
                "test.Note",
                "@Document",
                "public record Note(@Id UUID id, @JsonProperty(\"txt\") String text, @JsonIgnore String cache,",
                "        Optional<String> nickname, Address address) {",
                "    public record Address(@JsonProperty(\"town\") String city) {}",
                "}");
        CompiledClasses classes = new CompiledClasses(compile(account, note));
        ObjectMapper mapper = JsonCodec.defaultMapper();
        Object anAccount = classes.loadClass("test.Account").getConstructor().newInstance();
        Class<?> addressType = classes.loadClass("test.Note$Address");
        Object aNote = classes.loadClass("test.Note")
                .getConstructors()[0]
                .newInstance(
                        UUID.randomUUID(),
                        "t",
                        "c",
                        Optional.of("n"),
                        addressType.getConstructors()[0].newInstance("Bern"));

        assertThat(jsonPaths(mapper.valueToTree(anAccount))).isEqualTo(metamodelPaths(classes, "test.Account_"));
        assertThat(jsonPaths(mapper.valueToTree(aNote))).isEqualTo(metamodelPaths(classes, "test.Note_"));
        assertThat(metamodelPaths(classes, "test.Note_")).containsExactly("id", "txt", "nickname", "address.town");
    }

    @Test
    void everyIndexFormIsDeclared() {
        JavaFileObject document = source(
                "test.Member",
                "@Document",
                "@Index(path = \"address.city\")",
                "@Index(path = \"address.zip\", unique = true, name = \"by_zip\")",
                "@Index(path = \"address\", kind = Index.Kind.GIN)",
                "public class Member {",
                "    @Id public String id;",
                "    private String email;",
                "    public Address address;",
                "    @Index(unique = true) public String getEmail() { return email; }",
                "    @Index(kind = Index.Kind.GIN) public List<String> roles;",
                "    public static final class Address { public String city; public String zip; }",
                "}");

        Compilation compilation = compile(document);
        assertThat(compilation).succeededWithoutWarnings();
        DocumentDefinition<?, ?> definition = (DocumentDefinition<?, ?>)
                new CompiledClasses(compilation).staticField("test.MemberRepository", "DEFINITION");

        assertThat(definition.indexes().stream()
                        .map(DocumentGenerationTest::describe)
                        .toList())
                .containsExactly(
                        "email BTREE unique email",
                        "roles GIN roles",
                        "address_city BTREE address.city",
                        "by_zip BTREE unique address.zip",
                        "address GIN address")
                .inOrder();
    }

    @Test
    void recordComponentsRenamedOrIgnoredByJacksonAnnotations() {
        JavaFileObject document = source(
                "test.Note",
                "@Document(name = \"notes\")",
                "public record Note(@Id UUID id, @JsonProperty(\"txt\") String text, @JsonIgnore String cache) {}");

        CompiledClasses classes = new CompiledClasses(compile(document));

        assertThat(fieldTypes(classes, "test.Note_").keySet()).containsExactly("id", "text");
        assertThat(((Path<?>) classes.staticField("test.Note_", "text")).dotted())
                .isEqualTo("txt");
        assertThat(((DocumentDefinition<?, ?>) classes.staticField("test.NoteRepository", "DEFINITION")).name())
                .isEqualTo("notes");
    }

    @Test
    void aTypeAlreadyBeingDescribedBecomesAPlainObjectPath() {
        JavaFileObject document = source(
                "test.Person",
                "@Document",
                "public record Person(@Id UUID id, Person manager, Team team, Address home, Address work) {",
                "    public record Team(String name, Person lead, Address office) {}",
                "    public record Address(String city) {}",
                "}");

        Compilation compilation = compile(document);
        assertThat(compilation).succeededWithoutWarnings();
        CompiledClasses classes = new CompiledClasses(compilation);
        Object team = classes.staticField("test.Person_", "team");
        Object home = classes.staticField("test.Person_", "home");
        Object work = classes.staticField("test.Person_", "work");

        assertThat(classes.staticField("test.Person_", "manager").getClass()).isEqualTo(ObjectPath.class);
        assertThat(CompiledClasses.field(team, "lead").getClass()).isEqualTo(ObjectPath.class);
        assertThat(((Path<?>) CompiledClasses.field(team, "name")).dotted()).isEqualTo("team.name");
        assertThat(home.getClass()).isSameInstanceAs(work.getClass());
        assertThat(((Path<?>) CompiledClasses.field(work, "city")).dotted()).isEqualTo("work.city");
        assertThat(((Path<?>) CompiledClasses.field(CompiledClasses.field(team, "office"), "city")).dotted())
                .isEqualTo("team.office.city");
    }

    private static Set<String> jsonPaths(JsonNode node) {
        Set<String> paths = new TreeSet<>();
        node.fields().forEachRemaining(field -> {
            if (field.getValue().isObject()) {
                jsonPaths(field.getValue()).forEach(p -> paths.add(field.getKey() + "." + p));
            } else {
                paths.add(field.getKey());
            }
        });
        return paths;
    }

    /** The dotted JSON paths of a metamodel's leaf fields, nested path classes followed. */
    private static Set<String> metamodelPaths(CompiledClasses classes, String className) {
        Set<String> paths = new java.util.LinkedHashSet<>();
        try {
            for (Field field : classes.loadClass(className).getDeclaredFields()) {
                if (Modifier.isPublic(field.getModifiers())) {
                    leafPaths((Path<?>) field.get(null), paths);
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        return paths;
    }

    private static void leafPaths(Path<?> path, Set<String> paths) throws IllegalAccessException {
        boolean nested = false;
        for (Field field : path.getClass().getDeclaredFields()) {
            if (Modifier.isPublic(field.getModifiers()) && Path.class.isAssignableFrom(field.getType())) {
                leafPaths((Path<?>) field.get(path), paths);
                nested = true;
            }
        }
        if (!nested) {
            paths.add(path.dotted());
        }
    }

    private static String generatedSource(Compilation compilation, String qualifiedName) throws IOException {
        return compilation
                .generatedSourceFile(qualifiedName)
                .orElseThrow(() -> new AssertionError("No generated " + qualifiedName))
                .getCharContent(true)
                .toString();
    }

    /** The public static (or, on nested path classes, public) fields of a class and their generic types. */
    private static Map<String, String> fieldTypes(CompiledClasses classes, String className) {
        Map<String, String> types = new java.util.LinkedHashMap<>();
        try {
            for (Field field : classes.loadClass(className).getDeclaredFields()) {
                if (Modifier.isPublic(field.getModifiers())) {
                    types.put(field.getName(), field.getGenericType().getTypeName());
                }
            }
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
        return types;
    }

    private static String describe(IndexDefinition index) {
        return index.name() + " " + index.kind() + (index.unique() ? " unique " : " ")
                + index.path().dotted();
    }
}
