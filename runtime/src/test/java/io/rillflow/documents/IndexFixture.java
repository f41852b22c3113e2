package io.rillflow.documents;

import io.rillflow.Store;
import io.rillflow.query.CollectionPath;
import io.rillflow.query.NumberPath;
import io.rillflow.query.StringPath;
import io.rillflow.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One document, {@code item}, whose declared indexes the index sync tests change between store starts, as successive
 * versions of an application would; and a reader of what PostgreSQL's catalog then says about its indexes.
 */
final class IndexFixture {
    record Item(String sku, String price, List<String> tags, String note) {}

    static final StringPath SKU = new StringPath(null, "sku");
    static final StringPath PRICE_AS_TEXT = new StringPath(null, "price");
    static final NumberPath<BigDecimal> PRICE_AS_NUMBER = new NumberPath<>(null, "price");
    static final StringPath NOTE = new StringPath(null, "note");
    static final CollectionPath<String> TAGS = new CollectionPath<>(null, "tags");

    private IndexFixture() {}

    /** The {@code item} document declaring {@code indexes}. */
    static DocumentDefinition<Item, UUID> item(IndexDefinition... indexes) {
        return new DocumentDefinition<>("item", Item.class, UUID.class, List.of(indexes));
    }

    /** A store on {@code schema} of an application that declares {@code definition}; it syncs on start if asked. */
    static Store start(String schema, DocumentDefinition<?, ?> definition, boolean syncOnStart) throws Exception {
        return SwitchableRegistry.declaring(List.of(definition), () -> Store.builder(TestDatabase.jdbcUrl())
                .schema(schema)
                .maxConnections(4)
                .migrateOnStart(syncOnStart)
                .build());
    }

    /** Stores {@code count} items with distinct skus, prices that read as numbers, and the same note. */
    static void fill(Store store, int count) {
        Map<UUID, Item> rows = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            rows.put(UUID.randomUUID(), new Item("sku-" + i, i + ".50", List.of("tag" + (i % 7)), "same"));
        }
        store.documents(item()).bulkInsert(rows);
    }

    /**
     * An index as the catalog describes it.
     *
     * @param oid changes whenever the index is dropped and built again
     */
    record IndexRow(long oid, boolean unique, boolean valid, String method, String definition, String comment) {}

    /** The index {@code name} in {@code schema}, if it exists. */
    static Optional<IndexRow> index(Store store, String name) throws SQLException {
        try (Connection c = store.dataSource().getConnection();
                PreparedStatement p = c.prepareStatement("select c.oid, i.indisunique, i.indisvalid, am.amname,"
                        + " pg_get_indexdef(c.oid), obj_description(c.oid, 'pg_class') from pg_class c"
                        + " join pg_index i on i.indexrelid = c.oid join pg_am am on am.oid = c.relam"
                        + " join pg_namespace n on n.oid = c.relnamespace where n.nspname = ? and c.relname = ?")) {
            p.setString(1, store.schemaName());
            p.setString(2, name);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new IndexRow(
                        rs.getLong(1),
                        rs.getBoolean(2),
                        rs.getBoolean(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6)));
            }
        }
    }

    /** The names of every index on the item table, primary key included. */
    static List<String> indexNames(Store store) throws SQLException {
        try (Connection c = store.dataSource().getConnection();
                PreparedStatement p = c.prepareStatement("select c.relname from pg_index i"
                        + " join pg_class c on c.oid = i.indexrelid where i.indrelid = to_regclass(?) order by 1")) {
            p.setString(1, "\"" + store.schemaName() + "\".rf_doc_item");
            List<String> names = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        }
    }
}
