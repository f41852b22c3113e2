/**
 * For generated code only: the annotation processor implements {@link io.rillflow.spi.RillflowRegistry} once per
 * compilation and lists it in {@code META-INF/services}; the store loads every registry when it is built. Applications
 * never implement or call it.
 */
package io.rillflow.spi;
