package io.rillflow.processor.queries;

import io.rillflow.processor.Message;

/**
 * Why a query method cannot be implemented, raised while parsing and resolving it. The validator turns it into a
 * diagnostic on the method, with the method's signature as the message's first argument.
 */
final class QueryProblem extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Message diagnostic;
    private final transient Object[] arguments;

    /** {@code message} with {@code arguments} following the method signature. */
    QueryProblem(Message message, Object... arguments) {
        super(message.name(), null, false, false);
        this.diagnostic = message;
        this.arguments = arguments.clone();
    }

    Message diagnostic() {
        return diagnostic;
    }

    /** The message's arguments for the method whose signature is {@code signature}. */
    Object[] arguments(String signature) {
        Object[] all = new Object[arguments.length + 1];
        all[0] = signature;
        System.arraycopy(arguments, 0, all, 1, arguments.length);
        return all;
    }
}
