package io.rillflow.archive;

import io.rillflow.RillflowException;
import java.nio.file.Path;

/**
 * An import met a file that is not a complete Rillflow export: a line that is not JSON, a record missing a field or
 * holding a value of the wrong type, records out of order, or no end line (a truncated file). The import stored
 * nothing: it runs in one transaction, which this failure rolled back.
 */
public final class ArchiveFormatException extends RillflowException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long line;

    /** @param file the export file @param line the 1-based line at fault @param problem what is wrong with it */
    public ArchiveFormatException(Path file, long line, String problem) {
        super("Cannot import " + file + ": line " + line + " " + problem + "; nothing was imported");
        this.file = file;
        this.line = line;
    }

    /** The export file. */
    public Path file() {
        return file;
    }

    /** The 1-based number of the line at fault. */
    public long line() {
        return line;
    }
}
