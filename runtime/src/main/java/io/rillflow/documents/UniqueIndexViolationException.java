package io.rillflow.documents;

import io.rillflow.RillflowException;

/**
 * A document write refused because a live document of the same type already has its value in a field declared
 * {@code @Index(unique = true)}. Nothing was written.
 */
public final class UniqueIndexViolationException extends RillflowException {
    private static final long serialVersionUID = 1L;

    /** The document type written. */
    private final Class<?> documentType;
    /** The PostgreSQL name of the unique index. */
    private final String index;
    /** The dotted path of the indexed field. */
    private final String field;

    /** Created by the store when PostgreSQL refuses a write with a unique violation on a declared index. */
    public UniqueIndexViolationException(
            Class<?> documentType, String index, String field, String detail, Throwable cause) {
        super(
                "Cannot write " + documentType.getName() + ": another live document already has this " + field
                        + " (unique index " + index + (detail == null ? "" : "; " + detail) + ")",
                cause);
        this.documentType = documentType;
        this.index = index;
        this.field = field;
    }

    /** The document type written. */
    public Class<?> documentType() {
        return documentType;
    }

    /** The PostgreSQL name of the unique index. */
    public String index() {
        return index;
    }

    /** The field the index is declared on, as a dotted path ({@code supplier.code}). */
    public String field() {
        return field;
    }
}
