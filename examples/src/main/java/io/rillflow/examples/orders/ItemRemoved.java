package io.rillflow.examples.orders;

/** Every line of a product was removed. */
public record ItemRemoved(String sku) {}
