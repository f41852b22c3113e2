package io.rillflow.cli;

import io.rillflow.StoreBuilder;
import io.rillflow.tenancy.TenancyStrategy;
import picocli.CommandLine.Option;

/** {@code --tenant-schema-pattern}: how tenant schemas are named, as the application's {@code TenancyStrategy} says. */
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

    /** {@code builder} with schema-per-tenant tenancy as these options name it. */
    StoreBuilder apply(StoreBuilder builder) {
        return builder.tenancy(strategy());
    }
}
