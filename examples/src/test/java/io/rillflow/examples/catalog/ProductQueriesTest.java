package io.rillflow.examples.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.Store;
import io.rillflow.documents.DocumentCollection;
import io.rillflow.query.Conditions;
import io.rillflow.query.Page;
import io.rillflow.query.PageRequest;
import io.rillflow.spi.CompiledQuerySupport;
import io.rillflow.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every method of {@link ProductQueries}, compiled by the processor into {@code ProductQueries_Impl}, run on
 * PostgreSQL through {@code store.queries(...)}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductQueriesTest {
    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    private static final Supplier ROASTERY = new Supplier("Röstwerk", "Berlin", "DE");
    private static final Supplier MILL = new Supplier("Mühle Nord", "Hamburg", "DE");
    private static final Supplier DAIRY = new Supplier("Bergmilch", "Bern", "CH");

    private static final Product ESPRESSO = product(
            "COF-001", "Espresso beans", "14.90", 40, List.of("coffee", "organic"), 0, ROASTERY, Availability.IN_STOCK);
    private static final Product FLOUR =
            product("BAK-007", "Rye flour", "3.20", 0, List.of("baking"), 1, MILL, Availability.BACKORDER);
    private static final Product CHEESE = product(
            "DAI-042", "Mountain cheese", "24.50", 7, List.of("dairy", "organic"), 2, DAIRY, Availability.IN_STOCK);
    private static final Product DECAF =
            product("COF-002", "espresso decaf", "12.00", 3, List.of("coffee"), 3, ROASTERY, Availability.DISCONTINUED);

    private Store store;
    private ProductQueries queries;
    private DocumentCollection<Product, ?> collection;

    @BeforeAll
    void open() {
        store = TestDatabase.store(getClass());
        store.schema().sync();
        queries = store.queries(ProductQueries.class);
        collection = store.documents(Product.class);
    }

    @AfterAll
    void close() {
        store.close();
    }

    @BeforeEach
    void fourProducts() {
        TestDatabase.execute("delete from " + TestDatabase.table(store, collection));
        ProductRepository products = new ProductRepository(store);
        List.of(ESPRESSO, FLOUR, CHEESE, DECAF).forEach(products::put);
    }

    @Test
    void theStoreReturnsOneGeneratedImplementationPerInterface() {
        assertThat(queries).isInstanceOf(ProductQueries_Impl.class);
        assertThat(store.queries(ProductQueries.class)).isSameAs(queries);
    }

    @Test
    void oneImplementationServesManyThreadsAtOnce() throws Exception {
        List<Product> all = List.of(ESPRESSO, FLOUR, CHEESE, DECAF);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    ProductQueries shared = store.queries(ProductQueries.class);
                    int checked = 0;
                    for (int i = 0; i < 100; i++) {
                        Product expected = all.get((thread + i) % all.size());
                        assertThat(shared).isSameAs(queries);
                        assertThat(shared.findBySku(expected.sku())).contains(expected);
                        assertThat(shared.findByStockBetweenOrderBySku(expected.stock(), expected.stock()))
                                .containsExactly(expected);
                        checked++;
                    }
                    return checked;
                }));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(100);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anInterfaceWithoutGeneratedImplementationIsNamedInTheError() {
        assertThatThrownBy(() -> store.queries(Runnable.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Runnable")
                .hasMessageContaining("@DocumentQueries");
    }

    @Test
    void findBySkuReturnsTheOnlyMatchOrNothing() {
        assertThat(queries.findBySku("DAI-042")).contains(CHEESE);
        assertThat(queries.findBySku("NOPE")).isEmpty();
    }

    @Test
    void equalityOnAnEnumOrderedByANumber() {
        assertThat(queries.findByAvailabilityOrderByPriceAsc(Availability.IN_STOCK))
                .containsExactly(ESPRESSO, CHEESE);
    }

    @Test
    void equalityOnANestedField() {
        assertThat(queries.findBySupplierCityOrderBySkuAsc("Berlin")).containsExactly(ESPRESSO, DECAF);
    }

    @Test
    void countWithAComparisonAndIn() {
        assertThat(queries.countByPriceGreaterThanAndAvailabilityIn(
                        new BigDecimal("10"), List.of(Availability.IN_STOCK, Availability.DISCONTINUED)))
                .isEqualTo(3);
        assertThat(queries.countByPriceGreaterThanAndAvailabilityIn(new BigDecimal("10"), List.of()))
                .isZero();
    }

    @Test
    void exists() {
        assertThat(queries.existsBySupplierCountry("CH")).isTrue();
        assertThat(queries.existsBySupplierCountry("FR")).isFalse();
    }

    @Test
    void streamOfACollectionContainingAnElement() {
        try (Stream<Product> coffee = queries.findByTagsContainingOrderBySku("coffee")) {
            assertThat(coffee).containsExactly(ESPRESSO, DECAF);
        }
    }

    @Test
    void pagesRunTheSameStatement() {
        assertThat(queries.findByAvailabilityOrderBySku(Availability.IN_STOCK, PageRequest.first(1)))
                .containsExactly(ESPRESSO);
        assertThat(queries.findByAvailabilityOrderBySku(
                        Availability.IN_STOCK, PageRequest.first(1).next()))
                .containsExactly(CHEESE);
        assertThat(queries.findByAvailabilityOrderBySku(Availability.IN_STOCK, PageRequest.of(2, 2)))
                .isEmpty();
    }

    @Test
    void pagesCarryTheTotalOfTheFilteredMatchesInOrder() {
        BigDecimal three = new BigDecimal("3.00");
        Page<Product> first = queries.findByPriceGreaterThanOrderBySku(three, PageRequest.first(2));
        assertThat(first.items()).containsExactly(FLOUR, ESPRESSO);
        assertThat(first.total()).isEqualTo(4);
        assertThat(first.totalPages()).isEqualTo(2);
        assertThat(first.hasNext()).isTrue();

        Page<Product> second = queries.findByPriceGreaterThanOrderBySku(three, first.nextRequest());
        assertThat(second.items()).containsExactly(DECAF, CHEESE);
        assertThat(second.total()).isEqualTo(4);
        assertThat(second.hasNext()).isFalse();

        Page<Product> dearer = queries.findByPriceGreaterThanOrderBySku(new BigDecimal("13"), PageRequest.first(5));
        assertThat(dearer.items()).containsExactly(ESPRESSO, CHEESE);
        assertThat(dearer.total()).isEqualTo(2);
    }

    @Test
    void anEmptyResultAndAPagePastTheEndStillReportTheTotal() {
        Page<Product> none = queries.findByPriceGreaterThanOrderBySku(new BigDecimal("1000"), PageRequest.first(2));
        assertThat(none.items()).isEmpty();
        assertThat(none.total()).isZero();

        Page<Product> beyond = queries.findByPriceGreaterThanOrderBySku(new BigDecimal("13"), PageRequest.of(3, 2));
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.total()).isEqualTo(2);
        assertThat(beyond.totalPages()).isEqualTo(1);
        assertThat(beyond.hasNext()).isFalse();
    }

    @Test
    void aPageOfProjections() {
        Page<ProductQueries.PriceTag> dearest =
                queries.findByTagsContainingOrderByPriceDesc("organic", PageRequest.first(1));

        assertThat(dearest.items()).containsExactly(new ProductQueries.PriceTag("DAI-042", new BigDecimal("24.50")));
        assertThat(dearest.total()).isEqualTo(2);
        assertThat(queries.findByTagsContainingOrderByPriceDesc("organic", PageRequest.of(4, 1))
                        .total())
                .isEqualTo(2);
    }

    @Test
    void projectionReadsOnlyTheRecordsFields() {
        assertThat(queries.findByTagsContaining("organic"))
                .containsExactlyInAnyOrder(
                        new ProductQueries.PriceTag("COF-001", new BigDecimal("14.90")),
                        new ProductQueries.PriceTag("DAI-042", new BigDecimal("24.50")));
    }

    @Test
    void startingWithIgnoringCaseTakesThePrefixLiterally() {
        assertThat(queries.findByNameStartingWithIgnoreCase("ESPRESSO")).containsExactlyInAnyOrder(ESPRESSO, DECAF);
        assertThat(queries.findByNameStartingWithIgnoreCase("%")).isEmpty();
    }

    @Test
    void containingEndingWithAndLikeOnStrings() {
        assertThat(queries.findByDescriptionContainingOrderBySku("from Röstwerk"))
                .containsExactly(ESPRESSO, DECAF);
        assertThat(queries.findByDescriptionContainingOrderBySku("_")).isEmpty();
        assertThat(queries.findByNameEndingWith("flour")).containsExactly(FLOUR);
        assertThat(queries.findBySkuLikeOrderBySku("COF-00_")).containsExactly(ESPRESSO, DECAF);
    }

    @Test
    void notIncludesMissingValuesAndIsNullFindsThem() {
        Product loose = product("LOOSE-1", "Loose tea", "5.00", 1, List.of("tea"), 4, DAIRY, null);
        new ProductRepository(store).put(loose);

        assertThat(queries.findByAvailabilityNotOrderBySku(Availability.IN_STOCK))
                .containsExactly(FLOUR, DECAF, loose);
        assertThat(queries.countByAvailabilityIsNull()).isEqualTo(1);
    }

    @Test
    void betweenIncludesBothEnds() {
        assertThat(queries.findByStockBetweenOrderBySku(3, 7)).containsExactly(DECAF, CHEESE);
    }

    @Test
    void inWithAnArray() {
        assertThat(queries.findBySkuInOrderBySku("DAI-042", "COF-001", "NOPE")).containsExactly(ESPRESSO, CHEESE);
        assertThat(queries.findBySkuInOrderBySku()).isEmpty();
    }

    @Test
    void notIn() {
        assertThat(queries.findBySkuNotInOrderBySku(Set.of("COF-001", "BAK-007")))
                .containsExactly(DECAF, CHEESE);
    }

    @Test
    void firstAndTop() {
        assertThat(queries.findFirstByOrderByPriceDesc()).isEqualTo(CHEESE);
        assertThat(queries.findTop2ByOrderByAddedAtAsc()).containsExactly(ESPRESSO, FLOUR);
        TestDatabase.execute("delete from " + TestDatabase.table(store, collection));
        assertThat(queries.findFirstByOrderByPriceDesc()).isNull();
    }

    @Test
    void beforeComparesInstantsAsTimestamps() {
        assertThat(queries.findByAddedAtBeforeOrderBySku(T0.plusSeconds(7200))).containsExactly(FLOUR, ESPRESSO);
    }

    @Test
    void queryExpressionWithContainmentComparisonsOrderAndLimit() {
        assertThat(queries.bargains("organic", new BigDecimal("30"), 5)).containsExactly(CHEESE, ESPRESSO);
        assertThat(queries.bargains("organic", new BigDecimal("20"), 5)).containsExactly(ESPRESSO);
    }

    @Test
    void queryExpressionWithOr() {
        assertThat(queries.fromCountryOrCity("CH", "Hamburg")).containsExactly(FLOUR, CHEESE);
    }

    @Test
    void softDeleteHidesTheDocumentsFromQueriesAndKeepsThem() {
        assertThat(queries.softDeleteByStockLessThan(4)).isEqualTo(2);

        assertThat(queries.findBySku("BAK-007")).isEmpty();
        assertThat(queries.findTop2ByOrderByAddedAtAsc()).containsExactly(ESPRESSO, CHEESE);
        assertThat(rowCount()).isEqualTo(4);
        assertThat(queries.softDeleteByStockLessThan(4)).isZero();
    }

    @Test
    void aSoftDeleteQueryRecordsItsTransactionsActorAsTheLastModifier() {
        String table = TestDatabase.table(store, collection);
        TestDatabase.execute("update " + table + " set last_modified_by = 'ada'");

        assertThat(queries.softDeleteByStockLessThan(4)).isEqualTo(2);

        // No actor was set for the soft delete: the two rows it changed no longer name ada.
        assertThat(count("where last_modified_by = 'ada'")).isEqualTo(2);
        assertThat(count("where last_modified_by is null and deleted_at is not null"))
                .isEqualTo(2);
    }

    @Test
    void deleteRemovesTheLiveMatchesForGoodAndLeavesSoftDeletedOnes() {
        new ProductRepository(store).softDelete(DECAF.id());

        assertThat(queries.deleteByAvailability(Availability.DISCONTINUED)).isZero();
        assertThat(queries.deleteByAvailability(Availability.IN_STOCK)).isEqualTo(2);

        assertThat(queries.findBySku("COF-001")).isEmpty();
        assertThat(rowCount()).isEqualTo(2);
    }

    @Test
    void aSecondMatchForAnOptionalIsAnError() {
        TestDatabase.execute("drop index " + "\"" + store.schemaName() + "\"" + ".rf_doc_product_sku");
        try {
            new ProductRepository(store).put(product("DAI-042", "Copy", "1.00", 1, List.of(), 4, DAIRY, null));

            assertThatThrownBy(() -> queries.findBySku("DAI-042"))
                    .hasMessageContaining("ProductQueries.findBySku(String sku) expects at most one product");
        } finally {
            TestDatabase.execute("delete from " + TestDatabase.table(store, collection));
            store.schema().sync();
        }
    }

    @Test
    void aNullParameterIsRejectedByName() {
        assertThatThrownBy(() -> queries.findBySku(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Parameter sku of ProductQueries.findBySku(String sku) is null");
    }

    @Test
    void compiledQueriesSendWhatTheRuntimeDslRendersForTheSameQuery() {
        assertThat(completed(ProductQueries_Impl.FIND_BY_SUPPLIER_CITY_ORDER_BY_SKU_ASC))
                .isEqualTo(collection
                        .query()
                        .where(Product_.supplier.city.eq("Berlin"))
                        .orderBy(Product_.sku.asc())
                        .toSql());
        assertThat(completed(ProductQueries_Impl.BARGAINS))
                .isEqualTo(collection
                        .query()
                        .where(Conditions.all(
                                Product_.tags.contains("organic"),
                                Product_.price.lte(BigDecimal.TEN),
                                Product_.stock.gt(5)))
                        .orderBy(Product_.price.desc())
                        .limit(10)
                        .toSql());
        assertThat(completed(ProductQueries_Impl.FIND_BY_ADDED_AT_BEFORE_ORDER_BY_SKU))
                .isEqualTo(collection
                        .query()
                        .where(Product_.addedAt.before(T0))
                        .orderBy(Product_.sku.asc())
                        .toSql());
    }

    private String completed(String template) {
        return CompiledQuerySupport.of(collection).statement("test", template).sql();
    }

    @Test
    void compiledQueriesUseTheDeclaredIndexes() throws SQLException {
        Supplier elsewhere = new Supplier("Bulk", "Elsewhere", "XX");
        List<Product> bulk = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            bulk.add(
                    product("BULK-" + i, "Bulk " + i, "1.00", i, List.of("bulk"), 5, elsewhere, Availability.IN_STOCK));
        }
        new ProductRepository(store).bulkInsert(bulk);
        TestDatabase.execute("analyze " + TestDatabase.table(store, collection));

        assertThat(explain(ProductQueries_Impl.FIND_BY_SKU, "COF-001")).contains("rf_doc_product_sku");
        assertThat(explain(ProductQueries_Impl.FIND_BY_SUPPLIER_CITY_ORDER_BY_SKU_ASC, "Berlin"))
                .contains("rf_doc_product_supplier_city");
        assertThat(explain(ProductQueries_Impl.FIND_BY_TAGS_CONTAINING, "[\"coffee\"]"))
                .contains("rf_doc_product_tags");
    }

    /** PostgreSQL's plan for a compiled statement (completed for this store) with its one text parameter. */
    private String explain(String template, String parameter) throws SQLException {
        String sql = completed(template);
        try (Connection c = store.dataSource().getConnection();
                PreparedStatement p = c.prepareStatement("explain " + sql)) {
            p.setString(1, parameter);
            List<String> plan = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    plan.add(rs.getString(1));
                }
            }
            return String.join("\n", plan);
        }
    }

    private long rowCount() {
        return count("");
    }

    private long count(String where) {
        try (Connection c = store.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("select count(*) from " + TestDatabase.table(store, collection) + " " + where)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Product product(
            String sku,
            String name,
            String price,
            int stock,
            List<String> tags,
            int hour,
            Supplier supplier,
            Availability availability) {
        return new Product(
                UUID.randomUUID(),
                sku,
                name,
                name + " from " + supplier.name(),
                new BigDecimal(price),
                stock,
                tags,
                T0.plusSeconds(hour * 3600L),
                supplier,
                availability);
    }
}
