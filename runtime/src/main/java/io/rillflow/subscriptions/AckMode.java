package io.rillflow.subscriptions;

/** When a worker's checkpoint moves past the events it was given. */
public enum AckMode {
    /** After the handler returns for every event of a batch (push), or at the next poll (pull). At least once. */
    AUTO,
    /** When the application calls {@link SubscriptionHandle#ack(long)}. At least once. */
    MANUAL,
    /**
     * When the application calls {@link SubscriptionHandle#ackInTransaction(java.sql.Connection, long)} in its own
     * transaction, so the checkpoint commits or rolls back with the effects: exactly-once effects for database work.
     */
    TRANSACTIONAL
}
