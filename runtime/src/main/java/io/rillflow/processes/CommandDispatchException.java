package io.rillflow.processes;

import io.rillflow.RillflowException;

/**
 * A command a process manager sent failed (its aggregate rejected it, no aggregate handles it, or the append failed).
 * The event that caused it is retried and finally dead-lettered with this exception's message as its error.
 */
public final class CommandDispatchException extends RillflowException {
    private static final long serialVersionUID = 1L;

    /** The process manager's name. */
    private final String processManager;
    /** The position of the event the command reacted to. */
    private final long globalSeq;
    /** The command's index among those the event produced. */
    private final int index;

    /**
     * @param processManager the process manager's name
     * @param globalSeq the position of the event it reacted to
     * @param index the command's index among those the event produced
     * @param message what was sent where, and why it failed
     * @param cause the failure
     */
    public CommandDispatchException(String processManager, long globalSeq, int index, String message, Throwable cause) {
        super(message, cause);
        this.processManager = processManager;
        this.globalSeq = globalSeq;
        this.index = index;
    }

    /** The process manager's name. */
    public String processManager() {
        return processManager;
    }

    /** The position of the event the command reacted to. */
    public long globalSeq() {
        return globalSeq;
    }

    /** The command's index among those the event produced. */
    public int index() {
        return index;
    }
}
