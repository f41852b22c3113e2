package io.rillflow.subscriptions.internal;

import io.rillflow.internal.Identifiers;

/** The SQL of the subscription tables in one schema. Every value is a bound parameter. */
final class SubscriptionStatements {
    private static final String TTL = "now() + ? * interval '1 millisecond'";
    private static final String GROUP = " where subscription = ? and grp = ?";

    final String schema;
    final String createSubscription;
    final String subscription;
    final String createGroup;
    final String createSlots;
    final String group;
    final String lockGroup;
    final String heartbeat;
    final String purgeWorkers;
    final String leaveGroup;
    final String liveWorkers;
    final String renew;
    final String acquire;
    final String release;
    final String lockSlot;
    final String inFlight;
    final String sumInFlight;
    final String checkpoint;
    final String recordError;
    final String list;
    final String control;
    final String reset;
    final String maxInFlight;
    final String slotSummary;
    final String head;
    final String lag;
    final String slotList;

    SubscriptionStatements(String schemaName) {
        String s = Identifiers.quote(schemaName);
        schema = s;
        String sub = s + ".rf_subscriptions";
        String grp = s + ".rf_subscription_groups";
        String slots = s + ".rf_subscription_slots";
        String workers = s + ".rf_subscription_workers";
        createSubscription = "insert into " + sub + " (name, filter, start_from) values (?, ?::jsonb, ?)"
                + " on conflict (name) do nothing";
        subscription = "select filter::text, start_from from " + sub + " where name = ?";
        createGroup = "insert into " + grp + " (subscription, name, slots, max_in_flight) values (?, ?, ?, ?)"
                + " on conflict (subscription, name) do nothing";
        createSlots = "insert into " + slots + " (subscription, grp, slot, last_seq)"
                + " select ?, ?, n, ? from generate_series(0, ? - 1) n";
        group = "select slots, paused, max_in_flight from " + grp + " where subscription = ? and name = ?";
        lockGroup = group + " for update";
        heartbeat = "insert into " + workers + " (subscription, grp, worker, expires) values (?, ?, ?, " + TTL + ")"
                + " on conflict (subscription, grp, worker) do update set expires = excluded.expires";
        purgeWorkers = "delete from " + workers + GROUP + " and expires < now()";
        leaveGroup = "delete from " + workers + GROUP + " and worker = ?";
        liveWorkers = "select count(*) from " + workers + GROUP + " and expires >= now()";
        renew = "update " + slots + " set lease_expires = " + TTL + ", updated_at = now()" + GROUP
                + " and lease_holder = ? returning slot, fencing_token";
        // SKIP LOCKED: a slot row locked by a worker's fetch or a caller's acknowledging transaction is busy.
        acquire = "update " + slots + " t set lease_holder = ?, lease_expires = " + TTL + ","
                + " fencing_token = t.fencing_token + 1, in_flight = 0, updated_at = now()"
                + " where (t.subscription, t.grp, t.slot) in (select subscription, grp, slot from " + slots + GROUP
                + " and (lease_holder is null or lease_expires < now()) order by slot limit ? for update skip locked)"
                + " returning t.slot, t.last_seq, t.fencing_token";
        String fenced = GROUP + " and slot = ? and lease_holder = ? and fencing_token = ?";
        release = "update " + slots + " set lease_holder = null, lease_expires = null, in_flight = 0,"
                + " updated_at = now()" + fenced;
        lockSlot = "select last_seq, fencing_token, lease_holder, in_flight from " + slots + GROUP
                + " and slot = ? for update skip locked";
        inFlight = "update " + slots + " set in_flight = ?, updated_at = now()" + fenced;
        sumInFlight = "select coalesce(sum(in_flight), 0) from " + slots + GROUP;
        // The fencing check, and "not acknowledged yet": a second acknowledgement of an event matches no row.
        checkpoint = "update " + slots + " set last_seq = ?, in_flight = ?, updated_at = now()" + fenced
                + " and last_seq < ?";
        recordError =
                "update " + grp + " set last_error = ?, last_error_at = now() where subscription = ? and name = ?";
        list = "select s.name, s.filter::text, s.start_from, coalesce((select array_agg(g.name order by g.name) from "
                + grp + " g where g.subscription = s.name), '{}') from " + sub + " s order by s.name";
        control = "update " + grp + " set paused = ?, updated_at = now() where subscription = ? and name = ?";
        // A new fencing token per slot: workers holding a slot lose it and start again from the new position.
        reset = "update " + slots + " set last_seq = ?, in_flight = 0, lease_holder = null, lease_expires = null,"
                + " fencing_token = fencing_token + 1, updated_at = now()" + GROUP;
        maxInFlight =
                "update " + grp + " set max_in_flight = ?, updated_at = now() where subscription = ? and name = ?";
        slotSummary = "select min(sl.last_seq), coalesce(sum(sl.in_flight), 0),"
                + " count(*) filter (where sl.lease_holder is not null and sl.lease_expires >= now()),"
                + " (select count(*) from " + workers + " w where w.subscription = g.subscription and w.grp = g.name"
                + " and w.expires >= now()),"
                + " g.slots, g.paused, g.max_in_flight, g.last_error, g.last_error_at"
                + " from " + grp + " g join " + slots + " sl on sl.subscription = g.subscription and sl.grp = g.name"
                + " where g.subscription = ? and g.name = ? group by g.subscription, g.name";
        // An expired lease is shown as none: another worker may take the slot at any moment.
        slotList = "select slot, last_seq, in_flight,"
                + " case when lease_expires >= now() then lease_holder end,"
                + " case when lease_expires >= now() then lease_expires end"
                + " from " + slots + GROUP + " order by slot";
        head = "select coalesce(max(global_seq), 0) from " + s + ".rf_events";
        lag = "select count(*) from " + s + ".rf_events e join " + slots + " sl on sl.subscription = ? and sl.grp = ?"
                + " and sl.slot = " + s + ".rf_subscription_slot(e.stream_id, ?)"
                + " where e.global_seq > ? and e.global_seq > sl.last_seq and (%s)";
    }
}
