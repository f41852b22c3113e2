package io.rillflow.tenancy;

import io.rillflow.schema.SchemaPlan;
import java.util.Objects;

/**
 * One step of {@link Tenants#sync(java.util.function.Consumer)}: a tenant brought up to date.
 *
 * @param tenant the tenant just synced
 * @param done how many tenants are done, this one included
 * @param total how many tenants this sync serves
 * @param applied what was applied to the tenant ({@link SchemaPlan#pending()} empty: it was up to date)
 */
public record TenantSyncProgress(String tenant, int done, int total, SchemaPlan applied) {
    /** Checks the parts. */
    public TenantSyncProgress {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(applied, "applied");
    }
}
