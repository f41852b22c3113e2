/**
 * Subscriptions: filtered tails of the event log handed to application code outside the database transaction, shared
 * by the workers of a consumer group, with acknowledgements (automatic, manual or in the caller's transaction),
 * backpressure and bounded shutdown ({@code store.subscriptions()}, a {@link io.rillflow.subscriptions.Subscriptions}).
 */
package io.rillflow.subscriptions;
