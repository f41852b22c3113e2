package io.rillflow.tenancy;

import io.rillflow.Store;

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
}
