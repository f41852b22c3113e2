package io.rillflow.tenancy;

import io.rillflow.Store;
import io.rillflow.testing.TestDatabase;

/** {@link DocumentIsolationContract} with a schema per tenant. */
class SchemaPerTenantDocumentIsolationTest extends DocumentIsolationContract {
    @Override
    TenancyStrategy tenancy() {
        return TestDatabase.freshTenancy();
    }

    @Override
    String dropConfirmation(Store view) {
        return view.schemaName();
    }
}
