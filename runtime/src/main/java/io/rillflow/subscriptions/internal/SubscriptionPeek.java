package io.rillflow.subscriptions.internal;

import io.rillflow.events.EventEnvelope;
import io.rillflow.events.internal.LogReader;
import io.rillflow.internal.Database;
import io.rillflow.subscriptions.SubscriptionInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The events a consumer group has not acknowledged yet, read without leasing a slot or acknowledging anything: those
 * its workers hold in flight and those they receive next. Each slot has its own checkpoint, so an event is listed when
 * it is past the checkpoint of its stream's slot; a group that does not exist yet would start after the
 * subscription's start position. The read stops at the log's final position, as the workers' reads do.
 */
final class SubscriptionPeek {
    private final Database database;
    private final SubscriptionStatements sql;
    private final LogReader reader;
    private final SubscriptionCatalog catalog;

    SubscriptionPeek(Database database, SubscriptionStatements sql, LogReader reader, SubscriptionCatalog catalog) {
        this.database = database;
        this.sql = sql;
        this.reader = reader;
        this.catalog = catalog;
    }

    /** At most {@code limit} (and at most the group's bound on in-flight events, if any) of the group's events. */
    List<EventEnvelope> peek(String name, String group, int limit) {
        long upTo = reader.finalPosition();
        return database.inTransaction(sql.group, c -> {
            SubscriptionCatalog.Definition definition = catalog.definition(c, name);
            SubscriptionInfo info = definition.info();
            FilterSql filter = catalog.filter(definition);
            Group found = group(c, name, group);
            int bound = Math.min(limit, found.maxInFlight());
            if (found.slots() == 0) {
                return reader.read(c, info.startFrom(), upTo, bound, filter).events();
            }
            long after = minCheckpoint(c, name, group);
            return reader.read(c, after, upTo, bound, new PastSlotCheckpoint(filter, name, group, found.slots()))
                    .events();
        });
    }

    /** The group's slot count and bound on in-flight events; 0 slots if it does not exist. */
    private record Group(int slots, int maxInFlight) {}

    private Group group(Connection c, String name, String group) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql.group)) {
            p.setString(1, name);
            p.setString(2, group);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return new Group(0, Integer.MAX_VALUE);
                }
                Integer max = (Integer) rs.getObject(3);
                return new Group(rs.getInt(1), max == null ? Integer.MAX_VALUE : max);
            }
        }
    }

    private long minCheckpoint(Connection c, String name, String group) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql.slotCheckpoints)) {
            p.setString(1, name);
            p.setString(2, group);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The subscription's filter, and past the checkpoint of the slot the event's stream falls in. */
    private final class PastSlotCheckpoint implements LogReader.Filter {
        private final FilterSql filter;
        private final String name;
        private final String group;
        private final int slots;

        PastSlotCheckpoint(FilterSql filter, String name, String group, int slots) {
            this.filter = filter;
            this.name = name;
            this.group = group;
            this.slots = slots;
        }

        @Override
        public String predicate() {
            return "(" + filter.predicate() + ") and " + sql.pastSlotCheckpoint;
        }

        @Override
        public int bind(Connection connection, PreparedStatement statement, int index) throws SQLException {
            int i = filter.bind(connection, statement, index);
            statement.setString(i++, name);
            statement.setString(i++, group);
            statement.setInt(i++, slots);
            return i;
        }
    }
}
