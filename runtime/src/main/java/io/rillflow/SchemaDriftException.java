package io.rillflow;

/**
 * The database schema does not match what this version of Rillflow ships: typically a migration that was already
 * applied has since been edited, so its checksum differs. Nothing is applied until that is resolved.
 */
public final class SchemaDriftException extends RillflowException {
    private static final long serialVersionUID = 1L;

    /** @param message names the migration and both checksums */
    public SchemaDriftException(String message) {
        super(message);
    }
}
