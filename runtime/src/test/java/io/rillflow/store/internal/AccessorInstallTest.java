package io.rillflow.store.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.query.internal.QueryAccess;
import org.junit.jupiter.api.Test;

/** Only Store and DocumentQuery install the accessors that lend their internals; nobody can replace them. */
class AccessorInstallTest {
    @Test
    void onlyTheStoreInstallsTheContextAccessor() {
        assertThatThrownBy(() -> StoreAccess.install(store -> null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("once, by Store");
    }

    @Test
    void onlyDocumentQueryInstallsTheQueryFactory() {
        QueryAccess.Factory installed = QueryAccess.factory();

        assertThatThrownBy(() -> QueryAccess.install(installed))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("once, by DocumentQuery");
    }
}
