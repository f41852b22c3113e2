package io.rillflow.sessions;

/** What a {@link DocumentSession} remembers of the documents it loads, and whether it writes at all. */
public enum SessionKind {
    /**
     * Reads only: every load reads the database and returns a new instance, nothing is remembered, and every write
     * method throws {@link IllegalStateException}. The cheapest session, for queries and views.
     */
    READ_ONLY,

    /**
     * Writes without an identity map: every load returns a new instance, but the session remembers the version it
     * read, so storing the document later is checked against it.
     */
    LIGHTWEIGHT,

    /**
     * The default: a second load of a document returns the instance of the first (or the one stored since), so code
     * sharing the session sees one object per document; stores are checked against the version loaded.
     */
    IDENTITY_MAP,

    /**
     * An identity map that also finds changes itself: {@link DocumentSession#saveChanges()} stores every loaded
     * document whose JSON differs from the JSON it was loaded with, without a call to {@code store}, and nothing for
     * one left unchanged. Costs a serialization per loaded document at load and at save.
     */
    DIRTY_TRACKED
}
