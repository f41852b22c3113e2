package io.rillflow.spi;

import io.rillflow.documents.DocumentCollection;
import java.util.Objects;
import java.util.function.Function;

/**
 * Creates the generated implementation of a {@code @DocumentQueries} interface over a document collection: the
 * store's ({@code store.queries(type)}), or one working on a caller's connection ({@code session.queries(type)} in a
 * session opened within a transaction). Generated registries list one per interface, and the store finds it in a map
 * built once: no reflection per call.
 *
 * @param <Q> the query interface
 */
public interface QueryFactory<Q> {
    /** The query interface. */
    Class<Q> type();

    /** The document type the queries read. */
    Class<?> documentType();

    /**
     * A new implementation running its statements on {@code collection}.
     *
     * @throws IllegalArgumentException if {@code collection} holds another document type, or is not a store's
     */
    Q create(DocumentCollection<?, ?> collection);

    /** The factory of {@code type} over {@code documentType}, whose implementations {@code create} makes. */
    static <Q, T> QueryFactory<Q> of(
            Class<Q> type, Class<T> documentType, Function<CompiledQuerySupport<T>, ? extends Q> create) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(documentType, "documentType");
        Objects.requireNonNull(create, "create");
        return new QueryFactory<>() {
            @Override
            public Class<Q> type() {
                return type;
            }

            @Override
            public Class<?> documentType() {
                return documentType;
            }

            @Override
            @SuppressWarnings("unchecked")
            public Q create(DocumentCollection<?, ?> collection) {
                Objects.requireNonNull(collection, "collection");
                if (!collection.documentType().equals(documentType)) {
                    throw new IllegalArgumentException(type.getName() + " queries " + documentType.getName()
                            + " documents, not " + collection.documentType().getName());
                }
                return create.apply(CompiledQuerySupport.of((DocumentCollection<T, ?>) collection));
            }
        };
    }
}
