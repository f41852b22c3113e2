package io.rillflow.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.rillflow.processor.Sources.compile;
import static io.rillflow.processor.Sources.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import io.rillflow.spi.QueryFactory;
import io.rillflow.spi.RillflowRegistry;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exact SQL rendered at compile time for each kind of query method, one row per method: declaration, then the
 * statement template ({@code {table}}, {@code {schema}} and {@code {tenant}} are completed per store at run time).
 */
class QuerySqlTest {
    private static final String FROM = "from {table} where {tenant}deleted_at is null";
    private static final String SELECT = "select data::text " + FROM;

    /** Method declaration → expected statement template. */
    private static final Map<String, String> ROWS = rows(
            "List<Customer> findByStatusOrderByEmailAsc(String status);",
            SELECT + " and (data ->> 'status') = ? order by (data ->> 'email') asc nulls last",
            "Optional<Customer> findByEmail(String email);",
            SELECT + " and (data ->> 'email') = ? limit 2",
            "long countByAgeGreaterThanAndStatusIn(int age, Collection<String> statuses);",
            "select count(*) " + FROM
                    + " and (((data ->> 'age'))::numeric > ? and (data ->> 'status') = any(?::text[]))",
            "boolean existsByAddressCity(String city);",
            "select exists (select 1 " + FROM + " and (data #>> '{address,city}') = ?)",
            "Stream<Customer> findByTagsContaining(String tag);",
            SELECT + " and (data -> 'tags') @> ?::jsonb",
            "List<Customer> findByStatus(String status, PageRequest page);",
            SELECT + " and (data ->> 'status') = ? limit ? offset ?",
            "Page<Customer> findByStatusOrderByEmail(String status, PageRequest page);",
            "select data::text, count(*) over () " + FROM
                    + " and (data ->> 'status') = ? order by (data ->> 'email') asc nulls last limit ? offset ?",
            "Page<EmailOnly> findByTierOrderByAgeDesc(Customer.Tier tier, PageRequest page);",
            "select jsonb_build_object('email', (data -> 'email'), 'age', (data -> 'age'))::text, count(*) over () "
                    + FROM + " and (data ->> 'tier') = ? order by ((data ->> 'age'))::numeric desc nulls first"
                    + " limit ? offset ?",
            "List<EmailOnly> findByTier(Customer.Tier tier);",
            "select jsonb_build_object('email', (data -> 'email'), 'age', (data -> 'age'))::text " + FROM
                    + " and (data ->> 'tier') = ?",
            "@Query(\"status = :status and age >= :minAge and tags contains :tag order by since desc limit 50\")"
                    + " List<Customer> vip(String status, int minAge, String tag);",
            SELECT + " and ((data ->> 'status') = ? and ((data ->> 'age'))::numeric >= ?"
                    + " and (data -> 'tags') @> ?::jsonb)"
                    + " order by {schema}.rf_timestamptz((data ->> 'since')) desc nulls first limit 50",
            "int deleteBySinceBefore(Instant cutoff);",
            "delete " + FROM + " and {schema}.rf_timestamptz((data ->> 'since')) < ?",
            "long softDeleteByStatus(String status);",
            "update {table} set deleted_at = now(), version = version + 1, updated_at = now(),"
                    + " last_modified_by = nullif(current_setting('rillflow.actor', true), '')"
                    + " where {tenant}deleted_at is null and (data ->> 'status') = ?",
            "List<Customer> findByStatusNot(String status);",
            SELECT + " and (data ->> 'status') is distinct from ?",
            "List<Customer> findByAgeGreaterThanEqualAndAgeLessThanEqual(int low, int high);",
            SELECT + " and (((data ->> 'age'))::numeric >= ? and ((data ->> 'age'))::numeric <= ?)",
            "List<Customer> findByAgeLessThan(int age);",
            SELECT + " and ((data ->> 'age'))::numeric < ?",
            "List<Customer> findBySinceBetween(Instant from, Instant to);",
            SELECT + " and ({schema}.rf_timestamptz((data ->> 'since')) >= ?"
                    + " and {schema}.rf_timestamptz((data ->> 'since')) <= ?)",
            "List<Customer> findBySinceAfter(Instant since);",
            SELECT + " and {schema}.rf_timestamptz((data ->> 'since')) > ?",
            "List<Customer> findByTierNotIn(Set<Customer.Tier> tiers);",
            SELECT + " and not coalesce(((data ->> 'tier') = any(?::text[])), false)",
            "List<Customer> findByIdIn(List<UUID> ids);",
            SELECT + " and (data ->> 'id') = any(?::text[])",
            "List<Customer> findByEmailStartingWith(String prefix);",
            SELECT + " and (data ->> 'email') like ?",
            "List<Customer> findByEmailEndingWithIgnoreCase(String suffix);",
            SELECT + " and (data ->> 'email') ilike ?",
            "List<Customer> findByBioContaining(String word);",
            SELECT + " and (data ->> 'bio') like ?",
            "List<Customer> findByEmailLike(String pattern);",
            SELECT + " and (data ->> 'email') like ?",
            "List<Customer> findByEmailIgnoreCase(String email);",
            SELECT + " and lower((data ->> 'email')) = lower(?)",
            "List<Customer> findByAddressIsNull();",
            SELECT + " and (data ->> 'address') is null",
            "List<Customer> findByAddressZipIsNotNull();",
            SELECT + " and (data #>> '{address,zip}') is not null",
            "List<Customer> findByVipTrue();",
            SELECT + " and ((data ->> 'vip'))::boolean = true",
            "long countByVipFalse();",
            "select count(*) " + FROM + " and ((data ->> 'vip'))::boolean = false",
            "List<Customer> findByStatusOrTierAndAgeGreaterThan(String status, Customer.Tier tier, int age);",
            SELECT + " and ((data ->> 'status') = ? or ((data ->> 'tier') = ? and ((data ->> 'age'))::numeric > ?))",
            "List<Customer> findTop3ByStatusOrderByAgeDescEmailAsc(String status);",
            SELECT + " and (data ->> 'status') = ? order by ((data ->> 'age'))::numeric desc nulls first,"
                    + " (data ->> 'email') asc nulls last limit 3",
            "Customer findFirstByStatusOrderBySince(String status);",
            SELECT + " and (data ->> 'status') = ? order by {schema}.rf_timestamptz((data ->> 'since')) asc"
                    + " nulls last limit 1",
            "List<Customer> findAll();",
            SELECT,
            "List<Customer> findAllByOrderByEmailDesc();",
            SELECT + " order by (data ->> 'email') desc nulls first",
            "long count();",
            "select count(*) " + FROM,
            "@Query(\"status = :status\") List<Customer> countries(String status);",
            SELECT + " and (data ->> 'status') = ?",
            "@Query(\"not (tier in :tiers or address.city is null) and email ilike :pattern\")"
                    + " List<Customer> mixed(List<Customer.Tier> tiers, String pattern);",
            SELECT + " and (not coalesce((((data ->> 'tier') = any(?::text[]) or (data #>> '{address,city}') is null)),"
                    + " false) and (data ->> 'email') ilike ?)",
            "@Query(\"age between :low and :high and email starts with :prefix and vip is true\")"
                    + " long countRange(int low, int high, String prefix);",
            "select count(*) " + FROM + " and ((((data ->> 'age'))::numeric >= ? and ((data ->> 'age'))::numeric <= ?)"
                    + " and (data ->> 'email') like ? and ((data ->> 'vip'))::boolean = true)",
            "@Query(\"order by email limit 10\") List<Customer> firstTen();",
            SELECT + " order by (data ->> 'email') asc nulls last limit 10");

