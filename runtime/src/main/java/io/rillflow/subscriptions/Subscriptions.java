package io.rillflow.subscriptions;

import io.rillflow.events.EventEnvelope;
import java.util.List;

/**
 * Subscriptions hand the event log to application code outside the database transaction (send an e-mail, publish to
 * a broker), where projections write read models inside it. A subscription is a named filter and start position;
 * each consumer group of it progresses on its own, and the workers of a group share its events: each event goes to
 * one worker, the events of a stream in order.
 *
 * <pre>{@code
 * store.subscriptions().create("mailer", SubscriptionFilter.all().withEventTypes("OrderPlaced"), 0);
 * SubscriptionHandle h = store.subscriptions().subscribe("mailer", SubscriptionOptions.defaults(),
 *         (event, handle) -> mail.send(event.as(OrderPlaced.class)));
 * }</pre>
 *
 * Subscription and group names, and filter values, are stored and bound as values, never put into SQL text. See
 * {@code docs/subscriptions.md}.
 */
public interface Subscriptions {
    /** As {@code startFrom}: deliver only events appended from now on. */
    long FROM_NOW = -1;

    /**
     * Creates a subscription; doing it again with the same filter does nothing (start positions of existing groups
     * never move: a restarted worker resumes from its group's checkpoint).
     *
     * @param startFrom the position after which new groups start: 0 for the whole log, {@link #FROM_NOW} for new
     *     events only
     * @throws SubscriptionException if the subscription exists with another filter
     */
    void create(String name, SubscriptionFilter filter, long startFrom);

    /**
     * Starts a worker of the subscription that calls {@code handler} for each event on its own thread, in the group
     * of {@code options} (created on first use).
     *
     * @throws UnknownSubscriptionException if no subscription has this name
     */
    SubscriptionHandle subscribe(String name, SubscriptionOptions options, SubscriptionHandler handler);

    /**
     * Joins the subscription's group as a worker the caller drives with {@link SubscriptionHandle#poll}.
     *
     * @throws UnknownSubscriptionException if no subscription has this name
     */
    SubscriptionHandle open(String name, SubscriptionOptions options);

    /**
     * With schema-per-tenant tenancy, on the store the builder made: runs subscription {@code name} in every provisioned
     * tenant, each in the tenant's schema (its own checkpoints, groups and slots) with a worker of {@code options}
     * calling {@code handler} with the tenant's id. The subscription is created in each tenant as {@link #create} does
     * ({@code filter}, {@code startFrom}); a tenant provisioned later gets its worker without a restart (at once after
     * this store's {@code tenants().ensure}, within ten poll intervals after another node's), and the worker of a tenant
     * dropped is closed. Closing the store closes the workers.
     *
     * @throws IllegalStateException on a store without schema-per-tenant tenancy, or on a tenant's store
     * @throws SubscriptionException if the subscription exists in a tenant with another filter (that tenant is then
     *     left without a worker, logged, and tried again at the next listing)
     */
    TenantSubscriptionWorkers subscribeEachTenant(
            String name,
            SubscriptionFilter filter,
            long startFrom,
            SubscriptionOptions options,
            TenantSubscriptionHandler handler);

    /** Every subscription with its groups. */
    List<SubscriptionInfo> list();

    /** The progress of one group: last seq, head, lag, in-flight events, workers, last error. */
    SubscriptionStatus status(String name, String group);

    /** Pauses every worker of the group (from their next read); delivered events can still be acknowledged. */
    void pause(String name, String group);

    /** Resumes a paused group. */
    void resume(String name, String group);

    /**
     * Moves the group's checkpoint to {@code seq}: events after it are delivered (again). Running workers lose their
     * slots and take them again from the new position.
     */
    void reset(String name, String group, long seq);

    /** Bounds the group's unacknowledged events at {@code max} (null: unbounded), effective at the workers' next read. */
    void setMaxInFlight(String name, String group, Integer max);

    /**
     * Every slot of the group, by number: its checkpoint, events in flight and the worker leasing it.
     *
     * @throws UnknownSubscriptionException if no subscription or group has this name
     */
    List<SubscriptionSlotStatus> slots(String name, String group);

    /**
     * The events the group has not acknowledged yet, in log order, at most {@code limit} of them and at most the
     * group's bound on in-flight events: those its workers hold in flight, then those they receive next. It leases no
     * slot and acknowledges nothing, so it can run beside the group's workers (the {@code rillflow subscriptions tail}
     * command). For a group that does not exist yet, the events a new group would start with. Events are listed up to
     * the log's final position, as workers read them.
     *
     * @throws UnknownSubscriptionException if no subscription has this name
     * @throws IllegalArgumentException if {@code limit} is less than 1
     */
    List<EventEnvelope> peek(String name, String group, int limit);
}
