package io.rillflow.documents;

import io.rillflow.InvalidIdentifierException;
import io.rillflow.internal.Identifiers;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A document type as the annotation processor saw it: its name, Java and id types and indexes. Generated
 * repositories and registries hold one; {@code store.documents(definition)} and schema sync read it.
 *
 * @param name the document name; the table is {@code rf_doc_<name>}
 * @param type the document class
 * @param idType the id class: UUID, String or Long
 * @param indexes the declared indexes
 * @param idAccessor reads a document's id from its {@code @Id} member; null for a collection opened by type and id
 *     type, whose callers pass ids themselves
 * @param history whether every version is kept in the table {@code rf_doc_<name>_history}
 *     ({@code @Document(history = true)}); see {@link DocumentCollection#history}
 */
public record DocumentDefinition<T, I>(
        String name,
        Class<T> type,
        Class<I> idType,
        Function<? super T, ? extends I> idAccessor,
        List<IndexDefinition> indexes,
        boolean history) {
    /** A definition without history. */
    public DocumentDefinition(
            String name,
            Class<T> type,
            Class<I> idType,
            Function<? super T, ? extends I> idAccessor,
            List<IndexDefinition> indexes) {
        this(name, type, idType, idAccessor, indexes, false);
    }

    /** A definition without an id accessor: every call that writes a document takes its id. */
    public DocumentDefinition(String name, Class<T> type, Class<I> idType, List<IndexDefinition> indexes) {
        this(name, type, idType, null, indexes, false);
    }

    /** This definition with history kept: how generated repositories declare {@code @Document(history = true)}. */
    public DocumentDefinition<T, I> withHistory() {
        return new DocumentDefinition<>(name, type, idType, idAccessor, indexes, true);
    }

    /**
     * Checks the names and copies the indexes.
     *
     * @throws io.rillflow.InvalidIdentifierException if the table or an index name is not a valid PostgreSQL name of
     *     at most 63 characters
     */
    public DocumentDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(idType, "idType");
        indexes = List.copyOf(indexes);
        Identifiers.requireSqlName("document table", "rf_doc_" + name);
        if (history) {
            Identifiers.requireSqlName("document history table", "rf_doc_" + name + "_history");
        }
        for (IndexDefinition index : indexes) {
            String indexName = index.indexName(name);
            if (indexName.length() > Identifiers.MAX_IDENTIFIER) {
                // PostgreSQL would silently cut the name, and two long index names could become one.
                throw new InvalidIdentifierException("The index \"" + indexName + "\" of document " + name + " is "
                        + indexName.length() + " characters long, and PostgreSQL keeps only "
                        + Identifiers.MAX_IDENTIFIER + ": give it a shorter name (@Index(name = ...))");
            }
        }
    }

    /**
     * The id of {@code document}, read by the generated accessor.
     *
     * @throws IllegalArgumentException if this definition has no accessor (a collection opened with
     *     {@code store.documents(type, idType)}), or the document's id is null
     */
    public I idOf(T document) {
        Objects.requireNonNull(document, "document");
        if (idAccessor == null) {
            throw new IllegalArgumentException("The id of a " + type.getName() + " document cannot be read: it is not"
                    + " a declared @Document with an @Id, so pass its id with the document");
        }
        I id = idAccessor.apply(document);
        if (id == null) {
            throw new IllegalArgumentException(
                    "The " + type.getSimpleName() + " document has a null id: set its @Id" + " before storing it");
        }
        return id;
    }
}
