/**
 * Typed document queries: the generated metamodel ({@code Customer_.email.eq("a@x")}) builds
 * {@link io.rillflow.query.Condition}s and {@link io.rillflow.query.Order}s for a
 * {@link io.rillflow.query.DocumentQuery}, from {@code collection.query()} or a generated repository; a condition
 * renders itself into a {@link io.rillflow.query.SqlBuilder}. The compiled statements of {@code @DocumentQueries}
 * interfaces run on the support in {@link io.rillflow.spi}.
 */
package io.rillflow.query;
