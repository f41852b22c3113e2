package io.rillflow.internal;

import io.rillflow.ConcurrencyException;
import java.util.List;

/**
 * One exception for a write of many targets that met several conflicts: the first conflict is the exception, its
 * message lists every other one, and each other one is carried as a {@linkplain Throwable#getSuppressed() suppressed}
 * {@link ConcurrencyException}, so a caller can name every document or stream that moved on.
 */
public final class Conflicts {
    /**
     * One conflict.
     *
     * @param target the document or stream, as {@link ConcurrencyException#target()} names it
     * @param expected the expected version, as the caller stated it
     * @param actual the version found; 0 when there is none
     * @param state what else the caller should know (soft-deleted, missing), or null
     */
    public record Conflict(String target, String expected, long actual, String state) {}

    private Conflicts() {}

    /**
     * The exception for {@code found} (at least one) in {@code write}, e.g. "a bulk update": nothing of it was
     * written.
     */
    public static ConcurrencyException exception(List<Conflict> found, String write) {
        Conflict first = found.get(0);
        StringBuilder state = new StringBuilder();
        if (first.state() != null) {
            state.append(first.state()).append("; ");
        }
        state.append(found.size() == 1 ? "the only conflict" : "1 of " + found.size() + " conflicts")
                .append(" in ")
                .append(write)
                .append(", nothing was written");
        for (Conflict other : found.subList(1, found.size())) {
            state.append("; ")
                    .append(other.target())
                    .append(": expected ")
                    .append(other.expected())
                    .append(", actual ")
                    .append(other.actual());
            if (other.state() != null) {
                state.append(" (").append(other.state()).append(')');
            }
        }
        ConcurrencyException e =
                new ConcurrencyException(first.target(), first.expected(), first.actual(), state.toString());
        for (Conflict other : found.subList(1, found.size())) {
            e.addSuppressed(new ConcurrencyException(other.target(), other.expected(), other.actual(), other.state()));
        }
        return e;
    }
}
