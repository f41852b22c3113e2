package io.rillflow.documents.internal;

import io.rillflow.documents.DocumentDefinition;
import io.rillflow.documents.IndexDefinition;
import io.rillflow.internal.Identifiers;
import io.rillflow.schema.internal.SchemaParticipant;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Compares the indexes a document declares with the ones its table has, by definition rather than by name: each index
 * schema sync builds carries its definition's fingerprint ({@link IndexDdl#fingerprint}) as its comment, so
 * an index whose uniqueness, kind, path or cast changed, that has no fingerprint, or whose concurrent build failed
 * ({@code indisvalid} false) is rebuilt. On an empty table the rebuild is a drop and create inside the migration
 * transaction; on a table with rows, or partitioned by tenant, it is an {@link IndexBuild} that runs concurrently after
 * it.
 *
 * <p>Indexes named like Rillflow's ({@code rf_doc_<document>_...}) that the document no longer declares are reported,
 * never dropped here: dropping one is a decision for {@code dropUndeclaredIndexes()}.
 */
final class IndexSync {
    private final DocumentDefinition<?, ?> document;
    private final DocumentStatements sql;

    IndexSync(DocumentDefinition<?, ?> document, DocumentStatements sql) {
        this.document = document;
        this.sql = sql;
    }

    /** The changes that bring the table of this document, and its indexes, in line with the declaration. */
    SchemaParticipant.Changes changes(Connection connection) throws SQLException {
        Optional<IndexCatalog> found = IndexCatalog.read(connection, sql.table());
        if (found.isEmpty()) {
            return new SchemaParticipant.Changes(createTable(), List.of(), List.of());
        }
        IndexCatalog catalog = found.get();
        List<String> inTransaction = new ArrayList<>();
        List<SchemaParticipant.OnlineChange> online = new ArrayList<>();
        Set<String> ours = new HashSet<>();
        for (IndexDefinition index : document.indexes()) {
            String name = index.indexName(document.name());
            String scratch = scratchName(index);
            ours.add(name);
            Optional<IndexCatalog.Existing> existing = catalog.index(name);
            if (builtFrom(existing, index)) {
                continue;
            }
            if (existing.isEmpty() && builtFrom(catalog.index(scratch), index)) {
                // A replacement was built, but the sync stopped before it took the old index's name.
                ours.add(scratch);
                inTransaction.add("alter index " + qualified(scratch) + " rename to " + Identifiers.quote(name));
            } else if (!catalog.hasRows() && catalog.partitions().isEmpty()) {
                existing.ifPresent(e -> inTransaction.add("drop index " + qualified(name)));
                inTransaction.add(IndexDdl.ddl(index, document.name(), sql.quotedSchema(), sql.table(), conjoined()));
                inTransaction.add(comment(name, index));
            } else {
                IndexBuild build = new IndexBuild(
                        document, index, this, existing, catalog.index(scratch).isPresent(), catalog.partitions());
                ours.add(build.builtName());
                online.add(build);
            }
        }
        return new SchemaParticipant.Changes(inTransaction, online, undeclared(catalog, ours));
    }

    /** The DDL creating the table and every declared index: the table is new, so nothing waits for the builds. */
    List<String> createTable() {
        List<String> ddl = new ArrayList<>();
        ddl.add(sql.createTable());
        for (IndexDefinition index : document.indexes()) {
            ddl.add(IndexDdl.ddl(index, document.name(), sql.quotedSchema(), sql.table(), conjoined()));
            ddl.add(comment(index.indexName(document.name()), index));
        }
        return ddl;
    }

    /** Whether {@code found} is a usable index built from {@code index}'s current definition. */
    private boolean builtFrom(Optional<IndexCatalog.Existing> found, IndexDefinition index) {
        return found.isPresent()
                && found.get().valid()
                && IndexDdl.fingerprint(index, conjoined()).equals(found.get().comment());
    }

    private List<String> undeclared(IndexCatalog catalog, Set<String> ours) {
        String prefix = "rf_doc_" + document.name() + "_";
        List<String> undeclared = new ArrayList<>();
        for (IndexCatalog.Existing index : catalog.indexes().values()) {
            if (index.name().startsWith(prefix)
                    && !index.primary()
                    && !index.name().equals(DocumentStatements.dataIndexName(document.name()))
                    && !ours.contains(index.name())) {
                undeclared.add(index.name());
            }
        }
        return undeclared;
    }

    /** The name a replacement of {@code index} is built under: see {@link IndexDdl#scratchName}. */
    String scratchName(IndexDefinition index) {
        return IndexDdl.scratchName(document.name(), index, conjoined());
    }

    /** {@code name} qualified with the document's schema and quoted. */
    String qualified(String name) {
        return sql.quotedSchema() + "." + Identifiers.quote(name);
    }

    /** The statement recording which definition the index named {@code name} was built from. */
    String comment(String name, IndexDefinition index) {
        return "comment on index " + qualified(name) + " is '" + IndexDdl.fingerprint(index, conjoined()) + "'";
    }

    DocumentStatements statements() {
        return sql;
    }

    /** Whether the table has a tenant column, which unique indexes then start with. */
    boolean conjoined() {
        return sql.tenant().present();
    }
}
