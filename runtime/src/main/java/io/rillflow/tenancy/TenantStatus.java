package io.rillflow.tenancy;

import io.rillflow.schema.SchemaStatus;

/**
 * A provisioned tenant and the status of its schema, from {@link Tenants#status(String)}.
 *
 * @param tenant the tenant id
 * @param schema the migrations its schema applied, those pending and any drift
 */
public record TenantStatus(String tenant, SchemaStatus schema) {
    /** Whether the tenant's schema has nothing pending and nothing drifted. */
    public boolean isCurrent() {
        return schema.isCurrent();
    }
}
