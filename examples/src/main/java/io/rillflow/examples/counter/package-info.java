/**
 * The counter of eventfold-es, on Rillflow: a mutable aggregate whose commands increment, decrement and reset it,
 * with ids such as {@code "counter-1"}.
 */
package io.rillflow.examples.counter;