    @Test
    void everyMethodRendersItsExactSql() {
        Compilation compilation = compile(document(), queries(new ArrayList<>(ROWS.keySet())));
        assertThat(compilation).succeededWithoutWarnings();
        CompiledClasses classes = new CompiledClasses(compilation);

        for (Map.Entry<String, String> row : ROWS.entrySet()) {
            Object sql = classes.staticField("test.CustomerQueries_Impl", constantOf(row.getKey()));
            assertWithMessage(row.getKey()).that(sql).isEqualTo(row.getValue());
        }
    }

    @Test
    void aPageMethodAlsoRendersTheCountOfEveryMatchForAPagePastTheEnd() {
        Compilation compilation = compile(
                document(),
                queries(List.of("Page<EmailOnly> findByTierOrderByAgeDesc(Customer.Tier tier, PageRequest page);")));
        assertThat(compilation).succeededWithoutWarnings();
        CompiledClasses classes = new CompiledClasses(compilation);

        assertThat(classes.staticField("test.CustomerQueries_Impl", "FIND_BY_TIER_ORDER_BY_AGE_DESC_TOTAL"))
                .isEqualTo("select count(*) " + FROM + " and (data ->> 'tier') = ?");
    }

    @Test
    void theRegistryListsTheImplementationsFactory() throws Exception {
        Compilation compilation =
                compile(document(), queries(List.of("Optional<Customer> findByEmail(String email);")));
        String registryName = compilation
                .generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/services/io.rillflow.spi.RillflowRegistry")
                .orElseThrow()
                .getCharContent(true)
                .toString()
                .trim();
        RillflowRegistry registry = (RillflowRegistry) new CompiledClasses(compilation)
                .loadClass(registryName)
                .getConstructor()
                .newInstance();

        List<QueryFactory<?>> factories = registry.queries();

        assertThat(factories).hasSize(1);
        assertThat(factories.get(0).type().getName()).isEqualTo("test.CustomerQueries");
    }

