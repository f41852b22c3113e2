package io.rillflow;

/**
 * A tenant-scoped store was asked for a tenant that was never provisioned (or was dropped): provision it with
 * {@code store.tenants().ensure(tenant)}, or build the store with auto-provisioning. Raised before any of the tenant's
 * tables is touched, or, by a tenant's store held across a drop, when the statement found the schema gone; either way
 * nothing was written.
 */
public final class TenantNotFoundException extends RillflowException {
    private static final long serialVersionUID = 1L;

    private final String tenant;

    /** @param tenant the tenant id that was asked for @param schema the schema the tenant would live in */
    public TenantNotFoundException(String tenant, String schema) {
        this(tenant, schema, null);
    }

    /**
     * @param tenant the tenant id that was asked for @param schema the schema the tenant would live in @param cause
     *     the database's error on finding the schema gone, or null
     */
    public TenantNotFoundException(String tenant, String schema, Throwable cause) {
        super(
                "Tenant \"" + tenant + "\" is not provisioned: its schema \"" + schema + "\" has no Rillflow tables;"
                        + " create it with store.tenants().ensure(\"" + tenant + "\") or turn on"
                        + " TenancyStrategy.schemaPerTenant().withAutoProvision(true)",
                cause);
        this.tenant = tenant;
    }

    /** @param tenant the tenant id that was asked for, in a conjoined store (which has no schema per tenant) */
    public TenantNotFoundException(String tenant) {
        super("Tenant \"" + tenant + "\" is not provisioned: create it with store.tenants().ensure(\"" + tenant
                + "\") or turn on TenancyStrategy.conjoined().withAutoProvision(true)");
        this.tenant = tenant;
    }

    /** The tenant id that was asked for. */
    public String tenant() {
        return tenant;
    }
}
