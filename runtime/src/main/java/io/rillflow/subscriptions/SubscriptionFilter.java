package io.rillflow.subscriptions;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Which events a subscription delivers: every condition given must hold (empty lists and nulls mean "any"). Values are
 * bound as SQL parameters, never spliced into SQL, so any text is safe here. Start from {@link #all()}.
 *
 * @param eventTypes event type names, e.g. {@code OrderPlaced}; empty for every type
 * @param streamIds the streams to follow; empty for every stream
 * @param streamIdPrefix a prefix of the stream id's text form ({@code 3f2a...}); null for any
 * @param aliasPrefix a prefix of a stream alias, e.g. {@code orders:}; only streams with such an alias match
 * @param streamType the stream's type, as given on append; null for any
 * @param headers header values the event must carry (equality of string values)
 */
public record SubscriptionFilter(
        List<String> eventTypes,
        List<UUID> streamIds,
        String streamIdPrefix,
        String aliasPrefix,
        String streamType,
        Map<String, String> headers) {
    private static final int MAX_VALUE = 1000;

    /** Checks and copies every value. */
    public SubscriptionFilter {
        eventTypes = eventTypes == null ? List.of() : List.copyOf(eventTypes);
        streamIds = streamIds == null ? List.of() : List.copyOf(streamIds);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        eventTypes.forEach(t -> check("event type", t));
        check("stream id prefix", streamIdPrefix);
        check("alias prefix", aliasPrefix);
        check("stream type", streamType);
        headers.forEach((k, v) -> {
            check("header name", k);
            check("header value", v);
        });
    }

    /** Every event of the log. */
    public static SubscriptionFilter all() {
        return new SubscriptionFilter(List.of(), List.of(), null, null, null, Map.of());
    }

    /** This filter, delivering only events of these types. */
    public SubscriptionFilter withEventTypes(String... types) {
        return new SubscriptionFilter(
                Arrays.asList(types), streamIds, streamIdPrefix, aliasPrefix, streamType, headers);
    }

    /** This filter, delivering only events of these streams. */
    public SubscriptionFilter withStreamIds(UUID... ids) {
        return new SubscriptionFilter(eventTypes, Arrays.asList(ids), streamIdPrefix, aliasPrefix, streamType, headers);
    }

    /** This filter, delivering only events of streams whose id (as text) starts with {@code prefix}. */
    public SubscriptionFilter withStreamIdPrefix(String prefix) {
        return new SubscriptionFilter(eventTypes, streamIds, prefix, aliasPrefix, streamType, headers);
    }

    /** This filter, delivering only events of streams with an alias starting with {@code prefix}. */
    public SubscriptionFilter withAliasPrefix(String prefix) {
        return new SubscriptionFilter(eventTypes, streamIds, streamIdPrefix, prefix, streamType, headers);
    }

    /** This filter, delivering only events of streams of type {@code type}. */
    public SubscriptionFilter withStreamType(String type) {
        return new SubscriptionFilter(eventTypes, streamIds, streamIdPrefix, aliasPrefix, type, headers);
    }

    /** This filter, delivering only events whose header {@code name} equals {@code value}. */
    public SubscriptionFilter withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(check("header name", name), Objects.requireNonNull(check("header value", value), "header value"));
        return new SubscriptionFilter(eventTypes, streamIds, streamIdPrefix, aliasPrefix, streamType, more);
    }

    private static String check(String what, String value) {
        if (value != null && (value.isEmpty() || value.length() > MAX_VALUE || value.indexOf('\0') >= 0)) {
            throw new IllegalArgumentException("A subscription filter's " + what + " must be 1 to " + MAX_VALUE
                    + " characters without NUL, was \"" + shorten(value) + "\"");
        }
        return value;
    }

    private static String shorten(String value) {
        String shown = value.replace("\0", "\\0");
        return shown.length() > 60 ? shown.substring(0, 60) + "..." : shown;
    }
}
