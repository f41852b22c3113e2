package io.rillflow.tenancy;

import io.rillflow.schema.SchemaStatus;

/**
 * A provisioned tenant and the status of its schema, from {@link Tenants#status(String)}.
 *
 * @param tenant the tenant id
 * @param schema the migrations its schema applied, those pending and any drift
 * @param ownPartition whether the tenant of a conjoined store has a partition of its own ({@link Tenants#partition});
 *     always false with a schema per tenant
 */
public record TenantStatus(String tenant, SchemaStatus schema, boolean ownPartition) {
    /** A tenant without a partition of its own: every tenant with a schema per tenant. */
    public TenantStatus(String tenant, SchemaStatus schema) {
        this(tenant, schema, false);
    }

    /** Whether the tenant's schema has nothing pending and nothing drifted. */
    public boolean isCurrent() {
        return schema.isCurrent();
    }
}
