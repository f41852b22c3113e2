package io.rillflow.internal;

import io.rillflow.sql.SqlFragments;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Who is writing, for the {@code created_by} and {@code last_modified_by} columns of document tables (and for history
 * rows). The actor is the transaction-local PostgreSQL setting {@code rillflow.actor}: every document write statement
 * reads it ({@link SqlFragments#ACTOR}), so the statements themselves do not change with it and their prepared plans
 * are shared by every actor. A setting local to the transaction ends with it, commit or rollback: a pooled connection
 * cannot carry one unit of work's actor into the next, and a write with no actor set records null.
 *
 * <p>An actor is a name of at most {@value #MAX_LENGTH} characters, not blank, without the NUL character (which
 * PostgreSQL cannot store in text).
 */
public final class Actor {
    /** The longest actor accepted: a user name, an e-mail address or a service name fits; a document does not. */
    public static final int MAX_LENGTH = 256;

    private Actor() {}

    /**
     * Makes {@code actor} the writer of every document write on {@code connection} until its transaction ends; call it
     * first in the transaction. A null actor leaves the transaction without one (its writes record null).
     *
     * @throws IllegalArgumentException if the actor is blank, longer than {@value #MAX_LENGTH} characters or holds NUL
     * @throws IllegalStateException if {@code connection} is in auto-commit mode, where the setting would end with
     *     this very statement
     */
    public static void set(Connection connection, String actor) throws SQLException {
        if (actor == null) {
            return;
        }
        requireValid(actor);
        if (connection.getAutoCommit()) {
            throw new IllegalStateException("The actor \"" + actor + "\" can only be set inside a transaction: it is"
                    + " local to the transaction, and this connection is in auto-commit mode");
        }
        try (PreparedStatement p = connection.prepareStatement("select set_config('rillflow.actor', ?, true)")) {
            p.setString(1, actor);
            p.execute();
        }
    }

    /**
     * Returns {@code actor}, checked, so that a configured actor fails when it is configured, not at the first write.
     *
     * @throws IllegalArgumentException if the actor is blank, longer than {@value #MAX_LENGTH} characters or holds NUL
     */
    public static String requireValid(String actor) {
        Objects.requireNonNull(actor, "actor: null means no actor, and is for set() to skip");
        if (actor.isBlank()) {
            throw new IllegalArgumentException("The actor \"" + actor + "\" is blank: give a name, or null for none");
        }
        if (actor.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("The actor \"" + actor.substring(0, 40) + "...\" has " + actor.length()
                    + " characters, more than the " + MAX_LENGTH + " an actor may have: use a user or service name");
        }
        return NulCharacters.requireNone("the actor", actor);
    }
}
