package io.rillflow.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.InvalidIdentifierException;
import io.rillflow.Store;
import io.rillflow.documents.DocumentDefinition;
import io.rillflow.documents.IndexDefinition;
import io.rillflow.query.StringPath;
import io.rillflow.testing.TestDatabase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The index advisor reads the table's statistics and the plan of a filter on the field, and suggests the index schema
 * sync would build: once built from the suggested DDL, the same filter uses it.
 */
class IndexAdviceTest {
    record Part(String sku, double price, List<String> tags) {}

    private static Store store;
    private static String table;

    @BeforeAll
    static void open() {
        store = TestDatabase.store(IndexAdviceTest.class);
        DocumentDefinition<Part, UUID> parts = new DocumentDefinition<>(
                "part",
                Part.class,
                UUID.class,
                List.of(IndexDefinition.btree("sku", new StringPath(null, "sku"), false)));
        Map<UUID, Part> rows = new LinkedHashMap<>();
        for (int i = 0; i < 5_000; i++) {
            rows.put(UUID.randomUUID(), new Part("sku-" + i, i + 0.5, List.of("tag" + (i % 50))));
        }
        store.documents(parts).bulkInsert(rows);
        table = "\"" + store.schemaName() + "\".\"rf_doc_part\"";
        TestDatabase.execute("analyze " + table);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void aFieldFilteredWithASequentialScanGetsTheIndexSchemaSyncWouldBuildAndThePlannerThenUsesIt() {
        IndexAdvice advice = store.admin().adviseIndex("part", "price", null, null);

        assertThat(advice.kind()).isEqualTo(IndexDefinition.Kind.BTREE);
        assertThat(advice.explained().sql()).endsWith("where deleted_at is null and ((data ->> 'price'))::numeric = ?");
        assertThat(advice.explained().sequentialScan()).isTrue();
        assertThat(advice.missing()).isTrue();
        assertThat(advice.coveredBy()).isNull();
        assertThat(advice.annotation()).isEqualTo("@Index(path = \"price\")");
        assertThat(advice.ddl())
                .isEqualTo("create index if not exists \"rf_doc_part_price\" on " + table
                        + " ((((data ->> 'price'))::numeric))");
        assertThat(advice.findings().get(0)).startsWith("Missing index: a filter on price reads rf_doc_part whole");
        assertThat(advice.liveRows()).isEqualTo(5_000);
        assertThat(advice.statementStatistics()).isFalse();
        assertThat(advice.findings()).contains("pg_stat_statements is not installed: no statement statistics");

        TestDatabase.execute(advice.ddl());
        TestDatabase.execute("analyze " + table);
        IndexAdvice after = store.admin().adviseIndex("part", "price", null, null);
        assertThat(after.missing()).isFalse();
        assertThat(after.coveredBy()).isEqualTo("rf_doc_part_price");
        assertThat(after.explained().plan()).contains("rf_doc_part_price");
        assertThat(after.findings().get(0)).isEqualTo("Index rf_doc_part_price serves filters on price");
    }

    @Test
    void anIndexSchemaSyncBuiltIsRecognisedAndUnusedIndexesAreFlagged() {
        IndexAdvice advice = store.admin().adviseIndex("part", "sku", null, null);
        assertThat(advice.coveredBy()).isEqualTo("rf_doc_part_sku");
        assertThat(advice.indexes())
                .filteredOn(i -> i.name().equals("rf_doc_part_sku"))
                .singleElement()
                .satisfies(i -> {
                    assertThat(i.definition()).contains("(data ->> 'sku'::text)");
                    assertThat(i.unique()).isFalse();
                });
        assertThat(advice.indexes())
                .filteredOn(i -> i.name().equals("rf_doc_part_pkey"))
                .singleElement()
                .satisfies(i -> assertThat(i.unused())
                        .as("a primary key is never a candidate to drop")
                        .isFalse());
        // EXPLAIN executes nothing: the index stays unscanned until a query uses it.
        assertThat(advice.findings())
                .contains("Unused index rf_doc_part_sku: never scanned since the statistics were last reset"
                        + " (idx_scan = 0); drop its @Index if no query needs it");

        ExplainedQuery explained =
                store.admin().explainFilter("part", "sku", IndexDefinition.Kind.BTREE, null, "sku-7");
        assertThat(explained.value()).isEqualTo("sku-7");
        assertThat(explained.plan()).contains("rf_doc_part_sku").doesNotContain("Seq Scan");
    }

    @Test
    void arraysGetAGinIndex() {
        IndexAdvice advice = store.admin().adviseIndex("part", "tags", null, null);
        assertThat(advice.kind()).isEqualTo(IndexDefinition.Kind.GIN);
        assertThat(advice.annotation()).isEqualTo("@Index(path = \"tags\", kind = Index.Kind.GIN)");
        assertThat(advice.ddl())
                .isEqualTo("create index if not exists \"rf_doc_part_tags\" on " + table
                        + " using gin ((data -> 'tags') jsonb_path_ops)");
        assertThat(advice.explained().sql()).endsWith("where deleted_at is null and (data -> 'tags') @> ?::jsonb");
        assertThat(advice.explained().value()).isEqualTo("[\"tag0\"]");
        assertThat(advice.missing()).isTrue();
    }

    @Test
    void unknownTablesAndHostileNamesAreRefused() {
        assertThatThrownBy(() -> store.admin().adviseIndex("nope", "sku", null, null))
                .isInstanceOf(UnknownDocumentTableException.class)
                .hasMessageContaining("rf_doc_nope");
        assertThatThrownBy(() -> store.admin().adviseIndex("part", "sku'); drop table x; --", null, null))
                .isInstanceOf(InvalidIdentifierException.class);
        assertThatThrownBy(() -> store.admin().adviseIndex("part\"; drop", "sku", null, null))
                .isInstanceOf(InvalidIdentifierException.class);
        assertThatThrownBy(() -> store.admin().adviseIndex("part", "sku", IndexDefinition.Kind.FULL_TEXT, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FULL_TEXT");
        assertThat(TestDatabase.count("select count(*) from " + table)).isEqualTo(5_000);
    }
}
