package io.rillflow.subscriptions;

import io.rillflow.RillflowException;

/**
 * A subscription call that cannot be honoured as asked: an acknowledgement of an event that was not delivered or is
 * already acknowledged, a worker that lost its slot, a subscription created again with another filter. Nothing was
 * changed.
 */
public final class SubscriptionException extends RillflowException {
    private static final long serialVersionUID = 1L;

    /** @param message says what was asked and why it was refused */
    public SubscriptionException(String message) {
        super(message);
    }
}
