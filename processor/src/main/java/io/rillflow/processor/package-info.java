/**
 * The Rillflow annotation processor. Each annotation is handled in three steps: a validator reads the annotated
 * elements and returns a report, an immutable descriptor models what is valid, and a writer emits Java source with
 * JavaPoet. Only elements whose report is clean are generated.
 */
package io.rillflow.processor;
