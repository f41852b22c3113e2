package io.rillflow.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.SchemaDriftException;
import io.rillflow.Store;
import io.rillflow.spi.CompiledQuerySupport;
import io.rillflow.testing.TestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link DocumentIsolationContract} with conjoined tenancy: one set of tables, the tenant in every key. */
class ConjoinedDocumentIsolationTest extends DocumentIsolationContract {
    @Override
    TenancyStrategy tenancy() {
        return TenancyStrategy.conjoined();
    }

    @Override
    String dropConfirmation(Store view) {
        return view.tenant().orElseThrow();
    }

    @Test
    void aStoreWithoutTheTenancyRefusesTheDocumentsAndItsAdminSeesTheDefaultTenantOnly() {
        UUID id = UUID.randomUUID();
        members(store).put(id, new Member("cli-root@x", "root"));
        members(acme).put(id, new Member("cli-acme@x", "acme"));
        // As the command line opens a store: no tenancy, no migrations.
        try (Store unaware = Store.builder(TestDatabase.jdbcUrl())
                .schema(store.schemaName())
                .migrateOnStart(false)
                .build()) {
            assertThat(unaware.schema().isConjoined()).isTrue();
            assertThatThrownBy(() -> unaware.documents(MEMBER))
                    .isInstanceOf(SchemaDriftException.class)
                    .hasMessageContaining("is conjoined");
            assertThat(unaware.admin()
                            .document("member", id.toString())
                            .orElseThrow()
                            .json())
                    .contains("cli-root@x");
            assertThat(unaware.admin().softDeleteDocument("member", id.toString()))
                    .isTrue();
        }
        assertThat(members(store).get(id)).isEmpty();
        assertThat(members(acme).get(id)).isPresent();
    }

    @Test
    void compiledQueriesGetTheTenantFilterAndOnesCompiledWithoutItAreRefused() {
        String template = "select data::text from {table} where {tenant}deleted_at is null";
        assertThat(CompiledQuerySupport.of(members(acme))
                        .statement("Q.all()", template)
                        .toString())
                .endsWith("\"rf_doc_member\" where tenant_id = 'acme' and deleted_at is null");
        assertThat(CompiledQuerySupport.of(members(store))
                        .statement("Q.all()", template)
                        .toString())
                .endsWith("\"rf_doc_member\" where tenant_id = '*DEFAULT*' and deleted_at is null");

        String old = "select data::text from {table} where deleted_at is null";
        assertThatThrownBy(() -> CompiledQuerySupport.of(members(acme)).statement("Q.all()", old))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Q.all()")
                .hasMessageContaining("Recompile");
    }
}
