package io.rillflow.cli;

/** What a command named (a stream, a stream alias, a document, a dead letter) does not exist: exit code 3. */
final class NotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotFoundException(String message) {
        super(message);
    }
}