    @Test
    void aDocumentFromTheClassPathIsQueriedThroughItsCompiledClass(@TempDir Path classes) throws IOException {
        Compilation library = compile(document());
        assertThat(library).succeededWithoutWarnings();
        for (JavaFileObject file : library.generatedFiles()) {
            if (file.getKind() == JavaFileObject.Kind.CLASS && file.getName().startsWith("/CLASS_OUTPUT/")) {
                Path target = classes.resolve(file.getName().substring("/CLASS_OUTPUT/".length()));
                Files.createDirectories(target.getParent());
                try (InputStream in = file.openInputStream()) {
                    Files.copy(in, target);
                }
            }
        }
        List<File> classPath = new ArrayList<>(List.of(classes.toFile()));
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(File::new)
                .forEach(classPath::add);

        Compilation compilation = Compiler.javac()
                .withProcessors(new RillflowProcessor())
                .withClasspath(classPath)
                .compile(queries(List.of("List<Customer> findByAddressCityOrderBySinceDesc(String city);")));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation)
                .generatedSourceFile("test.CustomerQueries_Impl")
                .contentsAsUtf8String()
                .contains("\"" + SELECT + " and (data #>> '{address,city}') = ? order by"
                        + " {schema}.rf_timestamptz((data ->> 'since')) desc nulls first\"");
    }

    /** The shared customer ({@link Sources#customer()}) plus a boolean {@code vip}, to cover True and False. */
    static JavaFileObject document() {
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
                "        Tier tier,",
                "        boolean vip) {",
                "    public enum Tier { GOLD, SILVER }",
                "    public record Address(String city, String zip) {}",
                "}");
    }

    /** {@code CustomerQueries} with these method declarations. */
    static JavaFileObject queries(List<String> methods) {
        List<String> lines = new ArrayList<>(List.of(
                "import io.rillflow.query.Page;",
                "import io.rillflow.query.PageRequest;",
                "import java.util.stream.Stream;",
                "@DocumentQueries(Customer.class)",
                "public interface CustomerQueries {",
                "    record EmailOnly(String email, int age) {}"));
        methods.forEach(m -> lines.add("    " + m));
        lines.add("}");
        return source("test.CustomerQueries", lines.toArray(String[]::new));
    }

    /** The constant of the method declared in {@code declaration}: {@code findByEmail} → {@code FIND_BY_EMAIL}. */
    private static String constantOf(String declaration) {
        String name = declaration.replaceAll("^@Query\\(\".*\"\\) ", "").replaceAll("^.*? (\\w+)\\(.*$", "$1");
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    private static Map<String, String> rows(String... pairs) {
        Map<String, String> rows = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            rows.put(pairs[i], pairs[i + 1]);
        }
        return rows;
    }
}
