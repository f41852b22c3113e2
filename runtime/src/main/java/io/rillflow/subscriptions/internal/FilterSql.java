package io.rillflow.subscriptions.internal;

import io.rillflow.events.internal.LogReader;
import io.rillflow.subscriptions.SubscriptionFilter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A subscription filter as a SQL condition on the events row {@code e}: fixed text for each condition present, every
 * value a bound parameter, within the events of the subscription's {@link TenantScope}. Optionally restricted to one
 * slot of a consumer group.
 */
final class FilterSql implements LogReader.Filter {
    private final TenantScope scope;
    private final SubscriptionFilter filter;
    private final String headersJson;
    private final int slots;
    private final int slot;
    private final String predicate;

    /**
     * @param schema the quoted schema
     * @param scope whose events are read
     * @param headersJson the filter's headers as a JSON object, or null when it has none
     * @param slots the group's slot count, or 0 to read every slot
     */
    FilterSql(String schema, TenantScope scope, SubscriptionFilter filter, String headersJson, int slots, int slot) {
        this.scope = scope;
        this.filter = filter;
        this.headersJson = headersJson;
        this.slots = slots;
        this.slot = slot;
        List<String> parts = new ArrayList<>();
        if (scope.conjoined()) {
            parts.add(scope.predicate());
        }
        // An alias or stream row of the same id in another tenant is another stream.
        String sameTenant = scope.conjoined() ? " and %1$s.tenant_id = e.tenant_id" : "";
        if (!filter.eventTypes().isEmpty()) {
            parts.add("e.type = any(?)");
        }
        if (!filter.streamIds().isEmpty()) {
            parts.add("e.stream_id = any(?)");
        }
        if (filter.streamIdPrefix() != null) {
            parts.add("starts_with(e.stream_id::text, ?)");
        }
        if (filter.aliasPrefix() != null) {
            parts.add("exists (select 1 from " + schema + ".rf_stream_aliases a"
                    + " where a.stream_id = e.stream_id" + String.format(sameTenant, "a")
                    + " and starts_with(a.alias, ?))");
        }
        if (filter.streamType() != null) {
            parts.add("exists (select 1 from " + schema + ".rf_streams st where st.id = e.stream_id"
                    + String.format(sameTenant, "st") + " and st.type = ?)");
        }
        if (headersJson != null) {
            parts.add("e.headers @> ?::jsonb");
        }
        if (slots > 0) {
            parts.add(schema + ".rf_subscription_slot(e.stream_id, ?) = ?");
        }
        this.predicate = parts.isEmpty() ? "true" : String.join(" and ", parts);
    }

    /** The same filter over one slot. */
    FilterSql forSlot(String schema, int slotCount, int index) {
        return new FilterSql(schema, scope, filter, headersJson, slotCount, index);
    }

    /** Whether it reads the events of every tenant of a conjoined schema ({@code subscribeEachTenant}). */
    boolean everyTenant() {
        return scope.equals(TenantScope.EVERY_TENANT);
    }

    /** The condition on whose events are read alone, without parameters: for the head of the subscription's log. */
    String scope() {
        return scope.predicate();
    }

    @Override
    public String predicate() {
        return predicate;
    }

    @Override
    public int bind(Connection connection, PreparedStatement p, int index) throws SQLException {
        int i = index;
        if (!filter.eventTypes().isEmpty()) {
            p.setArray(i++, connection.createArrayOf("text", filter.eventTypes().toArray()));
        }
        if (!filter.streamIds().isEmpty()) {
            p.setArray(i++, connection.createArrayOf("uuid", filter.streamIds().toArray()));
        }
        if (filter.streamIdPrefix() != null) {
            p.setString(i++, filter.streamIdPrefix().toLowerCase(Locale.ROOT));
        }
        if (filter.aliasPrefix() != null) {
            p.setString(i++, filter.aliasPrefix());
        }
        if (filter.streamType() != null) {
            p.setString(i++, filter.streamType());
        }
        if (headersJson != null) {
            p.setString(i++, headersJson);
        }
        if (slots > 0) {
            p.setInt(i++, slots);
            p.setInt(i++, slot);
        }
        return i;
    }
}
