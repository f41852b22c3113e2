package io.rillflow.documents;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.documents.SampleDocuments.Customer;
import io.rillflow.internal.Actor;
import io.rillflow.schema.SchemaPlan;
import io.rillflow.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A document table created before the actor columns existed gets them, either when schema sync runs or when the
 * collection is first opened; its rows keep no actor, its next writes record one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentActorUpgradeTest {
    private static final UUID OLD_ROW = UUID.fromString("00000000-0000-0000-0000-000000000001");

    private Store store;

    @BeforeAll
    void open() {
        store = TestDatabase.store(getClass());
    }

    @AfterAll
    void close() {
        store.close();
    }

    /** The table as the previous release created it, with one row in it. */
    private String createOldTable(String document) {
        String table = "\"" + store.schemaName() + "\".\"rf_doc_" + document + "\"";
        TestDatabase.execute("create table " + table + " (id uuid primary key, data jsonb not null,"
                + " version bigint not null default 1, created_at timestamptz not null default now(),"
                + " updated_at timestamptz not null default now(), deleted_at timestamptz);"
                + " create index \"rf_doc_" + document + "_data_gin\" on " + table + " using gin (data jsonb_path_ops);"
                + " insert into " + table + " (id, data) values ('" + OLD_ROW + "',"
                + " '{\"name\": \"Old\", \"tags\": []}')");
        return table;
    }

    private List<String> actorColumns(String table) {
        return RawSql.queryText(
                        store,
                        "select string_agg(attname || ' ' || atthasdef, ', ' order by attname) from pg_attribute"
                                + " where attrelid = ?::regclass and attname like '%\\_by'",
                        table)
                .map(text -> List.of(text.split(", ")))
                .orElse(List.of());
    }

    @Test
    void openingTheCollectionAddsTheColumnsAndKeepsOldRowsWithoutActor() throws SQLException {
        String table = createOldTable("legacy_open");
        assertThat(actorColumns(table)).isEmpty();

        DocumentCollection<Customer, UUID> legacy = store.documents(Customer.class, UUID.class, "legacy_open");

        assertThat(actorColumns(table)).containsExactly("created_by true", "last_modified_by true");
        DocumentMetadata old = legacy.loadWithMetadata(OLD_ROW).orElseThrow().metadata();
        assertThat(old.createdBy()).isEmpty();
        assertThat(old.lastModifiedBy()).isEmpty();
        UUID id = UUID.randomUUID();
        writeAsAda(legacy, id);
        assertThat(legacy.loadWithMetadata(id).orElseThrow().metadata().createdBy())
                .contains("ada");
        assertThat(legacy.loadWithMetadata(OLD_ROW).orElseThrow().metadata().lastModifiedBy())
                .contains("ada");
    }

    @Test
    void schemaPlanShowsTheMissingColumnsAndSyncAddsThem() throws Exception {
        String table = createOldTable("legacy_sync");
        DocumentDefinition<Customer, UUID> definition =
                new DocumentDefinition<>("legacy_sync", Customer.class, UUID.class, List.of());
        try (Store upgraded =
                SwitchableRegistry.declaring(List.of(definition), () -> Store.builder(TestDatabase.jdbcUrl())
                        .schema(store.schemaName())
                        .maxConnections(4)
                        .migrateOnStart(false)
                        .build())) {
            SchemaPlan plan = upgraded.schema().plan();
            assertThat(plan.declaredChanges())
                    .containsExactly(
                            "alter table " + table + " add column if not exists created_by text",
                            "alter table " + table + " alter column created_by set default"
                                    + " nullif(current_setting('rillflow.actor', true), '')",
                            "alter table " + table + " add column if not exists last_modified_by text",
                            "alter table " + table + " alter column last_modified_by set default"
                                    + " nullif(current_setting('rillflow.actor', true), '')");
            assertThat(actorColumns(table)).as("plan changes nothing").isEmpty();

            assertThat(upgraded.schema().sync().declaredChanges()).isEqualTo(plan.declaredChanges());

            assertThat(actorColumns(table)).containsExactly("created_by true", "last_modified_by true");
            assertThat(upgraded.schema().plan().isEmpty()).isTrue();
            DocumentCollection<Customer, UUID> legacy = upgraded.documents(definition);
            assertThat(legacy.loadWithMetadata(OLD_ROW).orElseThrow().metadata().createdBy())
                    .isEmpty();
        }
    }

    private void writeAsAda(DocumentCollection<Customer, UUID> collection, UUID id) throws SQLException {
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            Actor.set(c, "ada");
            collection.within(c).put(id, Customer.named("New"));
            collection.within(c).patch(OLD_ROW, "name", "Old, patched");
            c.commit();
        }
    }
}
