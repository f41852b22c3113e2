package io.rillflow.tenancy.internal;

import io.rillflow.Store;
import io.rillflow.tenancy.Tenants;

/** The tenants of a multi-tenant store, and the store of each: what {@code store.forTenant} asks. */
public interface TenantViews extends Tenants {
    /**
     * The store of {@code tenant}, created once and cached; auto-provisions the tenant if the strategy says so.
     *
     * @throws io.rillflow.TenantNotFoundException if the tenant is not provisioned and auto-provisioning is off
     * @throws io.rillflow.InvalidIdentifierException if {@code tenant} is not a valid tenant id
     */
    Store view(String tenant);
}
