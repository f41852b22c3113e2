package io.rillflow.sessions;

import io.rillflow.ConcurrencyException;
import io.rillflow.aggregates.AggregateRepository;
import io.rillflow.documents.DocumentRepository;
import io.rillflow.query.DocumentQuery;
import java.util.Optional;

/**
 * A unit of work: documents loaded, stored and deleted, events appended and aggregate commands decided, all staged in
 * memory and written by {@link #saveChanges()} in one transaction, or not at all.
 *
 * <pre>{@code
 * try (DocumentSession session = store.openSession()) {
 *     Customer customer = session.load(Customer.class, customerId).orElseThrow();
 *     session.store(customer.withTier("gold"));               // checked against the version loaded
 *     session.events().append(orderId, Expected.exact(3), new OrderPaid(orderId, amount));
 *     session.aggregates(orders).execute(orderId, new ShipOrder(orderId));
 *     session.saveChanges();                                   // one transaction
 * }
 * }</pre>
 *
 * <p>Every document write is checked against the version the session loaded: a document another writer changed
 * since fails the whole unit with a {@link ConcurrencyException} naming every conflicting document and stream, and
 * nothing is written. A document stored without being loaded is inserted or overwritten whatever is there.
 * {@code Store.inSession} runs a unit of work and retries it on a conflict, on a fresh session.
 *
 * <p>What the session remembers of what it loads depends on its {@link SessionKind}. Loads and queries read the
 * database (the caller's transaction for a session opened {@link SessionOptions#within within} one); they do not see
 * what the session has staged and not saved, except that a load of a document the session has stored or deleted
 * returns what it staged. A session is not thread-safe: use one per unit of work and thread.
 */
public interface DocumentSession extends AutoCloseable {
    /**
     * The document of a declared {@code @Document} type, or empty: from the identity map if the session holds it,
     * otherwise read (and remembered, as the {@link SessionKind} says).
     *
     * @throws IllegalArgumentException if {@code type} is not a declared {@code @Document}, or {@code id} is not of its
     *     id type
     */
    <T> Optional<T> load(Class<T> type, Object id);

    /**
     * Stages {@code document}, under the id its {@code @Id} holds, to be inserted or overwritten: checked against the
     * version this session loaded it at, if it did; written whatever is there otherwise.
     *
     * @throws IllegalStateException if the session is read-only or closed
     * @throws IllegalArgumentException if the document's type is not a declared {@code @Document} or its id is null
     */
    <T> void store(T document);

    /**
     * Stages {@code document} to be written only if the stored version is {@code expectedVersion} then (0: only if no
     * document has its id), whatever this session loaded.
     */
    <T> void store(T document, long expectedVersion);

    /** Stages a new document: saving fails with a {@link ConcurrencyException} if its id is taken by then. */
    <T> void insert(T document);

    /**
     * Stages the removal for good of the document with {@code id}: checked against the version this session loaded
     * it at, if it did; a document that is not there by then is no conflict.
     */
    <T> void delete(Class<T> type, Object id);

    /** Stages the removal of {@code document}, by the id its {@code @Id} holds; see {@link #delete(Class, Object)}. */
    <T> void delete(T document);

    /**
     * A query over the live documents of {@code type}, run on the session's connection (the caller's transaction, for
     * a session within one). It reads the database: what the session has staged is not in it, and the documents it
     * returns are not tracked.
     */
    <T> DocumentQuery<T> query(Class<T> type);

    /**
     * The generated implementation of a {@code @DocumentQueries} interface running on the session's connection: in
     * a session within a transaction, its queries see the transaction's own writes. Like {@link #query}, it reads the
     * database, not what the session staged. Created once per session.
     *
     * @throws IllegalArgumentException if no generated registry implements {@code type}
     */
    <Q> Q queries(Class<Q> type);

    /** The session's view of a generated repository's documents, typed by its id. */
    <T, I> SessionDocuments<T, I> documents(DocumentRepository<T, I> repository);

    /** Appends staged with the unit, written by {@link #saveChanges()}. */
    SessionEvents events();

    /**
     * The aggregates of {@code repository} in this session: commands are decided now and their events appended by
     * {@link #saveChanges()}, expecting the version they were decided on.
     */
    <S, I> SessionAggregates<S, I> aggregates(AggregateRepository<S, I> repository);

    /** Whether anything is staged and not yet saved (for a dirty-tracked session, changed documents included). */
    boolean hasChanges();

    /**
     * Writes everything staged in one transaction: document writes one statement per table and kind of change,
     * then the appends in stream order, with their inline projections. After it returns, the session's loaded
     * versions are the ones written, and the session can stage and save again.
     *
     * @throws ConcurrencyException if any document or stream is not at the version expected; it names the first,
     *     lists every other one in its message and carries each as a suppressed exception. Nothing is written, and the
     *     staged changes stay: open a new session (or use {@code Store.inSession}) to reload and decide again
     * @throws io.rillflow.documents.UniqueIndexViolationException if a document breaks a unique index; nothing is
     *     written
     * @throws IllegalStateException if the session is read-only or closed
     */
    void saveChanges();

    /** The options this session was opened with. */
    SessionOptions options();

    /** Ends the session, dropping whatever is staged and not saved; it releases no connection, as it holds none. */
    @Override
    void close();
}
