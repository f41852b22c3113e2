package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rillflow.Store;
import io.rillflow.documents.DocumentDefinition;
import io.rillflow.documents.IndexDefinition;
import io.rillflow.query.StringPath;
import io.rillflow.testing.TestDatabase;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docs index-advisor and explain-sql on a table the application's typed collection wrote. */
class DocsAdvisorCommandsTest {
    record Part(String sku, double price, List<String> tags, Instant placedAt) {}

    /** The application's declaration of the same document, compiled with the processor, for --classpath. */
    private static final Map<String, String> APPLICATION = Map.of("fixture/parts/Part.java", """
            package fixture.parts;

            import io.rillflow.annotations.Document;
            import io.rillflow.annotations.Id;
            import io.rillflow.annotations.Index;
            import java.time.Instant;
            import java.util.List;
            import java.util.UUID;

            @Document(name = "part")
            public record Part(@Id UUID id, @Index String sku, double price, List<String> tags, Instant placedAt) {}
            """);

    private static Store app;
    private static String classpath;

    @BeforeAll
    static void open() {
        app = TestDatabase.store(DocsAdvisorCommandsTest.class);
        DocumentDefinition<Part, UUID> parts = new DocumentDefinition<>(
                "part",
                Part.class,
                UUID.class,
                List.of(IndexDefinition.btree("sku", new StringPath(null, "sku"), false)));
        Map<UUID, Part> rows = new LinkedHashMap<>();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 3_000; i++) {
            rows.put(
                    UUID.randomUUID(),
                    new Part("sku-" + i, i + 0.5, List.of("tag" + (i % 30)), start.plusSeconds(60L * i)));
        }
        app.documents(parts).bulkInsert(rows);
        TestDatabase.execute("analyze \"" + app.schemaName() + "\".rf_doc_part");
        classpath = "--classpath=" + FixtureApplication.compile(APPLICATION);
    }

    @AfterAll
    static void close() {
        app.close();
    }

    @Test
    void advisorSuggestsTheMissingIndexInBothForms() {
        Cli.Result table = Cli.on(app, "docs", "index-advisor", "part", "--field=price");
        assertThat(table.exitCode()).isZero();
        assertThat(table.out())
                .contains("Suggested:   @Index(path = \"price\")")
                .contains("DDL:         create index if not exists \"rf_doc_part_price\"")
                .contains("  - Missing index: a filter on price reads rf_doc_part whole")
                .contains("Seq Scan on rf_doc_part");

        JsonNode json = Cli.on(app, "docs", "index-advisor", "part", "--field=price", "--output=json")
                .json()
                .get(0);
        assertThat(json.get("missing").asBoolean()).isTrue();
        assertThat(json.get("kind").asText()).isEqualTo("BTREE");
        assertThat(json.get("annotation").asText()).isEqualTo("@Index(path = \"price\")");
        assertThat(json.get("ddl").asText()).contains("::numeric");
        assertThat(json.get("live_rows").asLong()).isEqualTo(3_000);
        assertThat(json.get("statement_statistics").asBoolean()).isFalse();
        assertThat(json.get("indexes")).anySatisfy(index -> {
            assertThat(index.get("name").asText()).isEqualTo("rf_doc_part_sku");
            assertThat(index.get("unused").asBoolean()).isTrue();
            assertThat(index.get("scans").asLong()).isZero();
        });

        JsonNode gin = Cli.on(app, "docs", "index-advisor", "part", "--field=tags", "--gin", "-o", "json")
                .json()
                .get(0);
        assertThat(gin.get("kind").asText()).isEqualTo("GIN");
        assertThat(gin.get("annotation").asText()).isEqualTo("@Index(path = \"tags\", kind = Index.Kind.GIN)");
    }

    @Test
    void withTheClasspathTheFieldTypeAndDeclaredIndexesComeFromTheDocumentClass() {
        JsonNode placed = Cli.on(app, "docs", "index-advisor", "part", "--field=placedAt", classpath, "-o", "json")
                .json()
                .get(0);
        assertThat(placed.get("ddl").asText()).contains(".rf_timestamptz((data ->> 'placedAt'))");
        assertThat(placed.get("declared")).isEmpty();

        Cli.Result sku = Cli.on(app, "docs", "index-advisor", "part", "--field=sku", classpath);
        assertThat(sku.exitCode()).isZero();
        assertThat(sku.out())
                .contains("Declared:    rf_doc_part_sku (BTREE)")
                .contains("  - Index rf_doc_part_sku serves filters on sku");

        Cli.Result undeclared = Cli.on(app, "docs", "index-advisor", "part", "--field=colour", classpath);
        assertThat(undeclared.exitCode()).isEqualTo(Rillflow.USAGE);
        assertThat(undeclared.err()).contains("has no field colour").hasLineCount(1);
    }

    @Test
    void explainSqlPrintsTheFilterAndItsPlan() {
        Cli.Result table = Cli.on(app, "docs", "explain-sql", "part", "--field=sku", "--equals=sku-42");
        assertThat(table.exitCode()).isZero();
        assertThat(table.lines().get(0)).endsWith("where deleted_at is null and (data ->> 'sku') = ?   -- ? = sku-42");
        assertThat(table.out()).contains("rf_doc_part_sku");

        JsonNode json = Cli.on(
                        app, "docs", "explain-sql", "part", "--field=tags", "--contains=[\"tag3\"]", "--output=json")
                .json()
                .get(0);
        assertThat(json.get("sql").asText()).endsWith("(data -> 'tags') @> ?::jsonb");
        assertThat(json.get("sequential_scan").asBoolean()).isTrue();
        assertThat(json.get("plan").asText()).startsWith("Seq Scan on rf_doc_part");
    }

    @Test
    void badInputIsAUsageErrorAndUnknownTablesAreNotFound() {
        Cli.Result neither = Cli.on(app, "docs", "explain-sql", "part", "--field=sku");
        assertThat(neither.exitCode()).isEqualTo(Rillflow.USAGE);
        Cli.Result unknown = Cli.on(app, "docs", "index-advisor", "nope", "--field=sku");
        assertThat(unknown.exitCode()).isEqualTo(Rillflow.NOT_FOUND);
        assertThat(unknown.err()).contains("rf_doc_nope").hasLineCount(1);
        Cli.Result hostile = Cli.on(app, "docs", "index-advisor", "part", "--field=sku'); drop table x; --");
        assertThat(hostile.exitCode()).isEqualTo(Rillflow.USAGE);
        assertThat(hostile.err()).startsWith("rillflow: Invalid field path").hasLineCount(1);
        Cli.Result badType = Cli.on(app, "docs", "index-advisor", "part", "--field=sku", "--type=money");
        assertThat(badType.exitCode()).isEqualTo(Rillflow.USAGE);
        assertThat(TestDatabase.count("select count(*) from \"" + app.schemaName() + "\".rf_doc_part"))
                .isEqualTo(3_000);
    }
}
