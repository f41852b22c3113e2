/**
 * A subscription: order confirmations "mailed" by a group of two workers outside the database transaction, each
 * order's mail exactly once recorded in an outbox table written in the same transaction as the acknowledgement.
 */
package io.rillflow.examples.subscriptions;
