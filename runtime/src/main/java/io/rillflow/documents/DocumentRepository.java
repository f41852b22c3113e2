package io.rillflow.documents;

import io.rillflow.Store;
import io.rillflow.query.Assignment;
import io.rillflow.query.DocumentQuery;
import java.sql.Connection;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The base of generated repositories ({@code CustomerRepository}): the document collection with the document's own
 * id type, ids taken from the documents themselves, and metamodel paths for patches and queries.
 *
 * @param <T> the document type
 * @param <I> the id type
 */
public abstract class DocumentRepository<T, I> {
    private final DocumentCollection<T, I> collection;

    /** Opens the collection of {@code definition} on {@code store} (creating its table and indexes if missing). */
    protected DocumentRepository(Store store, DocumentDefinition<T, I> definition) {
        this.collection = store.documents(definition);
    }

    /** Wraps {@code collection}: how the generated {@link #within(Connection)} builds its bound copy. */
    protected DocumentRepository(DocumentCollection<T, I> collection) {
        this.collection = collection;
    }

    /**
     * This repository working on {@code connection} and inside its current transaction, for document writes that
     * must commit or roll back together with the caller's own SQL. The transaction stays the caller's: nothing the
     * returned repository does commits, rolls back or closes the connection, so its writes become visible when the
     * caller commits and vanish if the caller rolls back. Reads through it see the transaction's own uncommitted
     * writes. Generated repositories return their own type, so the typed methods stay at hand:
     * {@code customers.within(connection).put(customer)}.
     *
     * @param connection an open connection to the store's database; with auto-commit on, each call is its own
     *     transaction as usual
     */
    public abstract DocumentRepository<T, I> within(Connection connection);

    /** The id of {@code document}, as its {@code @Id} member holds it. */
    protected abstract I idOf(T document);

    /** The untyped collection underneath, for the calls this class does not repeat. */
    public DocumentCollection<T, I> collection() {
        return collection;
    }

    /** The document and its version, or empty; see {@link DocumentCollection#get}. */
    public Optional<Versioned<T>> get(I id) {
        return collection.get(id);
    }

    /** The document without its version, or empty. */
    public Optional<T> load(I id) {
        return collection.load(id);
    }

    /**
     * The document with its version and timestamps, or empty; soft-deleted documents included, see
     * {@link DocumentCollection#loadWithMetadata}.
     */
    public Optional<StoredDocument<T>> loadWithMetadata(I id) {
        return collection.loadWithMetadata(id);
    }

    /**
     * Every kept version of the document, newest first, for a {@code @Document(history = true)}; see
     * {@link DocumentCollection#history(Object)}.
     */
    public List<DocumentVersion<T>> history(I id) {
        return collection.history(id);
    }

    /** At most the {@code limit} newest kept versions of the document. */
    public List<DocumentVersion<T>> history(I id, int limit) {
        return collection.history(id, limit);
    }

    /** The document as the change to {@code version} left it; see {@link DocumentCollection#atVersion}. */
    public Optional<DocumentVersion<T>> atVersion(I id, long version) {
        return collection.atVersion(id, version);
    }

    /** The version of the document that was current at {@code time}; see {@link DocumentCollection#asOf}. */
    public Optional<DocumentVersion<T>> asOf(I id, Instant time) {
        return collection.asOf(id, time);
    }

    /** Stores the document under its own id, whatever is there; returns the new version. */
    public long put(T document) {
        return collection.put(idOf(document), document);
    }

    /** Stores the document only if the stored version is {@code expectedVersion} (0: only if new). */
    public long put(T document, long expectedVersion) {
        return collection.put(idOf(document), document, expectedVersion);
    }

    /** Stores a new document; fails with a {@link io.rillflow.ConcurrencyException} if its id is taken. */
    public long insert(T document) {
        return collection.insert(idOf(document), document);
    }

    /** Read-modify-write at the expected version; see {@link DocumentCollection#update(Object, long, UnaryOperator)}. */
    public Versioned<T> update(I id, long expectedVersion, UnaryOperator<T> change) {
        return collection.update(id, expectedVersion, change);
    }

    /** Read-modify-write retried on conflict; see {@link DocumentCollection#update(Object, UnaryOperator)}. */
    public Versioned<T> update(I id, UnaryOperator<T> change) {
        return collection.update(id, change);
    }

    /**
     * Sets fields server side, in one statement: {@code patch(id, Customer_.address.city.set("Berlin"))}; returns the
     * new version.
     */
    public long patch(I id, Assignment change, Assignment... more) {
        return collection.patch(id, change, more);
    }

    /** As {@link #patch(Object, Assignment, Assignment...)} only if the stored version is {@code expectedVersion}. */
    public long patch(I id, long expectedVersion, Assignment change, Assignment... more) {
        return collection.patch(id, expectedVersion, change, more);
    }

    /** Applies several field changes in one statement. */
    public long patch(I id, Patch patch) {
        return collection.patch(id, patch);
    }

    /** Removes the document for good; false if there was none. */
    public boolean delete(I id) {
        return collection.delete(id);
    }

    /** Hides the document from reads; false if it already was. */
    public boolean softDelete(I id) {
        return collection.softDelete(id);
    }

    /** Brings a soft-deleted document back; false if it was not deleted. */
    public boolean restore(I id) {
        return collection.restore(id);
    }

    /** Loads many new documents with COPY, all or none; ids come from the documents. */
    public long bulkInsert(Collection<T> documents) {
        return collection.bulkInsert(byId(documents, document -> document));
    }

    /**
     * Inserts or overwrites many documents under their own ids, all or none; see
     * {@link DocumentCollection#bulkPut(Map)}.
     *
     * @return the new version of each document's id, in the order given
     * @throws IllegalArgumentException if two documents share an id
     */
    public Map<I, Long> bulkPut(Collection<T> documents) {
        return collection.bulkPut(byId(documents, document -> document));
    }

    /**
     * Overwrites many documents under their own ids, each only if its stored version is still the one it carries
     * ({@code new Versioned<>(changed, loaded.version())}), all or none; see
     * {@link DocumentCollection#bulkUpdate(Map)}.
     *
     * @return the new version of each document's id, in the order given
     * @throws io.rillflow.ConcurrencyException naming every conflicting document; nothing is written
     * @throws IllegalArgumentException if two documents share an id
     */
    public Map<I, Long> bulkUpdate(Collection<Versioned<T>> documents) {
        return collection.bulkUpdate(byId(documents, Versioned::value));
    }

    /** Removes the documents with these ids for good, all or none; returns how many there were. */
    public long deleteAll(Collection<I> ids) {
        return collection.deleteAll(ids);
    }

    /** Hides the live documents with these ids from reads, all or none; returns how many were live. */
    public long softDeleteAll(Collection<I> ids) {
        return collection.softDeleteAll(ids);
    }

    /** {@code items} by the id of their document, refusing an id given twice. */
    private <E> Map<I, E> byId(Collection<E> items, Function<E, T> document) {
        Map<I, E> byId = new LinkedHashMap<>();
        for (E item : items) {
            I id = idOf(Objects.requireNonNull(document.apply(item), "a document of a bulk call must not be null"));
            if (byId.put(id, item) != null) {
                throw new IllegalArgumentException(
                        "Two documents in one bulk call share the id " + id + ": give each document once");
            }
        }
        return byId;
    }

    /** A query over the live documents. */
    public DocumentQuery<T> query() {
        return collection.query();
    }
}
