package io.rillflow.documents;

import java.util.List;
import java.util.Objects;

/**
 * A document type as the annotation processor saw it: its name, Java and id types and indexes. Generated
 * repositories and registries hold one; {@code store.documents(definition)} and schema sync read it.
 *
 * @param name the document name; the table is {@code rf_doc_<name>}
 * @param type the document class
 * @param idType the id class: UUID, String or Long
 * @param indexes the declared indexes
 */
public record DocumentDefinition<T, I>(String name, Class<T> type, Class<I> idType, List<IndexDefinition> indexes) {
    public DocumentDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(idType, "idType");
        indexes = List.copyOf(indexes);
    }
}
