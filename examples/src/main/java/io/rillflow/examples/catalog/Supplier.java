package io.rillflow.examples.catalog;

/**
 * A supplier, stored inside each of its products; the metamodel reaches its fields as
 * {@code Product_.supplier.city}.
 *
 * @param name the company name
 * @param city where it ships from
 * @param country the ISO country code
 */
public record Supplier(String name, String city, String country) {}
