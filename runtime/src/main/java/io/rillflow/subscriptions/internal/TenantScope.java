package io.rillflow.subscriptions.internal;

import io.rillflow.internal.TenantColumn;

/**
 * Whose events of a schema's log a subscription reads: all of them without tenant column; in a conjoined schema one
 * tenant's (a tenant's store, or the default tenant's for the store the builder made), or every provisioned tenant's
 * but the default tenant's (a subscription made by {@code subscribeEachTenant}). The tenant is a literal in the SQL
 * text, as in every statement of a conjoined store.
 *
 * @param predicate the SQL condition on the events row {@code e}, without parameters
 * @param conjoined whether the schema has the tenant column, so that joins stay within the event's tenant
 */
record TenantScope(String predicate, boolean conjoined) {
    /** Every tenant's events but the default tenant's, which the store the builder made subscribes to itself. */
    static final TenantScope EVERY_TENANT =
            new TenantScope("e." + TenantColumn.NAME + " <> " + TenantColumn.DEFAULT.literal(), true);

    /** The events of {@code tenant}'s store: all of a schema without tenant column. */
    static TenantScope of(TenantColumn tenant) {
        return tenant.present() ? new TenantScope(tenant.predicate("e"), true) : new TenantScope("true", false);
    }
}
