package io.rillflow.cli;

import io.rillflow.Store;
import io.rillflow.StoreBuilder;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --tenant}: runs a read command on one tenant's schema, through {@code store.forTenant(..)}. */
final class TenantOption {
    @Option(
            names = "--tenant",
            paramLabel = "TENANT",
            description = {
                "Read the tenant's schema instead of the store's own (schema-per-tenant stores).",
                "Example: --tenant=acme"
            })
    private String tenant;

    @Mixin
    private TenancyOptions tenancy;

    /** {@code builder}, with schema-per-tenant tenancy if a tenant was named. */
    StoreBuilder apply(StoreBuilder builder) {
        return tenant == null ? builder : tenancy.apply(builder);
    }

    /**
     * The store the command reads: {@code root}, or the named tenant's store; closing {@code root} closes both.
     *
     * @throws io.rillflow.TenantNotFoundException if the tenant is not provisioned (exit 3)
     */
    Store scope(Store root) {
        return tenant == null ? root : root.forTenant(tenant);
    }
}
