package io.rillflow.subscriptions;

import io.rillflow.subscriptions.internal.SubscriptionCatalog;
import io.rillflow.subscriptions.internal.Worker;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
public final class Subscriptions {
    /** As {@code startFrom}: deliver only events appended from now on. */
    public static final long FROM_NOW = -1;

    private static final int MAX_NAME = 200;

    private final SubscriptionCatalog catalog;
    private final Set<SubscriptionHandle> open = ConcurrentHashMap.newKeySet();

    /** Created by the store. */
    public Subscriptions(SubscriptionCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Creates a subscription; doing it again with the same filter does nothing (start positions of existing groups
     * never move: a restarted worker resumes from its group's checkpoint).
     *
     * @param startFrom the position after which new groups start: 0 for the whole log, {@link #FROM_NOW} for new
     *     events only
     * @throws SubscriptionException if the subscription exists with another filter
     */
    public void create(String name, SubscriptionFilter filter, long startFrom) {
        checkName("subscription", name);
        if (filter == null) {
            throw new IllegalArgumentException(
                    "Subscription " + name + " needs a filter; SubscriptionFilter.all()" + " delivers every event");
        }
        if (startFrom < FROM_NOW) {
            throw new IllegalArgumentException(
                    "A subscription starts from a position of 0 or more, or FROM_NOW, not " + startFrom);
        }
        catalog.create(name, filter, startFrom);
    }

    /**
     * Starts a worker of the subscription that calls {@code handler} for each event on its own thread, in the group
     * of {@code options} (created on first use).
     *
     * @throws UnknownSubscriptionException if no subscription has this name
     */
    public SubscriptionHandle subscribe(String name, SubscriptionOptions options, SubscriptionHandler handler) {
        if (handler == null) {
            throw new IllegalArgumentException("subscribe(" + name + ") needs a handler");
        }
        SubscriptionHandle handle = open(name, options);
        handle.push(handler);
        return handle;
    }

    /**
     * Joins the subscription's group as a worker the caller drives with {@link SubscriptionHandle#poll}.
     *
     * @throws UnknownSubscriptionException if no subscription has this name
     */
    public SubscriptionHandle open(String name, SubscriptionOptions options) {
        checkName("subscription", name);
        Worker worker = catalog.join(name, options);
        SubscriptionHandle handle = new SubscriptionHandle(worker, open::remove);
        open.add(handle);
        return handle;
    }

    /** Every subscription with its groups. */
    public List<SubscriptionInfo> list() {
        return catalog.list();
    }

    /** The progress of one group: last seq, head, lag, in-flight events, workers, last error. */
    public SubscriptionStatus status(String name, String group) {
        return catalog.status(checkName("subscription", name), checkName("group", group));
    }

    /** Pauses every worker of the group (from their next read); delivered events can still be acknowledged. */
    public void pause(String name, String group) {
        catalog.paused(checkName("subscription", name), checkName("group", group), true);
    }

    /** Resumes a paused group. */
    public void resume(String name, String group) {
        catalog.paused(checkName("subscription", name), checkName("group", group), false);
    }

    /**
     * Moves the group's checkpoint to {@code seq}: events after it are delivered (again). Running workers lose their
     * slots and take them again from the new position.
     */
    public void reset(String name, String group, long seq) {
        catalog.reset(checkName("subscription", name), checkName("group", group), seq);
    }

    /** Bounds the group's unacknowledged events at {@code max} (null: unbounded), effective at the workers' next read. */
    public void setMaxInFlight(String name, String group, Integer max) {
        catalog.maxInFlight(checkName("subscription", name), checkName("group", group), max);
    }

    /** Closes every worker started through this store (called when the store closes). */
    public void closeAll() {
        for (SubscriptionHandle handle : List.copyOf(open)) {
            handle.close();
        }
    }

    static String checkName(String kind, String name) {
        if (name == null
                || name.isBlank()
                || name.length() > MAX_NAME
                || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("A " + kind + " name must be 1 to " + MAX_NAME
                    + " characters, not blank, without control characters; was "
                    + (name == null ? "null" : "\"" + name.replaceAll("\\p{Cntrl}", "?") + "\""));
        }
        return name;
    }
}
