package io.rillflow.subscriptions.internal;

import io.rillflow.internal.Database;
import io.rillflow.subscriptions.SubscriptionOptions;
import io.rillflow.subscriptions.UnknownSubscriptionException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lease statements of one worker: its heartbeat in the group, renewal of the slots it holds, taking free or
 * expired slots (with a new fencing token) and giving slots back.
 */
final class SlotLeases {
    private final Database database;
    private final SubscriptionStatements sql;
    private final String subscription;
    private final String group;
    private final String worker;
    private final long ttlMillis;
    private int live = 1;

    SlotLeases(Database database, SubscriptionStatements sql, String subscription, SubscriptionOptions options) {
        this.database = database;
        this.sql = sql;
        this.subscription = subscription;
        this.group = options.group();
        this.worker = options.workerId();
        this.ttlMillis = options.leaseTtl().toMillis();
    }

    /** Marks this worker alive, forgets dead ones and counts the live ones; returns whether the group is paused. */
    boolean heartbeat() {
        return database.inTransaction(sql.heartbeat, c -> {
            boolean paused;
            try (PreparedStatement p = c.prepareStatement(sql.group)) {
                p.setString(1, subscription);
                p.setString(2, group);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        throw new UnknownSubscriptionException("Subscription " + subscription + " has no group " + group
                                + " any more: was it deleted?");
                    }
                    paused = rs.getBoolean(2);
                }
            }
            try (PreparedStatement p = c.prepareStatement(sql.heartbeat)) {
                p.setString(1, subscription);
                p.setString(2, group);
                p.setString(3, worker);
                p.setLong(4, ttlMillis);
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement(sql.purgeWorkers)) {
                p.setString(1, subscription);
                p.setString(2, group);
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement(sql.liveWorkers)) {
                p.setString(1, subscription);
                p.setString(2, group);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    live = Math.max(1, rs.getInt(1));
                }
            }
            return paused;
        });
    }

    /** The live workers counted by the last heartbeat, this one included. */
    int liveWorkers() {
        return live;
    }

    /** Extends the leases of the held slots; drops from {@code held} the ones taken over or reset meanwhile. */
    void renew(Map<Integer, Slot> held) {
        Map<Integer, Long> renewed = database.withConnection(sql.renew, c -> {
            Map<Integer, Long> tokens = new HashMap<>();
            try (PreparedStatement p = c.prepareStatement(sql.renew)) {
                p.setLong(1, ttlMillis);
                p.setString(2, subscription);
                p.setString(3, group);
                p.setString(4, worker);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        tokens.put(rs.getInt(1), rs.getLong(2));
                    }
                }
            }
            return tokens;
        });
        held.values().removeIf(slot -> !Long.valueOf(slot.token).equals(renewed.get(slot.index)));
    }

    /** Takes up to {@code count} free or expired slots, each starting at its persisted checkpoint. */
    List<Slot> acquire(int count) {
        return database.withConnection(sql.acquire, c -> {
            List<Slot> taken = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(sql.acquire)) {
                p.setString(1, worker);
                p.setLong(2, ttlMillis);
                p.setString(3, subscription);
                p.setString(4, group);
                p.setInt(5, count);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        taken.add(new Slot(rs.getInt(1), rs.getLong(3), rs.getLong(2)));
                    }
                }
            }
            return taken;
        });
    }

    /** Gives a slot back so another worker can take it at once. */
    void release(Slot slot) {
        database.withConnection(sql.release, c -> {
            try (PreparedStatement p = c.prepareStatement(sql.release)) {
                p.setString(1, subscription);
                p.setString(2, group);
                p.setInt(3, slot.index);
                p.setString(4, worker);
                p.setLong(5, slot.token);
                return p.executeUpdate();
            }
        });
    }

    /** Removes this worker from the group's live workers, so the others take its share at once. */
    void leave() {
        database.withConnection(sql.leaveGroup, c -> {
            try (PreparedStatement p = c.prepareStatement(sql.leaveGroup)) {
                p.setString(1, subscription);
                p.setString(2, group);
                p.setString(3, worker);
                return p.executeUpdate();
            }
        });
    }
}
