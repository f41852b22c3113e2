package io.rillflow.tenancy;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Says which tenant the work in progress belongs to, so that code shared by all tenants can ask for
 * {@code store.forCurrentTenant()} instead of passing a tenant id through every call. Set on the builder with
 * {@code StoreBuilder.tenantResolver(..)}; by default a store resolves the tenant of {@link TenantContext}, which the
 * application sets around each request or job:
 *
 * <pre>{@code
 * TenantContext.run(request.tenant(), () -> orders.handle(request));   // somewhere in orders:
 * store.forCurrentTenant().events().append(...);
 * }</pre>
 *
 * A web framework's integration can resolve from its own request context instead:
 * {@code .tenantResolver(TenantResolver.of(() -> currentRequest().getHeader("X-Tenant")))}. It is called on every
 * {@code forCurrentTenant()}, on the calling thread, so it must be cheap and thread-safe.
 */
@FunctionalInterface
public interface TenantResolver {
    /** The tenant of the calling thread's work, or empty when it has none. */
    Optional<String> currentTenant();

    /** The tenant the calling thread set with {@link TenantContext}: the default resolver. */
    static TenantResolver fromContext() {
        return TenantContext::current;
    }

    /** The tenant {@code supplier} returns, none when it returns null. */
    static TenantResolver of(Supplier<String> supplier) {
        Objects.requireNonNull(supplier, "supplier");
        return () -> Optional.ofNullable(supplier.get());
    }
}
