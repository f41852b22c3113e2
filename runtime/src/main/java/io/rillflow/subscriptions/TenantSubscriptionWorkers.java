package io.rillflow.subscriptions;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The workers of one subscription across the tenants of a schema-per-tenant store, from
 * {@link Subscriptions#subscribeEachTenant}: one worker per provisioned tenant, started for tenants provisioned later and
 * closed for tenants dropped, until this is closed.
 */
public interface TenantSubscriptionWorkers extends AutoCloseable {
    /** The tenants with a running worker now, sorted. */
    List<String> tenants();

    /** The worker of {@code tenant}, if it has one now. */
    Optional<SubscriptionHandle> worker(String tenant);

    /** Whether it still follows the tenants (until closed). */
    boolean isRunning();

    /** Stops following the tenants and closes every worker; see {@link SubscriptionHandle#close()}. */
    @Override
    void close();

    /**
     * As {@link #close()}, giving the handlers at most {@code timeout} in all to finish their event in hand.
     *
     * @return whether every handler finished in time
     */
    boolean close(Duration timeout);
}
