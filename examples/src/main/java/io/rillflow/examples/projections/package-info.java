/**
 * A read model kept by a {@code @Projection}: customer summaries folded from registration and order events. The
 * processor generates {@code CustomerSummaries_Projection} (typed dispatch) and lists it in the registry; the
 * projection daemon applies the events exactly once, in order, with the documents and the checkpoint committed
 * together.
 */
package io.rillflow.examples.projections;
