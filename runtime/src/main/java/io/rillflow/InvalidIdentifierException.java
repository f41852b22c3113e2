package io.rillflow;

/**
 * A name that would reach SQL (schema, table, document field path, alias) is not acceptable. Rillflow validates and
 * quotes every identifier and binds every value, so this is raised before anything is sent to the database.
 */
public final class InvalidIdentifierException extends RillflowException {
    private static final long serialVersionUID = 1L;

    /** @param message names the kind of identifier, the rejected value and the rule */
    public InvalidIdentifierException(String message) {
        super(message);
    }
}
