/**
 * Multi-tenancy: how a store separates its tenants ({@link io.rillflow.tenancy.TenancyStrategy}) and the
 * administration of their schemas ({@link io.rillflow.tenancy.Tenants}). A tenant's store is
 * {@code store.forTenant("acme")}: the same {@link io.rillflow.Store} API, scoped to the tenant's schema.
 */
package io.rillflow.tenancy;
