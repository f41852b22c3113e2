package io.rillflow.subscriptions.internal;

import io.rillflow.internal.Identifiers;
import io.rillflow.internal.TenantColumn;

/**
 * The SQL of the subscription tables in one schema. Every value is a bound parameter, but for the tenant of a conjoined
 * schema, a literal leading every key (see {@link TenantColumn}): the parameters are the same with and without it.
 */
final class SubscriptionStatements {
    private static final String TTL = "now() + ? * interval '1 millisecond'";

    final String schema;
    /** Whether the tables have the tenant column, and rf_subscriptions its every_tenant flag. */
    final boolean conjoined;

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
    final String slotCheckpoints;
    final String pastSlotCheckpoint;

    SubscriptionStatements(String schemaName, TenantColumn tenant) {
        String s = Identifiers.quote(schemaName);
        schema = s;
        conjoined = tenant.present();
        String t = tenant.andPrefix();
        String key = tenant.keyPrefix();
        String value = tenant.valuePrefix();
        String inGroup = " where " + t + "subscription = ? and grp = ?";
        String sub = s + ".rf_subscriptions";
        String grp = s + ".rf_subscription_groups";
        String slots = s + ".rf_subscription_slots";
        String workers = s + ".rf_subscription_workers";
        // A conjoined schema's subscription says whether it reads every tenant's events (the fourth parameter).
        createSubscription = "insert into " + sub + " (" + key + "name, filter, start_from"
                + (conjoined ? ", every_tenant" : "") + ") values (" + value + "?, ?::jsonb, ?"
                + (conjoined ? ", ?" : "")
                + ") on conflict (" + key + "name) do nothing";
        subscription = "select filter::text, start_from, " + (conjoined ? "every_tenant" : "false") + " from " + sub
                + " where " + t + "name = ?";
        createGroup = "insert into " + grp + " (" + key + "subscription, name, slots, max_in_flight) values (" + value
                + "?, ?, ?, ?) on conflict (" + key + "subscription, name) do nothing";
        createSlots = "insert into " + slots + " (" + key + "subscription, grp, slot, last_seq)" + " select " + value
                + "?, ?, n, ? from generate_series(0, ? - 1) n";
        group = "select slots, paused, max_in_flight from " + grp + " where " + t + "subscription = ? and name = ?";
        lockGroup = group + " for update";
        heartbeat = "insert into " + workers + " (" + key + "subscription, grp, worker, expires) values (" + value
                + "?, ?, ?, " + TTL + ") on conflict (" + key + "subscription, grp, worker)"
                + " do update set expires = excluded.expires";
        purgeWorkers = "delete from " + workers + inGroup + " and expires < now()";
        leaveGroup = "delete from " + workers + inGroup + " and worker = ?";
        liveWorkers = "select count(*) from " + workers + inGroup + " and expires >= now()";
        renew = "update " + slots + " set lease_expires = " + TTL + ", updated_at = now()" + inGroup
                + " and lease_holder = ? returning slot, fencing_token";
        // SKIP LOCKED: a slot row locked by a worker's fetch or a caller's acknowledging transaction is busy.
        acquire = "update " + slots + " t set lease_holder = ?, lease_expires = " + TTL + ","
                + " fencing_token = t.fencing_token + 1, in_flight = 0, updated_at = now()"
                + " where " + tenant.andPrefix("t") + "(t.subscription, t.grp, t.slot) in"
                + " (select subscription, grp, slot from " + slots + inGroup
                + " and (lease_holder is null or lease_expires < now()) order by slot limit ? for update skip locked)"
                + " returning t.slot, t.last_seq, t.fencing_token";
        String fenced = inGroup + " and slot = ? and lease_holder = ? and fencing_token = ?";
        release = "update " + slots + " set lease_holder = null, lease_expires = null, in_flight = 0,"
                + " updated_at = now()" + fenced;
        lockSlot = "select last_seq, fencing_token, lease_holder, in_flight from " + slots + inGroup
                + " and slot = ? for update skip locked";
        inFlight = "update " + slots + " set in_flight = ?, updated_at = now()" + fenced;
        sumInFlight = "select coalesce(sum(in_flight), 0) from " + slots + inGroup;
        // The fencing check, and "not acknowledged yet": a second acknowledgement of an event matches no row.
        checkpoint = "update " + slots + " set last_seq = ?, in_flight = ?, updated_at = now()" + fenced
                + " and last_seq < ?";
        String named = " where " + t + "subscription = ? and name = ?";
        recordError = "update " + grp + " set last_error = ?, last_error_at = now()" + named;
        list = "select s.name, s.filter::text, s.start_from, coalesce((select array_agg(g.name order by g.name) from "
                + grp + " g where " + (conjoined ? "g.tenant_id = s.tenant_id and " : "") + "g.subscription = s.name),"
                + " '{}') from " + sub + " s" + (conjoined ? " where " + tenant.predicate("s") : "")
                + " order by s.name";
        control = "update " + grp + " set paused = ?, updated_at = now()" + named;
        // A new fencing token per slot: workers holding a slot lose it and start again from the new position.
        reset = "update " + slots + " set last_seq = ?, in_flight = 0, lease_holder = null, lease_expires = null,"
                + " fencing_token = fencing_token + 1, updated_at = now()" + inGroup;
        maxInFlight = "update " + grp + " set max_in_flight = ?, updated_at = now()" + named;
        slotSummary = "select min(sl.last_seq), coalesce(sum(sl.in_flight), 0),"
                + " count(*) filter (where sl.lease_holder is not null and sl.lease_expires >= now()),"
                + " (select count(*) from " + workers + " w where " + sameTenant("w", "g")
                + "w.subscription = g.subscription and w.grp = g.name and w.expires >= now()),"
                + " g.slots, g.paused, g.max_in_flight, g.last_error, g.last_error_at"
                + " from " + grp + " g join " + slots + " sl on " + sameTenant("sl", "g")
                + "sl.subscription = g.subscription and sl.grp = g.name"
                + " where " + tenant.andPrefix("g")
                + "g.subscription = ? and g.name = ?"
                + " group by " + (conjoined ? "g.tenant_id, " : "") + "g.subscription, g.name";
        // An expired lease is shown as none: another worker may take the slot at any moment.
        slotList = "select slot, last_seq, in_flight,"
                + " case when lease_expires >= now() then lease_holder end,"
                + " case when lease_expires >= now() then lease_expires end"
                + " from " + slots + inGroup + " order by slot";
        slotCheckpoints = "select coalesce(min(last_seq), 0) from " + slots + inGroup;
        pastSlotCheckpoint = "e.global_seq > (select sl.last_seq from " + slots + " sl where " + tenant.andPrefix("sl")
                + "sl.subscription = ? and sl.grp = ? and sl.slot = " + s + ".rf_subscription_slot(e.stream_id, ?))";
        // Both read the events of the subscription's tenants only (%s: its filter, which names them).
        head = "select coalesce(max(e.global_seq), 0) from " + s + ".rf_events e where %s";
        lag = "select count(*) from " + s + ".rf_events e join " + slots + " sl on " + tenant.andPrefix("sl")
                + "sl.subscription = ? and sl.grp = ? and sl.slot = " + s + ".rf_subscription_slot(e.stream_id, ?)"
                + " where e.global_seq > ? and e.global_seq > sl.last_seq and (%s)";
    }

    /** {@code "a.tenant_id = b.tenant_id and "} in a conjoined schema: a join within one tenant's rows. */
    private String sameTenant(String a, String b) {
        return conjoined ? a + "." + TenantColumn.NAME + " = " + b + "." + TenantColumn.NAME + " and " : "";
    }
}
