package io.rillflow.processes;

import io.rillflow.RillflowException;

/** An admin or run call named a process manager that is not registered with this store. */
public final class UnknownProcessManagerException extends RillflowException {
    private static final long serialVersionUID = 1L;

    /** @param message names the unknown process manager and the known ones */
    public UnknownProcessManagerException(String message) {
        super(message);
    }
}
