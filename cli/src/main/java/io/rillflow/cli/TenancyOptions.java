package io.rillflow.cli;

import io.rillflow.Store;
import io.rillflow.StoreBuilder;
import io.rillflow.tenancy.TenancyStrategy;
import picocli.CommandLine.Option;

/**
 * {@code --tenant-schema-pattern}: how tenant schemas are named, as the application's {@code TenancyStrategy} says.
 * Ignored on a conjoined schema, whose tenants share its tables.
 */
final class TenancyOptions {
    @Option(
            names = "--tenant-schema-pattern",
            paramLabel = "PATTERN",
            defaultValue = TenancyStrategy.SchemaPerTenant.DEFAULT_PATTERN,
            description = {
                "The tenant schemas' names, {tenant} standing for the tenant id; the application's"
                        + " TenancyStrategy.schemaPerTenant().withSchemaPattern(..), if it sets one.",
                "Example: --tenant-schema-pattern=acct_{tenant}"
            })
    private String schemaPattern;

    /**
     * The schema-per-tenant strategy these options name.
     *
     * @throws io.rillflow.InvalidIdentifierException if the pattern is malformed (a usage error)
     */
    TenancyStrategy.SchemaPerTenant strategy() {
        return TenancyStrategy.schemaPerTenant().withSchemaPattern(schemaPattern);
    }

    /**
     * The schema holding {@code tenant}'s data: its own, or the conjoined schema {@code store} shares between tenants.
     *
     * @param conjoined whether {@code store} was opened conjoined ({@link ConnectionOptions#conjoined()})
     */
    String schemaOf(String tenant, Store store, boolean conjoined) {
        return conjoined ? store.schemaName() : strategy().schemaFor(tenant);
    }

    /** As {@link #schemaOf}, for a message: {@code "schema tenant_acme"} or {@code "conjoined schema public"}. */
    String describe(String tenant, Store store, boolean conjoined) {
        return (conjoined ? "conjoined schema " : "schema ") + schemaOf(tenant, store, conjoined);
    }

    /** {@code builder} with schema-per-tenant tenancy as these options name it. */
    StoreBuilder apply(StoreBuilder builder) {
        return builder.tenancy(strategy());
    }
}
