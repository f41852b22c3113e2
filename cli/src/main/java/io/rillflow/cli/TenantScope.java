package io.rillflow.cli;

import io.rillflow.Store;
import io.rillflow.StoreBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --tenant} or {@code --all-tenants} on a read command of a schema-per-tenant store: the store's own schema by
 * default, one tenant's, or every provisioned tenant's, each read through {@code store.forTenant(..)}. With
 * {@code --all-tenants} the command prints a {@code tenant} column first, one row (or more) per tenant.
 */
final class TenantScope {
    /** The column naming each row's tenant with {@code --all-tenants}. */
    static final String TENANT = "tenant";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(
            names = "--tenant",
            paramLabel = "TENANT",
            description = {
                "Read the tenant's schema instead of the store's own (schema per tenant), or the tenant's rows of a"
                        + " conjoined schema instead of the default tenant's.",
                "Example: --tenant=acme"
            })
    private String tenant;

    @Option(
            names = "--all-tenants",
            description = {
                "Read every provisioned tenant's schema, with a tenant column (schema per tenant).",
                "Example: --all-tenants"
            })
    private boolean allTenants;

    @Mixin
    private TenancyOptions tenancy;

    /** {@code builder}, with schema-per-tenant tenancy if a tenant or every tenant was asked for. */
    StoreBuilder apply(StoreBuilder builder) {
        return tenant == null && !allTenants ? builder : tenancy.apply(builder);
    }

    /** Whether {@code --all-tenants} was given: the rows then carry a {@link #TENANT} column. */
    boolean allTenants() {
        return allTenants;
    }

    /**
     * The stores to read, by tenant id in {@code tenants().list()} order; the one key is null for the store's own
     * schema (no option given).
     *
     * @param conjoined whether {@code root} was opened conjoined ({@link ConnectionOptions#conjoined()})
     * @throws ParameterException if both options are given (a usage error)
     * @throws IllegalArgumentException for {@code --all-tenants} on a conjoined schema, whose tenants share the tables
     *     this command reads
     * @throws io.rillflow.TenantNotFoundException if the named tenant is not provisioned (exit 3)
     */
    Map<String, Store> stores(Store root, boolean conjoined) {
        if (tenant != null && allTenants) {
            throw new ParameterException(command.commandLine(), "Give --tenant or --all-tenants, not both");
        }
        Map<String, Store> stores = new LinkedHashMap<>();
        if (allTenants) {
            if (conjoined) {
                throw new IllegalArgumentException("--all-tenants reads one schema per tenant, but the tenants of"
                        + " conjoined schema " + root.schemaName() + " share its tables: run "
                        + command.qualifiedName() + " without it, or with --tenant=TENANT");
            }
            root.tenants().list().forEach(t -> stores.put(t, root.forTenant(t)));
        } else {
            stores.put(tenant, tenant == null ? root : root.forTenant(tenant));
        }
        return stores;
    }

    /** {@code columns}, after a {@link #TENANT} column with {@code --all-tenants}. */
    List<String> columns(List<String> columns) {
        if (!allTenants) {
            return columns;
        }
        List<String> all = new ArrayList<>(List.of(TENANT));
        all.addAll(columns);
        return all;
    }

    /** {@code row}, after its {@code tenant} with {@code --all-tenants}. */
    Map<String, Object> row(String tenantId, Map<String, Object> row) {
        if (!allTenants) {
            return row;
        }
        Map<String, Object> withTenant = new LinkedHashMap<>();
        withTenant.put(TENANT, tenantId);
        withTenant.putAll(row);
        return withTenant;
    }
}
