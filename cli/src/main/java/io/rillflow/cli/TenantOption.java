package io.rillflow.cli;

import io.rillflow.Store;
import io.rillflow.StoreBuilder;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --tenant}: runs a command on one tenant's schema (schema per tenant) or its rows (a conjoined schema), through
 * {@code store.forTenant(..)}.
 */
final class TenantOption {
    @Option(
            names = "--tenant",
            paramLabel = "TENANT",
            description = {
                "Work on the tenant's schema instead of the store's own (schema per tenant), or on the tenant's rows"
                        + " of a conjoined schema instead of the default tenant's.",
                "Example: --tenant=acme"
            })
    private String tenant;

    @Mixin
    private TenancyOptions tenancy;

    /**
     * {@code builder}, with schema-per-tenant tenancy if a tenant was named; {@link ConnectionOptions} makes it
     * conjoined instead on a conjoined schema.
     */
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

    /**
     * Whose rows {@code store} holds, for a message: {@code "schema tenant_acme"}, or on a conjoined schema, where a
     * schema holds every tenant's rows, {@code "tenant acme in schema rf"} ({@code "the default tenant in schema rf"}
     * without {@code --tenant}).
     *
     * @param conjoined whether the store was opened conjoined ({@link ConnectionOptions#conjoined()})
     */
    String rowsOf(Store store, boolean conjoined) {
        if (!conjoined) {
            return "schema " + store.schemaName();
        }
        return (tenant == null ? "the default tenant" : "tenant " + tenant) + " in schema " + store.schemaName();
    }

    /**
     * {@link #rowsOf} after a preposition: {@code "in schema tenant_acme"}, or {@code tenantPreposition} before a
     * conjoined schema's tenant ({@code "of tenant acme in schema rf"}).
     */
    String rowsOf(Store store, boolean conjoined, String tenantPreposition) {
        return (conjoined ? tenantPreposition : "in") + " " + rowsOf(store, conjoined);
    }
}
