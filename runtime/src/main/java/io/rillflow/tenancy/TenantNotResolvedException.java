package io.rillflow.tenancy;

import io.rillflow.RillflowException;

/**
 * {@code store.forCurrentTenant()} was called where the store's {@link TenantResolver} resolves no tenant: outside
 * {@link TenantContext#run}, or in a request that names none. Nothing was read or written.
 */
public final class TenantNotResolvedException extends RillflowException {
    private static final long serialVersionUID = 1L;

    /** @param message says where the tenant was looked for and how to set one */
    public TenantNotResolvedException(String message) {
        super(message);
    }
}
