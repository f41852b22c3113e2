package io.rillflow.subscriptions.internal;

import io.rillflow.events.EventEnvelope;
import io.rillflow.events.internal.LogReader;
import io.rillflow.internal.Database;
import io.rillflow.internal.JsonCodec;
import io.rillflow.internal.TenantColumn;
import io.rillflow.store.internal.StoreContext;
import io.rillflow.subscriptions.SubscriptionException;
import io.rillflow.subscriptions.SubscriptionFilter;
import io.rillflow.subscriptions.SubscriptionInfo;
import io.rillflow.subscriptions.SubscriptionOptions;
import io.rillflow.subscriptions.SubscriptionSlotStatus;
import io.rillflow.subscriptions.SubscriptionStatus;
import io.rillflow.subscriptions.UnknownSubscriptionException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The subscription rows: creating subscriptions and groups, starting workers, and the admin calls. In a conjoined
 * schema they are the rows of this store's tenant (the default tenant's for the store the builder made), whose events
 * its workers read, but for a subscription of every tenant ({@link #create} with {@code everyTenant}): a row of the
 * store the builder made whose workers read every provisioned tenant's events over the one log, each event telling its
 * tenant ({@link EventEnvelope#tenant()}).
 */
public final class SubscriptionCatalog {
    /** A subscription's row: its definition, and whether it reads every tenant's events of a conjoined schema. */
    record Definition(SubscriptionInfo info, boolean everyTenant) {}

    private final Database database;
    private final SubscriptionStatements sql;
    private final String schema;
    private final LogReader reader;
    private final JsonCodec json;
    private final SubscriptionPeek peek;
    /** The tenant of a tenant's store (its workers log it), null for the store the builder made. */
    private final String tenant;
    /** The tenant column of a conjoined store, whose rows and events are this store's tenant's. */
    private final TenantColumn tenantColumn;

    /**
     * Created by the store, with a log reader shared by this store's subscription workers; {@code tenant} names the
     * tenant of a tenant's store (its workers log it), null for the store the builder made.
     */
    public SubscriptionCatalog(StoreContext context, String tenant) {
        this.tenant = tenant;
        this.database = context.database();
        this.schema = context.schema();
        this.tenantColumn = context.tenant();
        this.sql = new SubscriptionStatements(schema, tenantColumn);
        // A conjoined schema's reader tells each event's tenant; the filter chooses whose events are read.
        this.reader = tenantColumn.present()
                ? LogReader.everyTenant(database, schema, context.events())
                : new LogReader(database, schema, context.events());
        this.json = context.json();
        this.peek = new SubscriptionPeek(database, sql, reader, this);
    }

    /**
     * Creates the subscription; again with the same filter it does nothing, with another it fails.
     *
     * @param everyTenant whether it reads every provisioned tenant's events rather than this store's (the store the
     *     builder made of a conjoined schema only)
     */
    public void create(String name, SubscriptionFilter filter, long startFrom, boolean everyTenant) {
        if (everyTenant && (tenant != null || !tenantColumn.present())) {
            throw new IllegalStateException("Only the store the builder made of a conjoined schema has subscriptions"
                    + " of every tenant; subscription " + name + " cannot be one here");
        }
        long start = startFrom < 0 ? reader.finalPosition() : startFrom;
        String filterJson = json.write(filter, () -> "the filter of subscription " + name);
        database.inTransaction(sql.createSubscription, c -> {
            try (PreparedStatement p = c.prepareStatement(sql.createSubscription)) {
                p.setString(1, name);
                p.setString(2, filterJson);
                p.setLong(3, start);
                if (sql.conjoined) {
                    p.setBoolean(4, everyTenant);
                }
                if (p.executeUpdate() == 1) {
                    return null;
                }
            }
            Definition existing = definition(c, name);
            if (!existing.info().filter().equals(filter)) {
                throw new SubscriptionException("Subscription " + name + " already exists with filter "
                        + existing.info().filter() + "; it cannot be created again with filter " + filter);
            }
            if (existing.everyTenant() != everyTenant) {
                throw new SubscriptionException("Subscription " + name + " already exists for "
                        + readers(existing.everyTenant()) + "; it cannot be created again for " + readers(everyTenant)
                        + ": choose another name");
            }
            return null;
        });
    }

    private static String readers(boolean everyTenant) {
        return everyTenant ? "every tenant's events (subscribeEachTenant)" : "the default tenant's events alone";
    }

    /** Joins (and creates, the first time) the group of {@code options} and returns a worker of it. */
    public Worker join(String name, SubscriptionOptions options) {
        int[] slots = new int[1];
        Definition definition = database.inTransaction(sql.createGroup, c -> {
            Definition found = definition(c, name);
            try (PreparedStatement p = c.prepareStatement(sql.createGroup)) {
                p.setString(1, name);
                p.setString(2, options.group());
                p.setInt(3, options.slots());
                p.setObject(4, options.maxInFlight());
                if (p.executeUpdate() == 1) {
                    try (PreparedStatement s = c.prepareStatement(sql.createSlots)) {
                        s.setString(1, name);
                        s.setString(2, options.group());
                        s.setLong(3, found.info().startFrom());
                        s.setInt(4, options.slots());
                        s.executeUpdate();
                    }
                }
            }
            slots[0] = group(c, name, options.group());
            return found;
        });
        return new Worker(database, sql, reader, name, options, slots[0], filter(definition), schema, tenant);
    }

    /** The subscription's filter over the events of its tenants, from every slot. */
    FilterSql filter(Definition definition) {
        SubscriptionFilter filter = definition.info().filter();
        TenantScope scope = definition.everyTenant() ? TenantScope.EVERY_TENANT : TenantScope.of(tenantColumn);
        return new FilterSql(sql.schema, scope, filter, headersJson(filter), 0, 0);
    }

    /** Every subscription with its groups, by name. */
    public List<SubscriptionInfo> list() {
        return database.withConnection(sql.list, c -> {
            List<SubscriptionInfo> all = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(sql.list);
                    ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    Array groups = rs.getArray(4);
                    all.add(new SubscriptionInfo(
                            rs.getString(1),
                            readFilter(rs.getString(1), rs.getString(2)),
                            rs.getLong(3),
                            Arrays.asList((String[]) groups.getArray())));
                }
            }
            return all;
        });
    }

    /** The group's progress: last seq, head, lag, in-flight count, workers and the last error. */
    public SubscriptionStatus status(String name, String group) {
        return database.inTransaction(sql.slotSummary, c -> {
            FilterSql filter = filter(definition(c, name));
            group(c, name, group);
            try (PreparedStatement p = c.prepareStatement(sql.slotSummary)) {
                p.setString(1, name);
                p.setString(2, group);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    long lastSeq = rs.getLong(1);
                    int slots = rs.getInt(5);
                    Timestamp errorAt = rs.getTimestamp(9);
                    return new SubscriptionStatus(
                            name,
                            group,
                            lastSeq,
                            head(c, filter),
                            lag(c, filter, name, group, slots, lastSeq),
                            rs.getLong(2),
                            (Integer) rs.getObject(7),
                            rs.getBoolean(6),
                            rs.getInt(4),
                            slots,
                            rs.getInt(3),
                            rs.getString(8),
                            errorAt == null ? null : errorAt.toInstant());
                }
            }
        });
    }

    /** The group's unacknowledged events, at most {@code limit}; see {@link SubscriptionPeek}. */
    public List<EventEnvelope> peek(String name, String group, int limit) {
        return peek.peek(name, group, limit);
    }

    /** Every slot of the group, by number. */
    public List<SubscriptionSlotStatus> slots(String name, String group) {
        return database.inTransaction(sql.slotList, c -> {
            definition(c, name);
            group(c, name, group);
            List<SubscriptionSlotStatus> slots = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(sql.slotList)) {
                p.setString(1, name);
                p.setString(2, group);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        Timestamp expires = rs.getTimestamp(5);
                        slots.add(new SubscriptionSlotStatus(
                                rs.getInt(1),
                                rs.getLong(2),
                                rs.getInt(3),
                                rs.getString(4),
                                expires == null ? null : expires.toInstant()));
                    }
                }
            }
            return slots;
        });
    }

    /** Pauses or resumes every worker of the group. */
    public void paused(String name, String group, boolean paused) {
        updateGroup(sql.control, name, group, p -> p.setBoolean(1, paused));
    }

    /** Sets the group's bound on unacknowledged events; null removes it. Workers use it from their next read. */
    public void maxInFlight(String name, String group, Integer max) {
        if (max != null && max < 1) {
            throw new IllegalArgumentException("max in flight must be 1 or more (or null for none), was " + max);
        }
        updateGroup(sql.maxInFlight, name, group, p -> p.setObject(1, max));
    }

    /** Moves every slot of the group to {@code seq}; workers lose their slots and take them again from there. */
    public void reset(String name, String group, long seq) {
        if (seq < 0) {
            throw new IllegalArgumentException("A subscription can be reset to a position of 0 or more, not " + seq);
        }
        database.inTransaction(sql.reset, c -> {
            definition(c, name);
            group(c, name, group);
            try (PreparedStatement p = c.prepareStatement(sql.reset)) {
                p.setLong(1, seq);
                p.setString(2, name);
                p.setString(3, group);
                return p.executeUpdate();
            }
        });
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private void updateGroup(String statement, String name, String group, Binder first) {
        database.inTransaction(statement, c -> {
            definition(c, name);
            try (PreparedStatement p = c.prepareStatement(statement)) {
                first.bind(p);
                p.setString(2, name);
                p.setString(3, group);
                if (p.executeUpdate() != 1) {
                    throw unknownGroup(name, group);
                }
            }
            return null;
        });
    }

    Definition definition(Connection c, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql.subscription)) {
            p.setString(1, name);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw new UnknownSubscriptionException("No subscription named \"" + name
                            + "\": create it first with store.subscriptions().create(name, filter, startFrom)");
                }
                return new Definition(
                        new SubscriptionInfo(name, readFilter(name, rs.getString(1)), rs.getLong(2), List.of()),
                        rs.getBoolean(3));
            }
        }
    }

    /** The group's slot count; fails if the group does not exist. */
    private int group(Connection c, String name, String group) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql.group)) {
            p.setString(1, name);
            p.setString(2, group);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw unknownGroup(name, group);
                }
                return rs.getInt(1);
            }
        }
    }

    private static UnknownSubscriptionException unknownGroup(String name, String group) {
        return new UnknownSubscriptionException("Subscription " + name + " has no consumer group \"" + group
                + "\": a group is created when its first worker subscribes");
    }

    private long head(Connection c, FilterSql filter) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(String.format(sql.head, filter.scope()));
                ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private long lag(Connection c, FilterSql filter, String name, String group, int slots, long lastSeq)
            throws SQLException {
        String statement = String.format(sql.lag, filter.predicate());
        try (PreparedStatement p = c.prepareStatement(statement)) {
            p.setString(1, name);
            p.setString(2, group);
            p.setInt(3, slots);
            p.setLong(4, lastSeq);
            filter.bind(c, p, 5);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private SubscriptionFilter readFilter(String name, String text) {
        return json.read(text, SubscriptionFilter.class, () -> "the filter of subscription " + name);
    }

    String headersJson(SubscriptionFilter filter) {
        return filter.headers().isEmpty() ? null : json.write(filter.headers(), () -> "subscription filter headers");
    }
}
