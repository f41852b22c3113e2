package io.rillflow.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link SchemaManager#sync()} would apply, in order: first the pending versioned migrations, then the DDL
 * for declared types (document tables and indexes) that do not exist yet.
 *
 * @param schema the target schema
 * @param pending the migrations not yet applied
 * @param declared statements for declared document tables and indexes that are missing
 */
public record SchemaPlan(String schema, List<Migration> pending, List<String> declared) {
    public SchemaPlan {
        pending = List.copyOf(pending);
        declared = List.copyOf(declared);
    }

    /** Whether the schema is up to date. */
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
        return String.join("\n", parts);
    }
}
