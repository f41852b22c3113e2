package io.rillflow.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link SchemaManager#sync()} would apply, in order: first the pending versioned migrations, then the DDL
 * for declared types (document tables and indexes) that are missing or differ from their declaration. Statements
 * with {@code concurrently} run after the migration transaction, one at a time. {@code sync()} returns the same
 * record for what it applied.
 *
 * @param schema the target schema
 * @param pending the migrations not yet applied
 * @param declared every table and index the code declares (document tables {@code rf_doc_<name>}, their GIN index on
 *     the body and each {@code @Index}), by name, whether or not it exists yet: the same before and after a sync
 * @param declaredChanges statements creating declared document tables and indexes that are missing, adding the
 *     {@code created_by} and {@code last_modified_by} columns to document tables created before them, and rebuilding
 *     indexes whose definition changed or whose earlier build failed: empty once the database matches the code
 * @param undeclaredIndexes indexes of document tables that the code no longer declares: sync keeps them, and
 *     {@link SchemaManager#dropUndeclaredIndexes()} drops them
 */
public record SchemaPlan(
        String schema,
        List<Migration> pending,
        List<String> declared,
        List<String> declaredChanges,
        List<String> undeclaredIndexes) {
    /** Copies the lists, so a plan cannot change after it was made. */
    public SchemaPlan {
        pending = List.copyOf(pending);
        declared = List.copyOf(declared);
        declaredChanges = List.copyOf(declaredChanges);
        undeclaredIndexes = List.copyOf(undeclaredIndexes);
    }

    /** Whether sync has nothing to do; undeclared indexes, which sync never drops, do not count. */
    public boolean isEmpty() {
        return pending.isEmpty() && declaredChanges.isEmpty();
    }

    /** The DDL that would run, as a reviewer would read it. */
    public String ddl() {
        List<String> parts = new ArrayList<>();
        for (Migration m : pending) {
            parts.add("-- " + String.format("%04d", m.version()) + "_" + m.name() + "\n" + m.sql());
        }
        if (!declaredChanges.isEmpty()) {
            parts.add("-- declared documents\n" + String.join(";\n", declaredChanges) + ";");
        }
        if (!undeclaredIndexes.isEmpty()) {
            parts.add("-- undeclared indexes, kept until dropUndeclaredIndexes(): "
                    + String.join(", ", undeclaredIndexes));
        }
        return String.join("\n", parts);
    }
}
