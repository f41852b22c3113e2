package io.rillflow.projections.internal;

import io.rillflow.internal.Database;
import io.rillflow.internal.Identifiers;
import io.rillflow.internal.Sha256;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.projections.TickResult;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's fair share of the leases its daemon competes for: with N nodes running daemons on the schema and L leases
 * (one per projection, and per served tenant with a schema per tenant), each node holds at most ceil(L / N). Without
 * it a node holds every lease it ever took, so a node started after the first stands by for as long as the first runs.
 *
 * <p>The nodes are counted in {@code rf_daemon_nodes} ({@code 0010_daemon_nodes.sql}): each node writes its row every
 * third of its lease time and deletes it when it stops, and a row older than the lease time is not counted. A node
 * holding more than its share releases the excess before a round, and one holding its share only renews what it holds;
 * the released leases go to the nodes below their share at their next round. A node that dies is counted until its row
 * ages out, so its leases, which expire after the same time, are taken up within about twice the lease time.
 *
 * <p>Used by the loop's thread only.
 */
final class LeaseShare {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseShare.class);

    /** One lease: one projection of one target (the store's schema, or a tenant's). */
    record Lease(StoreProjections target, String name) {
        String key() {
            return target.schema() + "\u0000" + name;
        }
    }

    private final Database database;
    private final String nodeId;
    private final long ttlMillis;
    private final long beatEveryNanos;
    private final String beat;
    private final String leave;
    /** The leases this node held after its last tick of each, by {@link Lease#key()}. */
    private final Set<String> held = new HashSet<>();
    /**
     * The leases this node could not work on when it last ticked them: another node held them, the tick failed, or
     * the projection is backing off. Tried after the others, in turn.
     */
    private final Set<String> elsewhere = new HashSet<>();
    /** The paused projections' leases: no node holds them, so they count in no share. */
    private final Set<String> paused = new HashSet<>();
    /** The round in which this node last tried to take each lease it does not hold. */
    private final Map<String, Long> tried = new HashMap<>();

    private long rounds;

    private List<String> digested = List.of();
    private String digest = "";
    private long beatAt;
    private boolean beaten;
    private int nodes = 1;

    LeaseShare(Database database, String schema, ProjectionOptions options) {
        this.database = database;
        this.nodeId = options.nodeId();
        this.ttlMillis = options.leaseTtl().toMillis();
        this.beatEveryNanos = options.leaseTtl().toNanos() / 3;
        String table = Identifiers.quote(schema) + ".rf_daemon_nodes";
        // Another node competing for other leases (other projections registered, other tenants served, or a tenant
        // it has not listed yet) makes the count 1: each node then takes what it can, as without sharing, since an
        // even share could leave a lease that only one node serves to no node.
        this.beat = "with beat as (insert into " + table + " (node_id, leases, seen_at) values (?, ?, now())"
                + " on conflict (node_id) do update set leases = excluded.leases, seen_at = excluded.seen_at)"
                + " select case when bool_and(leases = ?) is false then 1 else 1 + count(*) end from " + table
                + " where node_id <> ? and seen_at > now() - ? * interval '1 millisecond'";
        this.leave = "delete from " + table + " where node_id = ?";
    }

    /**
     * Before a round over {@code leases}: counts the nodes (when due), releases the leases held beyond this node's
     * share, and says which leases this round may take if free: as many as the share leaves room for, those not found
     * held elsewhere first, then the least recently tried, so that every free lease is tried in turn.
     *
     * @return the keys of the leases this round's ticks may take when no node holds them; the others are only renewed
     */
    Set<String> beforeRound(List<Lease> leases) {
        rounds++;
        countNodes(leases);
        List<Lease> mine = new ArrayList<>();
        List<Lease> others = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (Lease lease : leases) {
            keys.add(lease.key());
            if (held.contains(lease.key())) {
                mine.add(lease);
            } else if (!paused.contains(lease.key())) {
                others.add(lease);
            }
        }
        // Forget the leases of tenants no longer served.
        held.retainAll(keys);
        elsewhere.retainAll(keys);
        paused.retainAll(keys);
        tried.keySet().retainAll(keys);
        // Every node sees the same projections paused, so each leaves them out of the count alike.
        int workable = leases.size() - paused.size();
        int share = (workable + nodes - 1) / Math.max(1, nodes);
        for (int i = mine.size() - 1; i >= share; i--) {
            release(mine.get(i));
        }
        others.sort(Comparator.comparing((Lease lease) -> elsewhere.contains(lease.key()))
                .thenComparing(lease -> tried.getOrDefault(lease.key(), 0L)));
        Set<String> mayTake = new HashSet<>();
        int room = share - Math.min(share, mine.size());
        for (Lease lease : others.subList(0, Math.min(room, others.size()))) {
            mayTake.add(lease.key());
            tried.put(lease.key(), rounds);
        }
        return mayTake;
    }

    /**
     * Records whether this node holds {@code lease} after its tick ended with {@code outcome}; {@code tookFree} says
     * whether the tick could take the lease, without which "leased elsewhere" says nothing of other nodes.
     */
    void ticked(Lease lease, TickResult.Outcome outcome, boolean tookFree) {
        String key = lease.key();
        if (outcome == TickResult.Outcome.PAUSED) {
            paused.add(key);
        } else {
            paused.remove(key);
        }
        switch (outcome) {
            case LEASED_ELSEWHERE -> {
                held.remove(key);
                if (tookFree) {
                    elsewhere.add(key);
                }
            }
            case PAUSED -> held.remove(key);
            case BACKING_OFF -> {
                held.remove(key);
                elsewhere.add(key);
            }
            default -> {
                held.add(key);
                elsewhere.remove(key);
            }
        }
    }

    /** Records that the tick of {@code lease} threw: tried after the others until one of its ticks works. */
    void failed(Lease lease) {
        elsewhere.add(lease.key());
    }

    /**
     * Takes this node out of the count when the daemon stops: the others take its released leases when they next count
     * the nodes (every third of the lease time).
     */
    void leave() {
        held.clear();
        try {
            database.withConnection(leave, c -> {
                try (PreparedStatement p = c.prepareStatement(leave)) {
                    p.setString(1, nodeId);
                    return p.executeUpdate();
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("Could not remove node {} from rf_daemon_nodes; it ages out by itself: {}", nodeId, e.toString());
        }
    }

    private void countNodes(List<Lease> leases) {
        // The targets come in the same order every round: sorted (for a digest all nodes agree on) only on a change.
        List<String> keys = leases.stream().map(Lease::key).toList();
        boolean changed = !keys.equals(digested);
        long now = System.nanoTime();
        if (beaten && !changed && now - beatAt < beatEveryNanos) {
            return;
        }
        if (changed) {
            digested = keys;
            digest = Sha256.hex(String.join("\n", keys.stream().sorted().toList()));
        }
        try {
            nodes = database.withConnection(beat, c -> {
                try (PreparedStatement p = c.prepareStatement(beat)) {
                    p.setString(1, nodeId);
                    p.setString(2, digest);
                    p.setString(3, digest);
                    p.setString(4, nodeId);
                    p.setLong(5, ttlMillis);
                    try (ResultSet rs = p.executeQuery()) {
                        rs.next();
                        return rs.getInt(1);
                    }
                }
            });
        } catch (RuntimeException e) {
            // Counted as before, and tried again when next due, not every round: the ticks, which need the database
            // too, say what is wrong (a schema not migrated to 0010 keeps each node taking what it can).
            LOG.debug("Could not count the daemon nodes: {}", e.toString());
        }
        beaten = true;
        beatAt = now;
    }

    private void release(Lease lease) {
        try {
            lease.target().engine().release(lease.name());
            held.remove(lease.key());
        } catch (RuntimeException e) {
            LOG.warn("Could not hand over the lease of projection {}: {}", lease.name(), e.toString());
        }
    }
}
