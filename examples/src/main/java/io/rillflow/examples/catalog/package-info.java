/**
 * A product catalogue stored as {@code @Document}s: the Rillflow annotation processor generates {@code Product_} (typed
 * field paths), {@code ProductRepository} (UUID ids, indexes) and the registry through which the store creates the
 * {@code rf_doc_product} table and its indexes at schema sync.
 */
package io.rillflow.examples.catalog;
