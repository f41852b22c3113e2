/**
 * The order example of eventfold-es, on Rillflow: an immutable record aggregate with UUID ids, a typed upcast of an
 * older event version, and a pre-commit check.
 */
package io.rillflow.examples.orders;
