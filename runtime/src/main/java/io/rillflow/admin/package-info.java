/**
 * Administration of a store from its database alone ({@code store.admin()}): what an operator or the {@code rillflow}
 * command does to projections, streams and documents without the application's classes or handlers. Projection
 * pauses, resumes and checkpoint moves are rows that a running daemon on any node reads at its next batch.
 */
package io.rillflow.admin;
