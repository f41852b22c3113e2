package io.rillflow;

/** An operation needed an existing document (update, patch, soft delete, restore) and there is none with that id. */
public final class DocumentNotFoundException extends RillflowException {
    private static final long serialVersionUID = 1L;

    /** @param table the document table @param id the id that was asked for */
    public DocumentNotFoundException(String table, Object id) {
        super("No document with id " + id + " in " + table);
    }
}
