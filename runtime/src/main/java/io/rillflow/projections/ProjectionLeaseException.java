package io.rillflow.projections;

import io.rillflow.RillflowException;

/** An operation that needs a projection's lease (such as a rebuild) found it held by another node. */
public final class ProjectionLeaseException extends RillflowException {
    private static final long serialVersionUID = 1L;

    /** @param message names the projection, the holder and when its lease runs out */
    public ProjectionLeaseException(String message) {
        super(message);
    }
}
