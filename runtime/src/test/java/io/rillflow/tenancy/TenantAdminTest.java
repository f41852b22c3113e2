package io.rillflow.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.Store;
import io.rillflow.admin.StreamAlias;
import io.rillflow.projections.UnknownProjectionException;
import io.rillflow.testing.TestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A tenant's {@code admin()} reads and changes the tenant's schema only, never the root's or another tenant's. */
class TenantAdminTest {
    record Note(String text) {}

    private Store store;

    @BeforeEach
    void open() {
        store = TestDatabase.storeBuilder(getClass())
                .tenancy(TestDatabase.freshTenancy())
                .build();
        store.tenants().ensure("acme");
        store.tenants().ensure("globex");
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void documentsAndAliasesAreTheTenantsOwn() {
        Store acme = store.forTenant("acme");
        Store globex = store.forTenant("globex");
        acme.documents(Note.class, Long.class).put(7L, new Note("acme's"));
        store.documents(Note.class, Long.class).put(7L, new Note("root's"));
        UUID acmeOrder = acme.events().resolveStreamAlias("orders:1");
        UUID rootOrder = store.events().resolveStreamAlias("orders:1");

        assertThat(acme.admin().document("note", "7").orElseThrow().json()).isEqualTo("{\"text\": \"acme's\"}");
        assertThat(store.admin().document("note", "7").orElseThrow().json()).isEqualTo("{\"text\": \"root's\"}");
        assertThat(acme.admin().documentNames()).contains("note");
        assertThat(globex.admin().documentNames()).doesNotContain("note");

        assertThat(acme.admin().streamAlias("orders:1")).contains(acmeOrder);
        assertThat(store.admin().streamAlias("orders:1")).contains(rootOrder);
        assertThat(globex.admin().streamAlias("orders:1")).isEmpty();
        assertThat(acme.admin().streamAliases("orders", 10))
                .extracting(StreamAlias::streamId)
                .containsExactly(acmeOrder);

        assertThat(acme.admin().softDeleteDocument("note", "7")).isTrue();
        assertThat(acme.documents(Note.class, Long.class).get(7L)).isEmpty();
        assertThat(store.documents(Note.class, Long.class).get(7L)).isPresent();
    }

    @Test
    void aTenantHasNoProjectionsWhileTheDaemonServesTheRootOnly() {
        Store acme = store.forTenant("acme");
        assertThat(acme.admin().projectionNames()).isEmpty();
        assertThatThrownBy(() -> acme.admin().pauseProjection("orders"))
                .isInstanceOf(UnknownProjectionException.class)
                .hasMessage("No projection named \"orders\" in this schema; there are none");
    }
}
