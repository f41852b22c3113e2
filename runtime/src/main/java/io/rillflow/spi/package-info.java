/**
 * For generated code only. The annotation processor implements {@link io.rillflow.spi.RillflowRegistry} once per
 * compilation and lists it in {@code META-INF/services}; the store loads every registry when it is built. Generated
 * {@code @DocumentQueries} implementations are created by a {@link io.rillflow.spi.QueryFactory} and run their
 * compile-time SQL through {@link io.rillflow.spi.CompiledQuerySupport}, {@link io.rillflow.spi.CompiledStatement}
 * and {@link io.rillflow.spi.QueryParameters}. Applications never implement or call these types. (The definitions
 * a registry lists, such as {@code DocumentDefinition}, live with their feature, which uses them too.)
 */
package io.rillflow.spi;
