package io.rillflow.sessions;

/**
 * A unit of work run by {@code Store.inSession}: reads, decides and stages writes on the session it is given, which
 * is saved when it returns. It may run more than once (after a conflict, on a fresh session), so it must not have
 * side effects outside the session.
 *
 * @param <R> what it returns
 */
@FunctionalInterface
public interface SessionWork<R> {
    /** Does the work on {@code session}; the caller saves it. */
    R run(DocumentSession session);
}
