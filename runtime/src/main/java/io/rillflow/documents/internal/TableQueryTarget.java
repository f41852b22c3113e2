package io.rillflow.documents.internal;

import io.rillflow.internal.Database;
import io.rillflow.internal.JsonCodec;
import io.rillflow.internal.TenantColumn;
import io.rillflow.query.internal.QueryTarget;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** What the query DSL and compiled queries run on for one document table. */
final class TableQueryTarget<T> implements QueryTarget<T> {
    private final TableAccess<T, ?> table;

    TableQueryTarget(TableAccess<T, ?> table) {
        this.table = table;
    }

    @Override
    public Database database() {
        return table.database();
    }

    @Override
    public JsonCodec json() {
        return table.json();
    }

    @Override
    public String name() {
        return table.sql().name();
    }

    @Override
    public String table() {
        return table.sql().table();
    }

    @Override
    public String quotedSchema() {
        return table.sql().quotedSchema();
    }

    @Override
    public TenantColumn tenant() {
        return table.sql().tenant();
    }

    @Override
    public T decode(String body) {
        // Rows of a query carry no id; only when one cannot be read is it looked up, to name it.
        return table.json().read(body, table.type(), () -> table.target(idsOf(body)));
    }

    /** The ids of the documents stored as {@code body}, for naming one that cannot be read; never throws. */
    private String idsOf(String body) {
        DocumentStatements sql = table.sql();
        try {
            List<String> ids = table.database().withConnection(sql.idsOfBody(), c -> {
                try (PreparedStatement p = c.prepareStatement(sql.idsOfBody())) {
                    p.setString(1, body);
                    p.setString(2, body);
                    try (ResultSet rs = p.executeQuery()) {
                        List<String> found = new ArrayList<>();
                        while (rs.next()) {
                            found.add(rs.getString(1));
                        }
                        return found;
                    }
                }
            });
            return ids.isEmpty() ? "(id not found)" : String.join(", ", ids);
        } catch (RuntimeException e) {
            return "(id unknown: " + e.getMessage() + ")";
        }
    }
}
