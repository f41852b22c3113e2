/**
 * Typed document queries: the generated metamodel ({@code Customer_.email.eq("a@x")}) builds
 * {@link io.rillflow.query.Condition}s and {@link io.rillflow.query.Order}s for a
 * {@link io.rillflow.query.DocumentQuery}, from {@code collection.query()} or a generated repository. The compiled
 * statements of {@code @DocumentQueries} interfaces run on {@link io.rillflow.spi.CompiledQuerySupport},
 * {@link io.rillflow.spi.CompiledStatement} and {@link io.rillflow.spi.QueryParameters}: support for generated
 * code, not for applications.
 */
package io.rillflow.query;
