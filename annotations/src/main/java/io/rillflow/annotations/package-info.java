/**
 * The annotations a user puts on documents, events, aggregates, projections and query interfaces. They carry no
 * runtime code: the Rillflow annotation processor reads them at compile time and generates the typed repositories,
 * queries and dispatch that the runtime executes.
 */
package io.rillflow.annotations;
