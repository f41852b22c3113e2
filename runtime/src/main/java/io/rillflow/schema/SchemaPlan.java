package io.rillflow.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link SchemaManager#sync()} would apply, in order: first the pending versioned migrations, then the DDL
 * for declared types (document tables and indexes) that are missing or differ from their declaration. Statements
 * with {@code concurrently} run after the migration transaction, one at a time.
 *
 * @param schema the target schema
 * @param pending the migrations not yet applied
 * @param declared statements creating declared document tables and indexes that are missing, and rebuilding indexes
 *     whose definition changed or whose earlier build failed
 * @param undeclaredIndexes indexes of document tables that the code no longer declares: sync keeps them, and
 *     {@link SchemaManager#dropUndeclaredIndexes()} drops them
 */
public record SchemaPlan(
        String schema, List<Migration> pending, List<String> declared, List<String> undeclaredIndexes) {
    /** Copies the lists, so a plan cannot change after it was made. */
    public SchemaPlan {
        pending = List.copyOf(pending);
        declared = List.copyOf(declared);
        undeclaredIndexes = List.copyOf(undeclaredIndexes);
    }

    /** Whether sync has nothing to do; undeclared indexes, which sync never drops, do not count. */
    public boolean isEmpty() {
        return pending.isEmpty() && declared.isEmpty();
    }

    /** The DDL that would run, as a reviewer would read it. */
    public String ddl() {
        List<String> parts = new ArrayList<>();
        for (Migration m : pending) {
            parts.add("-- " + String.format("%04d", m.version()) + "_" + m.name() + "\n" + m.sql());
        }
        if (!declared.isEmpty()) {
            parts.add("-- declared documents\n" + String.join(";\n", declared) + ";");
        }
        if (!undeclaredIndexes.isEmpty()) {
            parts.add("-- undeclared indexes, kept until dropUndeclaredIndexes(): "
                    + String.join(", ", undeclaredIndexes));
        }
        return String.join("\n", parts);
    }
}
