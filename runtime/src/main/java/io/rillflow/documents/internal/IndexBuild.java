package io.rillflow.documents.internal;

import io.rillflow.RillflowException;
import io.rillflow.documents.DocumentDefinition;
import io.rillflow.documents.IndexDefinition;
import io.rillflow.internal.Identifiers;
import io.rillflow.internal.SqlErrors;
import io.rillflow.schema.internal.SchemaParticipant;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds one index of a table that has rows with {@code CREATE INDEX CONCURRENTLY}, so writers are never blocked,
 * outside any transaction. A changed index is built under a scratch name while the old one keeps serving queries and
 * enforcing uniqueness, then the old one is dropped and the new one takes its name.
 *
 * <p>A concurrent build that fails (duplicates under a new unique index, a stored value the new cast rejects, a
 * crash) leaves an invalid index behind, which PostgreSQL keeps updating and, if unique, may enforce on new writes.
 * So a failed build is dropped at once, before the failure is reported; one a crash left behind is found by the next
 * sync ({@code indisvalid} false, or a leftover scratch name) and rebuilt.
 *
 * <p>On a conjoined table partitioned by tenant, which PostgreSQL indexes concurrently only partition by partition, the
 * index is created on the parent alone ({@code ON ONLY}, invalid and empty), each partition's is built concurrently
 * under a name derived from it ({@link IndexCatalog.Partition#indexName}) and attached, and the parent's becomes valid
 * with the last. A partition a tenant move adds meanwhile waits for the parent's index (or gets it when attached).
 */
final class IndexBuild implements SchemaParticipant.OnlineChange {
    private final DocumentDefinition<?, ?> document;
    private final IndexDefinition index;
    private final String name;
    private final String built;
    private final boolean replacesValid;
    private final List<String> statements = new ArrayList<>();
    private final List<String> creates = new ArrayList<>();
    private final List<String> dropsBuilt = new ArrayList<>();

    /**
     * @param existing the index of that name, if there is one
     * @param scratchLeftover whether a build of this definition under the scratch name was left behind
     * @param partitions the table's partitions by tenant, empty for a table that is not partitioned
     */
    IndexBuild(
            DocumentDefinition<?, ?> document,
            IndexDefinition index,
            IndexSync sync,
            Optional<IndexCatalog.Existing> existing,
            boolean scratchLeftover,
            List<IndexCatalog.Partition> partitions) {
        this.document = document;
        this.index = index;
        this.name = index.indexName(document.name());
        this.replacesValid = existing.map(IndexCatalog.Existing::valid).orElse(false);
        this.built = replacesValid ? sync.scratchName(index) : name;
        DocumentStatements sql = sync.statements();
        boolean partitioned = !partitions.isEmpty();
        // A partitioned index is dropped plainly (PostgreSQL drops none concurrently): a moment's lock, as it has no
        // data of its own.
        String drop = partitioned ? "drop index if exists " : "drop index concurrently if exists ";
        // The parent's index takes its attached partitions' with it; one whose build failed is not attached yet.
        dropsBuilt.add(drop + sync.qualified(built));
        for (IndexCatalog.Partition partition : partitions) {
            dropsBuilt.add("drop index concurrently if exists " + sync.qualified(partition.indexName(built)));
        }
        if (scratchLeftover && replacesValid) {
            statements.addAll(dropsBuilt);
        }
        if (existing.isPresent() && !replacesValid) {
            statements.add(drop + sync.qualified(name));
        }
        if (partitioned) {
            addPartitioned(sql, sync, partitions);
        } else {
            creates.add(IndexDdl.concurrentDdl(index, built, sql.quotedSchema(), sql.table(), sync.conjoined()));
            statements.addAll(creates);
        }
        statements.add(sync.comment(built, index));
        if (replacesValid) {
            statements.add(drop + sync.qualified(name));
            statements.add("alter index " + sync.qualified(built) + " rename to " + Identifiers.quote(name));
            for (IndexCatalog.Partition partition : partitions) {
                statements.add("alter index " + sync.qualified(partition.indexName(built)) + " rename to "
                        + Identifiers.quote(partition.indexName(name)));
            }
        }
    }

    /**
     * The index on the parent alone, then each partition's built concurrently and attached to it: the parent's is
     * valid once every partition's is attached.
     */
    private void addPartitioned(DocumentStatements sql, IndexSync sync, List<IndexCatalog.Partition> partitions) {
        String schema = sql.quotedSchema();
        creates.add(IndexDdl.parentOnlyDdl(index, built, schema, sql.table(), sync.conjoined()));
        statements.add(creates.get(0));
        for (IndexCatalog.Partition partition : partitions) {
            String part = partition.indexName(built);
            String create = IndexDdl.concurrentDdl(
                    index, part, schema, schema + "." + Identifiers.quote(partition.name()), sync.conjoined());
            creates.add(create);
            statements.add(create);
            statements.add("alter index " + sync.qualified(built) + " attach partition " + sync.qualified(part));
        }
    }

    /** The name the index is built under: a scratch name when it replaces a valid index, else its own. */
    String builtName() {
        return built;
    }

    @Override
    public List<String> statements() {
        return statements;
    }

    @Override
    public void apply(Connection autoCommit) throws SQLException {
        try (Statement s = autoCommit.createStatement()) {
            for (String statement : statements) {
                try {
                    s.execute(statement);
                } catch (SQLException e) {
                    if (creates.contains(statement)) {
                        throw buildFailed(s, e, statement);
                    }
                    throw SqlErrors.translate(statement, e);
                }
            }
        }
    }

    private RillflowException buildFailed(Statement s, SQLException e, String create) {
        RillflowException failure = new RillflowException(message(e, create), e);
        for (String dropBuilt : dropsBuilt) {
            try {
                s.execute(dropBuilt);
            } catch (SQLException cleanup) {
                failure.addSuppressed(SqlErrors.translate(dropBuilt, cleanup));
            }
        }
        return failure;
    }

    private String message(SQLException e, String create) {
        String what = (index.unique() ? "unique index " : "index ") + name + " of document "
                + document.type().getName() + " (field " + index.path().dotted() + ")";
        String kept =
                replacesValid ? "the previous " + name + " is unchanged and still in use" : "the table is unchanged";
        if ("23505".equals(SqlErrors.sqlState(e))) {
            return "Cannot build the " + what + ": live documents share a value ("
                    + e.getMessage().strip()
                    + "). Make the values unique, or declare the index without unique = true, then sync again; "
                    + kept + ".";
        }
        return "Cannot build the " + what + ": " + e.getMessage().strip() + " [statement: " + create
                + "]. Fix the stored values or the declaration, then sync again; " + kept + ".";
    }
}
