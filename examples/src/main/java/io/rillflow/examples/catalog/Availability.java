package io.rillflow.examples.catalog;

/** Whether a product can be ordered; stored by constant name. */
public enum Availability {
    IN_STOCK,
    BACKORDER,
    DISCONTINUED
}
