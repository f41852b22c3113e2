package io.rillflow.subscriptions;

import io.rillflow.RillflowException;

/** A call named a subscription, or a consumer group of one, that does not exist. */
public final class UnknownSubscriptionException extends RillflowException {
    private static final long serialVersionUID = 1L;

    /** @param message names the unknown subscription or group */
    public UnknownSubscriptionException(String message) {
        super(message);
    }
}
