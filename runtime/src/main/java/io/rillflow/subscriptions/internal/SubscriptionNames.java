package io.rillflow.subscriptions.internal;

/** The rule for subscription and group names, which are stored and bound as values, never put into SQL text. */
public final class SubscriptionNames {
    private static final int MAX_NAME = 200;

    private SubscriptionNames() {}

    /**
     * {@code name}, if it is a valid {@code kind} name.
     *
     * @throws IllegalArgumentException naming the rule and the bad value otherwise
     */
    public static String check(String kind, String name) {
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
