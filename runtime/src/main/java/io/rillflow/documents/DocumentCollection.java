package io.rillflow.documents;

import com.fasterxml.jackson.databind.JsonNode;
import io.rillflow.ConcurrencyException;
import io.rillflow.DocumentNotFoundException;
import io.rillflow.query.Assignment;
import io.rillflow.query.DocumentQuery;
import java.sql.Connection;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The documents of one type in their own table, as JSON with a version for optimistic concurrency.
 *
 * <p>Versions start at 1 and grow by one with every change (put, patch, soft delete, restore). Methods that take an
 * {@code expectedVersion} write only if the stored version is that number (0: the document must not exist) and
 * throw {@link ConcurrencyException} otherwise, writing nothing. Soft-deleted documents are invisible to reads.
 *
 * @param <T> the document type
 * @param <I> the id type: {@link java.util.UUID}, {@link String} or {@link Long}
 */
public interface DocumentCollection<T, I> {
    /** How many documents the bulk operations send per statement; a larger call runs several in one transaction. */
    int BULK_BATCH = 1_000;

    /**
     * This collection working on {@code connection} and inside its current transaction: nothing it does is committed
     * or rolled back by it, so its writes commit together with the caller's (a projection's read model with its
     * checkpoint, for example).
     */
    DocumentCollection<T, I> within(Connection connection);

    /** A query over this collection's live documents. */
    DocumentQuery<T> query();

    /**
     * Sets fields at metamodel paths in one statement ({@code patch(id, Customer_.address.city.set("Oslo"))});
     * returns the new version.
     */
    default long patch(I id, Assignment change, Assignment... more) {
        return patch(id, Patch.of(change, more));
    }

    /** As {@link #patch(Object, Assignment, Assignment...)}, only if the stored version is {@code expectedVersion}. */
    default long patch(I id, long expectedVersion, Assignment change, Assignment... more) {
        return patch(id, expectedVersion, Patch.of(change, more));
    }

    /** The document name: the documents live in table {@code rf_doc_<name>} of the store's schema. */
    String name();

    /** The Java type of the documents. */
    Class<T> documentType();

    /** The Java type of the ids. */
    Class<I> idType();

    /** The document and its version, or empty if there is none or it is soft-deleted. */
    Optional<Versioned<T>> get(I id);

    /** The document without its version, or empty. */
    Optional<T> load(I id);

    /**
     * The document with its version and timestamps, or empty if no document has this id. Unlike {@link #get} and
     * {@link #load}, a soft-deleted document is returned too, with {@link DocumentMetadata#deletedAt()} set: this is
     * the read that can tell when it was deleted. Keep {@code get} and {@code load} for the hot path; this one reads
     * three more columns.
     */
    Optional<StoredDocument<T>> loadWithMetadata(I id);

    /** Stores {@code doc} whatever is there (a soft-deleted document comes back to life); returns the new version. */
    long put(I id, T doc);

    /**
     * Stores {@code doc} only if the stored version is {@code expectedVersion} (0: only if no document has this id).
     *
     * @return the new version
     * @throws ConcurrencyException naming the expected and actual version, if they differ
     */
    long put(I id, T doc, long expectedVersion);

    /** Stores a new document; fails with {@link ConcurrencyException} if the id is taken. Returns 1. */
    long insert(I id, T doc);

    /** Same as {@link #put(Object, Object)}: insert or overwrite. */
    long upsert(I id, T doc);

    /**
     * Reads the document, applies {@code change} and writes the result, provided the stored version is
     * {@code expectedVersion} both when read and when written.
     *
     * @throws DocumentNotFoundException if there is no live document with this id
     * @throws ConcurrencyException if the version is not the expected one
     */
    Versioned<T> update(I id, long expectedVersion, UnaryOperator<T> change);

    /**
     * Read-modify-write at whatever version is current: if another writer gets in between, reads again and reapplies
     * {@code change} (a few times at most, then the {@link ConcurrencyException} is thrown). {@code change} must
     * therefore have no side effects besides computing the new document.
     */
    Versioned<T> update(I id, UnaryOperator<T> change);

    /** As {@link #update(Object, long, UnaryOperator)} for mutable documents changed in place. */
    Versioned<T> mutate(I id, long expectedVersion, Consumer<T> change);

    /** As {@link #update(Object, UnaryOperator)} for mutable documents changed in place. */
    Versioned<T> mutate(I id, Consumer<T> change);

    /** Sets one field server side (missing parents are created); returns the new version. */
    long patch(I id, String path, Object value);

    /** As {@link #patch(Object, String, Object)}, only if the stored version is {@code expectedVersion}. */
    long patch(I id, long expectedVersion, String path, Object value);

