package io.rillflow.examples.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.RillflowException;
import io.rillflow.Store;
import io.rillflow.documents.Versioned;
import io.rillflow.query.DocumentQuery;
import io.rillflow.schema.SchemaPlan;
import io.rillflow.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The processor end to end: {@link Product} compiled with it, its generated registry found by the store, its table and
 * indexes created by schema sync, and its generated repository and metamodel used against PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductCatalogTest {
    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    private static final Supplier ROASTERY = new Supplier("Röstwerk", "Berlin", "DE");
    private static final Supplier MILL = new Supplier("Mühle Nord", "Hamburg", "DE");
    private static final Supplier DAIRY = new Supplier("Bergmilch", "Bern", "CH");

    private static final Product ESPRESSO = new Product(
            UUID.randomUUID(),
            "COF-001",
            "Espresso beans",
            "Dark roasted espresso beans with notes of chocolate",
            new BigDecimal("14.90"),
            40,
            List.of("coffee", "organic"),
            T0,
            ROASTERY,
            Availability.IN_STOCK);
    private static final Product FLOUR = new Product(
            UUID.randomUUID(),
            "BAK-007",
            "Rye flour",
            "Stone-ground whole rye flour for sourdough bread",
            new BigDecimal("3.20"),
            0,
            List.of("baking"),
            T0.plusSeconds(3600),
            MILL,
            Availability.BACKORDER);
    private static final Product CHEESE = new Product(
            UUID.randomUUID(),
            "DAI-042",
            "Mountain cheese",
            "Raw milk cheese matured for twelve months",
            new BigDecimal("24.50"),
            7,
            List.of("dairy", "organic"),
            T0.plusSeconds(7200),
            DAIRY,
            Availability.IN_STOCK);

    private Store store;
    private SchemaPlan planBeforeSync;
    private ProductRepository products;

    @BeforeAll
    void open() {
        store = TestDatabase.storeBuilder(getClass()).migrateOnStart(false).build();
        planBeforeSync = store.schema().plan();
        store.schema().sync();
        products = new ProductRepository(store);
        products.put(ESPRESSO);
        products.put(FLOUR);
        products.put(CHEESE);
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Test
    void theGeneratedRegistryPutsTheProductTableAndIndexesInTheSchemaPlan() {
        assertThat(planBeforeSync.declaredChanges())
                .anySatisfy(ddl ->
                        assertThat(ddl).contains("create table if not exists").contains("rf_doc_product"))
                .anySatisfy(ddl -> assertThat(ddl).contains("create unique index if not exists \"rf_doc_product_sku\""))
                .anySatisfy(ddl -> assertThat(ddl)
                        .contains("\"rf_doc_product_description_fts\"")
                        .contains("to_tsvector('english'::regconfig"));
        assertThat(store.schema().plan().isEmpty()).isTrue();
    }

    @Test
    void schemaSyncCreatedTheUniqueFullTextAndNestedPathIndexes() throws SQLException {
        Map<String, String> indexes = indexesOf("rf_doc_product");

        assertThat(indexes)
                .containsKeys(
                        "rf_doc_product_sku",
                        "rf_doc_product_price",
                        "rf_doc_product_tags",
                        "rf_doc_product_supplier_city",
                        "rf_doc_product_description_fts");
        assertThat(indexes.get("rf_doc_product_sku"))
                .startsWith("CREATE UNIQUE INDEX")
                .contains("(data ->> 'sku'::text)")
                .contains("WHERE (deleted_at IS NULL)");
        assertThat(indexes.get("rf_doc_product_description_fts"))
                .contains("USING gin")
                .contains("to_tsvector('english'::regconfig");
        assertThat(indexes.get("rf_doc_product_supplier_city")).contains("'{supplier,city}'");
        assertThat(indexes.get("rf_doc_product_tags")).contains("USING gin").contains("jsonb_path_ops");
    }

    @Test
    void getReturnsTheStoredProductWithItsVersion() {
        Versioned<Product> found = products.get(CHEESE.id()).orElseThrow();

        assertThat(found.value()).isEqualTo(CHEESE);
        assertThat(found.version()).isEqualTo(1);
        assertThat(products.get(UUID.randomUUID())).isEmpty();
    }

    @Test
    void theUniqueSkuIndexRejectsASecondProductWithTheSameSku() {
        Product copy = new Product(
                UUID.randomUUID(),
                ESPRESSO.sku(),
                "Espresso beans (copy)",
                "",
                BigDecimal.ONE,
                1,
                List.of(),
                T0,
                ROASTERY,
                Availability.IN_STOCK);

        assertThatThrownBy(() -> products.insert(copy))
                .isInstanceOf(RillflowException.class)
                .hasMessageContaining("rf_doc_product_sku");
        assertThat(products.get(copy.id())).isEmpty();
    }

    @Test
    void patchSetsANestedFieldThroughTheMetamodelAndQueriesSeeIt() {
        Product tea = new Product(
                UUID.randomUUID(),
                "TEA-003",
                "Green tea",
                "Sencha green tea leaves",
                new BigDecimal("8.00"),
                12,
                List.of("tea"),
                T0,
                new Supplier("Teehaus", "Bremen", "DE"),
                Availability.IN_STOCK);
        products.put(tea);
        try {
            long version = products.patch(tea.id(), Product_.supplier.city.set("Lübeck"));
            long stockVersion = products.patch(tea.id(), version, Product_.stock.set(11));

            Versioned<Product> patched = products.get(tea.id()).orElseThrow();
            assertThat(version).isEqualTo(2);
            assertThat(stockVersion).isEqualTo(3);
            assertThat(patched.value().supplier()).isEqualTo(new Supplier("Teehaus", "Lübeck", "DE"));
            assertThat(patched.value().stock()).isEqualTo(11);
            assertThat(products.query()
                            .where(Product_.supplier.city.eq("Lübeck"))
                            .list())
                    .extracting(Product::sku)
                    .containsExactly("TEA-003");
        } finally {
            products.delete(tea.id());
        }
    }

    @Test
    void queriesOnTypedPathsCompareNumbersDatesEnumsAndNestedFields() {
        assertThat(skus(products.query()
                        .where(Product_.supplier.city.startsWith("Ber"))
                        .orderBy(Product_.price.asc())))
                .containsExactly("COF-001", "DAI-042");
        assertThat(skus(products.query()
                        .where(Product_.price.lt(new BigDecimal("15")))
                        .orderBy(Product_.price.desc())))
                .containsExactly("COF-001", "BAK-007");
        assertThat(skus(products.query()
                        .where(Product_.stock.between(1, 10).and(Product_.availability.eq(Availability.IN_STOCK)))))
                .containsExactly("DAI-042");
        assertThat(skus(products.query().where(Product_.addedAt.after(T0)).orderBy(Product_.addedAt.desc())))
                .containsExactly("DAI-042", "BAK-007");
        assertThat(skus(products.query()
                        .where(Product_.tags.contains("organic"))
                        .orderBy(Product_.sku.asc())))
                .containsExactly("COF-001", "DAI-042");
        assertThat(products.query()
                        .where(Product_.availability.in(List.of(Availability.BACKORDER, Availability.DISCONTINUED)))
                        .count())
                .isEqualTo(1);
    }

    @Test
    void fullTextSearchFindsProductsByStemmedWords() {
        assertThat(skus(products.query().where(Product_.description.search("roasted bean"))))
                .containsExactly("COF-001");
        assertThat(skus(products.query()
                        .where(Product_.description.search("bread or cheese"))
                        .orderBy(Product_.sku.asc())))
                .containsExactly("BAK-007", "DAI-042");
        assertThat(products.query().where(Product_.description.search("tofu")).exists())
                .isFalse();
    }

    private static List<String> skus(DocumentQuery<Product> query) {
        return query.list().stream().map(Product::sku).toList();
    }

    private Map<String, String> indexesOf(String table) throws SQLException {
        Map<String, String> indexes = new TreeMap<>();
        try (Connection c = store.dataSource().getConnection();
                PreparedStatement p = c.prepareStatement(
                        "select indexname, indexdef from pg_indexes where schemaname = ? and tablename = ?")) {
            p.setString(1, store.schemaName());
            p.setString(2, table);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    indexes.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return indexes;
    }
}
