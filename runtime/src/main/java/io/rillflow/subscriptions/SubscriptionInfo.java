package io.rillflow.subscriptions;

import java.util.List;

/**
 * A subscription as listed by {@link Subscriptions#list()}.
 *
 * @param name its name
 * @param filter the events it delivers
 * @param startFrom the position after which a new group starts
 * @param groups its consumer groups, by name
 */
public record SubscriptionInfo(String name, SubscriptionFilter filter, long startFrom, List<String> groups) {
    /** Copies the list. */
    public SubscriptionInfo {
        groups = List.copyOf(groups);
    }
}