    /** Applies every change of {@code patch} in one statement; returns the new version. */
    long patch(I id, Patch patch);

    /** As {@link #patch(Object, Patch)}, only if the stored version is {@code expectedVersion}. */
    long patch(I id, long expectedVersion, Patch patch);

    /**
     * One field of a live document, e.g. {@code getField(id, "address.city")}; empty when the field is absent or null.
     *
     * @throws DocumentNotFoundException if there is no live document with this id
     */
    Optional<JsonNode> getField(I id, String path);

    /** As {@link #getField(Object, String)}, read as {@code fieldType}. */
    <V> Optional<V> getField(I id, String path, Class<V> fieldType);

    /** Removes the document for good; false if there was none. */
    boolean delete(I id);

    /**
     * Hides the document from reads while keeping it; false if it was already soft-deleted.
     *
     * @throws DocumentNotFoundException if no document has this id
     */
    boolean softDelete(I id);

    /**
     * Brings a soft-deleted document back; false if it was not deleted.
     *
     * @throws DocumentNotFoundException if no document has this id
     */
    boolean restore(I id);

    /**
     * Loads many new documents at once with COPY, in one transaction: all or none. Fails if any id exists already.
     *
     * @return the number of documents stored
     */
    long bulkInsert(Map<I, T> documents);

    /**
     * Inserts or overwrites many documents, as {@link #put(Object, Object)} does one (soft-deleted ones come back at
     * their next version), all or none: one statement per {@value #BULK_BATCH} documents, several batches in one
     * transaction. A unique index violated by any of them fails the call with {@link UniqueIndexViolationException}.
     *
     * @return the new version of each document, in the map's iteration order
     */
    Map<I, Long> bulkPut(Map<I, T> documents);

    /**
     * Overwrites many live documents, each only if its stored version is the one given with it (read it with
     * {@link #get}, change the value, pass the {@link Versioned} back): all or none, one statement per
     * {@value #BULK_BATCH} documents in one transaction.
     *
     * @param documents the new document of each id, with the version it must still have (positive)
     * @return the new version of each document, in the map's iteration order
     * @throws ConcurrencyException if any document has another version, is soft-deleted or missing; nothing is
     *     written. It names the first conflict, lists every other one with its expected and actual version in its
     *     message, and carries each other one as a {@linkplain Throwable#getSuppressed() suppressed} exception
     */
    Map<I, Long> bulkUpdate(Map<I, Versioned<T>> documents);

    /**
     * Removes the documents with these ids for good (soft-deleted ones included), one statement per
     * {@value #BULK_BATCH} ids, all or none; ids with no document are skipped.
     *
     * @return how many documents were deleted
     * @throws IllegalArgumentException if an id is null or given twice
     */
    long deleteAll(Collection<I> ids);

    /**
     * Soft-deletes the live documents with these ids, as {@link #softDelete} does one, all or none; ids with no live
     * document are skipped.
     *
     * @return how many documents were soft-deleted
     * @throws IllegalArgumentException if an id is null or given twice
     */
    long softDeleteAll(Collection<I> ids);

    /**
     * Deletes every document of this collection, soft-deleted ones included, in one statement; for rebuilding a read
     * model or clearing test data.
     *
     * @return how many documents were deleted
     */
    long deleteAll();

    /**
     * Every version of the document that its history kept, newest first, soft and hard deletes included; for a
     * document declared with {@code @Document(history = true)}. After a hard delete and a new put, both lives of the
     * id are listed (the newer one first), each counting from version 1.
     *
     * @return the versions, newest first; empty if the id never had a document since history was turned on
     * @throws IllegalStateException if this document keeps no history
     */
    List<DocumentVersion<T>> history(I id);

    /** As {@link #history(Object)}, at most the {@code limit} newest versions. */
    List<DocumentVersion<T>> history(I id, int limit);

    /**
     * The document as the change to {@code version} left it. After a hard delete and a new put, this is the version
     * of the id's latest life that has this number.
     *
     * @return the version, or empty if history has none with this number for the id
     * @throws IllegalStateException if this document keeps no history
     */
    Optional<DocumentVersion<T>> atVersion(I id, long version);

    /**
     * The version that was current at {@code time}: the last change written at or before it. If that change deleted
     * the document, the version says so ({@link DocumentVersion#deleted()}) and carries what was deleted.
     *
     * @return the version, or empty if the id had no document yet at that time (or history was not yet on)
     * @throws IllegalStateException if this document keeps no history
     */
    Optional<DocumentVersion<T>> asOf(I id, Instant time);
}
