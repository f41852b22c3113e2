package io.rillflow.processor.document;

import java.util.List;

/**
 * One index of a document, as the repository's {@code DEFINITION} declares it.
 *
 * @param name the index name suffix ({@code rf_doc_<document>_<name>})
 * @param kind B-tree, GIN or full text
 * @param unique whether values must be unique among live documents (B-tree only)
 * @param javaPath the metamodel field names from the root to the indexed field ({@code address, city})
 */
record IndexDescriptor(String name, Kind kind, boolean unique, List<String> javaPath) {
    /** The kinds of index, as {@code IndexDefinition}'s factory methods name them. */
    enum Kind {
        BTREE("btree"),
        GIN("gin"),
        FULL_TEXT("fullText");

        private final String factory;

        Kind(String factory) {
            this.factory = factory;
        }

        /** The {@code IndexDefinition} factory method. */
        String factory() {
            return factory;
        }
    }

    IndexDescriptor {
        javaPath = List.copyOf(javaPath);
    }
}
