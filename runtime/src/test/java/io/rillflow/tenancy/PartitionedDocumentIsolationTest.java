package io.rillflow.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.testing.TestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link ConjoinedDocumentIsolationTest} again, with acme moved into partitions of its own of every document table the
 * contract uses: every path (single writes, unique indexes, queries, bulk writes, patches, history, the admin,
 * interleaved writers, drop, compiled queries) must behave the same for a partitioned tenant beside shared ones.
 */
class PartitionedDocumentIsolationTest extends ConjoinedDocumentIsolationTest {
    @BeforeAll
    @Override
    void open() {
        super.open();
        // The tables exist, acme's rows in them, before the move: the first partition() converts them.
        members(acme).put(UUID.randomUUID(), new Member("before@x", "moved"));
        for (String name : new String[] {"bulk_member", "race_member"}) {
            acme.documents(Member.class, UUID.class, name);
        }
        assertThat(store.tenants().partition("acme")).isTrue();
    }

    @Test
    void acmesDocumentsLiveInItsOwnPartitionOfEachTable() {
        String schema = "\"" + store.schemaName() + "\"";
        for (String table : new String[] {"rf_doc_member", "rf_doc_bulk_member", "rf_doc_race_member"}) {
            assertThat(TestDatabase.count(
                            "select count(*) from pg_inherits where inhparent = ?::regclass"
                                    + " and inhrelid = ?::regclass",
                            schema + "." + table,
                            schema + "." + table + "_t_acme"))
                    .as(table)
                    .isEqualTo(1);
        }
        assertThat(TestDatabase.count("select count(*) from only " + schema + ".rf_doc_member_t_acme"
                        + " where data->>'email' = 'before@x'"))
                .isEqualTo(1);
        assertThat(TestDatabase.count(
                        "select count(*) from only " + schema + ".rf_doc_member_default" + " where tenant_id = 'acme'"))
                .isZero();
        members(acme).put(UUID.randomUUID(), new Member("after@x", "after"));
        assertThat(TestDatabase.count(
                        "select count(*) from " + schema + ".rf_doc_member where tenant_id = 'acme'"
                                + " and tableoid <> ?::regclass",
                        schema + ".rf_doc_member_t_acme"))
                .isZero();
        assertThat(members(acme).query().where(NAME.eq("moved")).list()).hasSize(1);
        assertThat(members(globex).query().where(NAME.eq("moved")).count()).isZero();
    }
}
