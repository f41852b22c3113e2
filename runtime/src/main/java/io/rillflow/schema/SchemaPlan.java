package io.rillflow.schema;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@link SchemaManager#sync()} would apply, in order.
 *
 * @param schema the target schema
 * @param pending the migrations not yet applied
 */
public record SchemaPlan(String schema, List<Migration> pending) {
    public SchemaPlan {
        pending = List.copyOf(pending);
    }

    /** Whether the schema is up to date. */
    public boolean isEmpty() {
        return pending.isEmpty();
    }

    /** The DDL that would run, migration by migration, as a reviewer would read it. */
    public String ddl() {
        return pending.stream()
                .map(m -> "-- " + String.format("%04d", m.version()) + "_" + m.name() + "\n" + m.sql())
                .collect(Collectors.joining("\n"));
    }
}
