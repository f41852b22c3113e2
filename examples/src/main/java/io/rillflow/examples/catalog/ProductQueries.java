package io.rillflow.examples.catalog;

import io.rillflow.annotations.DocumentQueries;
import io.rillflow.annotations.Query;
import io.rillflow.query.Page;
import io.rillflow.query.PageRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Questions the catalogue asks about {@link Product}s, checked and rendered to SQL by the annotation processor: it
 * generates {@code ProductQueries_Impl}, which {@code store.queries(ProductQueries.class)} returns.
 */
@DocumentQueries(Product.class)
public interface ProductQueries {
    /**
     * A product's SKU and price only: the statement selects just these two fields.
     *
     * @param sku the stock-keeping unit
     * @param price the unit price
     */
    record PriceTag(String sku, BigDecimal price) {}

    /** The live product with this SKU (served by the unique SKU index). */
    Optional<Product> findBySku(String sku);

    /** Products of one availability, cheapest first. */
    List<Product> findByAvailabilityOrderByPriceAsc(Availability availability);

    /** Products whose supplier ships from {@code city} (served by the nested-path index). */
    List<Product> findBySupplierCityOrderBySkuAsc(String city);

    /** How many products cost more than {@code price} and have one of these availabilities. */
    long countByPriceGreaterThanAndAvailabilityIn(BigDecimal price, Collection<Availability> availabilities);

    /** Whether any product comes from this country. */
    boolean existsBySupplierCountry(String country);

    /** Products with this tag, streamed through a cursor (served by the GIN index on tags). */
    Stream<Product> findByTagsContainingOrderBySku(String tag);

    /** One page of the products of an availability, by SKU. */
    List<Product> findByAvailabilityOrderBySku(Availability availability, PageRequest page);

    /** One page of the products dearer than {@code price}, by SKU, with the number of them all. */
    Page<Product> findByPriceGreaterThanOrderBySku(BigDecimal price, PageRequest page);

    /** One page of the price tags of the products with this tag, dearest first, with the number of them all. */
    Page<PriceTag> findByTagsContainingOrderByPriceDesc(String tag, PageRequest page);

    /** The SKUs and prices of the products with this tag. */
    List<PriceTag> findByTagsContaining(String tag);

    /** Products whose name starts with {@code prefix}, in any case. */
    List<Product> findByNameStartingWithIgnoreCase(String prefix);

    /** Products whose description contains {@code word} (taken literally, case-sensitive). */
    List<Product> findByDescriptionContainingOrderBySku(String word);

    /** Products whose name ends with {@code suffix}. */
    List<Product> findByNameEndingWith(String suffix);

    /** Products whose SKU matches a LIKE pattern ({@code %} and {@code _} wildcards). */
    List<Product> findBySkuLikeOrderBySku(String pattern);

    /** Products of any availability but this one, including those without any. */
    List<Product> findByAvailabilityNotOrderBySku(Availability availability);

    /** How many products have no availability. */
    long countByAvailabilityIsNull();

    /** Products with between {@code low} and {@code high} units in stock. */
    List<Product> findByStockBetweenOrderBySku(int low, int high);

    /** The products with these SKUs. */
    List<Product> findBySkuInOrderBySku(String... skus);

    /** Every product but these SKUs. */
    List<Product> findBySkuNotInOrderBySku(Collection<String> skus);

    /** The most expensive product, or null if there is none. */
    Product findFirstByOrderByPriceDesc();

    /** The two products added first. */
    List<Product> findTop2ByOrderByAddedAtAsc();

    /** Products added before {@code instant}. */
    List<Product> findByAddedAtBeforeOrderBySku(Instant instant);

    /** Cheap tagged products with enough stock, most expensive first. */
    @Query("tags contains :tag and price <= :maxPrice and stock > :minStock order by price desc limit 10")
    List<Product> bargains(String tag, BigDecimal maxPrice, int minStock);

    /** Products from a country or a city. */
    @Query("supplier.country = :country or supplier.city = :city order by sku")
    List<Product> fromCountryOrCity(String country, String city);

    /** Soft-deletes the products with less stock than {@code stock}; how many. */
    long softDeleteByStockLessThan(int stock);

    /** Deletes the products of an availability for good; how many. */
    int deleteByAvailability(Availability availability);
}
