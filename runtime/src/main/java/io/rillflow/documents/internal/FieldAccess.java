package io.rillflow.documents.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.rillflow.DocumentNotFoundException;
import io.rillflow.documents.Patch;
import io.rillflow.internal.Identifiers;
import io.rillflow.internal.JsonCodec;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes of fields inside one stored document, by path, without sending the whole body: a patch sets its
 * values in the database ({@code jsonb_set}), after {@link PatchCheck} has checked each path and value against the
 * document type.
 */
final class FieldAccess<T, I> {
    private final TableAccess<T, I> table;
    private final PatchCheck patchCheck;

    FieldAccess(TableAccess<T, I> table, PatchCheck patchCheck) {
        this.table = table;
        this.patchCheck = patchCheck;
    }

    /** The same checks on another table access (bound to a caller's connection). */
    FieldAccess<T, I> on(TableAccess<T, I> bound) {
        return new FieldAccess<>(bound, patchCheck);
    }

    /** Applies {@code patch}; with an {@code expectedVersion}, only to a live document at that version. */
    long patch(I id, Patch patch, Long expectedVersion) {
        table.requireId(id);
        DocumentStatements sql = table.sql();
        JsonCodec json = table.json();
        List<Patch.Change> changes = patch.changes();
        String statement = sql.patch(changes.size(), expectedVersion != null);
        String[] values = new String[changes.size()];
        for (int i = 0; i < values.length; i++) {
            Patch.Change change = changes.get(i);
            values[i] = json.write(change.value(), () -> "the value for " + change.path() + " of " + table.target(id));
            patchCheck.check(change, values[i], () -> table.target(id));
        }
        return table.guarded(statement, c -> {
            try (PreparedStatement p = c.prepareStatement(statement)) {
                int index = 1;
                for (int i = 0; i < values.length; i++) {
                    p.setArray(
                            index++,
                            c.createArrayOf("text", changes.get(i).segments().toArray()));
                    p.setString(index++, values[i]);
                }
                table.idKind().bind(p, index++, id);
                if (expectedVersion != null) {
                    p.setLong(index, expectedVersion);
                }
                Optional<Long> version = TableAccess.returnedVersion(p);
                if (version.isPresent()) {
                    table.meters().written(1);
                    return version.get();
                }
                // A soft-deleted document is missing for a patch, whatever its version: not a version conflict.
                if (expectedVersion == null
                        || table.stored(c, id).filter(found -> !found.deleted()).isEmpty()) {
                    throw new DocumentNotFoundException(sql.table(), id);
                }
                throw table.conflict(c, id, expectedVersion);
            }
        });
    }

    /** The field at {@code path} of the document, empty when it is missing or JSON null. */
    Optional<JsonNode> getField(I id, String path) {
        table.requireId(id);
        DocumentStatements sql = table.sql();
        List<String> segments = Identifiers.fieldPath(path);
        return table.guarded(sql.getField(), c -> {
            try (PreparedStatement p = c.prepareStatement(sql.getField())) {
                p.setArray(1, c.createArrayOf("text", segments.toArray()));
                table.idKind().bind(p, 2, id);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        throw new DocumentNotFoundException(sql.table(), id);
                    }
                    String value = rs.getString(1);
                    JsonNode node =
                            value == null ? null : table.json().parse(value, () -> path + " of " + table.target(id));
                    return Optional.ofNullable(node).filter(n -> !n.isNull());
                }
            }
        });
    }

    /** As {@link #getField(Object, String)}, read as {@code fieldType}. */
    <V> Optional<V> getField(I id, String path, Class<V> fieldType) {
        return getField(id, path)
                .map(node -> table.json().read(node, fieldType, () -> path + " of " + table.target(id)));
    }
}
