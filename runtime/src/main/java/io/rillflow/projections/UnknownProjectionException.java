package io.rillflow.projections;

import io.rillflow.RillflowException;

/** An admin or run call named a projection that is not registered with this store. */
public final class UnknownProjectionException extends RillflowException {
    private static final long serialVersionUID = 1L;

    /** @param message names the unknown projection and the known ones */
    public UnknownProjectionException(String message) {
        super(message);
    }
}
