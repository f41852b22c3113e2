package io.rillflow.admin;

import io.rillflow.RillflowException;

/** An admin call named a document table that does not exist in the store's schema. */
public final class UnknownDocumentTableException extends RillflowException {
    private static final long serialVersionUID = 1L;

    /** @param message names the missing table and the document tables there are */
    public UnknownDocumentTableException(String message) {
        super(message);
    }
}
