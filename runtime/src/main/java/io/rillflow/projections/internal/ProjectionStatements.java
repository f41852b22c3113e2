package io.rillflow.projections.internal;

import io.rillflow.internal.Identifiers;

/** The SQL of the projection tables in one schema. Every value is a bound parameter. */
final class ProjectionStatements {
    private static final String TTL = "now() + ? * interval '1 millisecond'";

    final String ensure;
    final String control;
    final String acquire;
    final String acquireWaiting;
    final String renew;
    final String release;
    final String lock;
    final String checkpoint;
    final String failure;
    final String deadLetter;
    final String pause;
    final String resume;
    final String reset;
    final String rebuild;
    final String lockEvents;
    final String inlineRebuilt;
    final String status;
    final String statusTyped;
    final String deadLetters;
    final String deadLettersLimited;
    final String names;
    final String deadLetterLock;
    final String deleteDeadLetter;
    final String deleteDeadLetters;
    final String requestRebuild;
    final String rebuildRequested;
    final String cancelRebuild;
    final String pendingRebuilds;

    ProjectionStatements(String schema) {
        String s = Identifiers.quote(schema);
        String p = s + ".rf_projections";
        String d = s + ".rf_projection_dead_letters";
        ensure = "insert into " + p + " (name) values (?) on conflict (name) do nothing";
        control = "select paused, coalesce(backoff_until > now(), false) from " + p + " where name = ?";
        // SKIP LOCKED: a row locked by another node's running batch means "busy elsewhere", not "wait for it".
        acquire = "update " + p + " t set lease_holder = ?, lease_expires = " + TTL + ","
                + " fencing_token = case when t.lease_holder = ? then t.fencing_token else t.fencing_token + 1 end,"
                + " updated_at = now()"
                + " where t.name = (select name from " + p + " where name = ? for update skip locked)"
                + " and (t.lease_holder is null or t.lease_holder = ? or t.lease_expires < now())"
                + " returning t.fencing_token";
        // As acquire, for a node holding its fair share of the leases: only a lease it holds already.
        renew = "update " + p + " t set lease_holder = ?, lease_expires = " + TTL + ","
                + " fencing_token = case when t.lease_holder = ? then t.fencing_token else t.fencing_token + 1 end,"
                + " updated_at = now()"
                + " where t.name = (select name from " + p + " where name = ? for update skip locked)"
                + " and t.lease_holder = ?"
                + " returning t.fencing_token";
        acquireWaiting = "update " + p + " t set lease_holder = ?, lease_expires = " + TTL + ","
                + " fencing_token = case when t.lease_holder = ? then t.fencing_token else t.fencing_token + 1 end,"
                + " updated_at = now()"
                + " where t.name = ? and (t.lease_holder is null or t.lease_holder = ? or t.lease_expires < now())"
                + " returning t.fencing_token";
        release = "update " + p + " set lease_holder = null, lease_expires = null, updated_at = now()"
                + " where name = ? and lease_holder = ?";
        lock = "select last_seq, fencing_token, lease_holder, paused, attempts from " + p
                + " where name = ? for update";
        // The fencing check: a node whose lease was taken over matches no row and rolls its batch back.
        checkpoint = "update " + p + " set last_seq = ?, lease_expires = " + TTL + ", attempts = 0,"
                + " backoff_until = null, updated_at = now()"
                + " where name = ? and lease_holder = ? and fencing_token = ?";
        failure = "update " + p + " set last_seq = ?, attempts = ?, paused = paused or ?,"
                + " backoff_until = case when ? then null else " + TTL + " end,"
                + " last_error = ?, last_error_at = now(), updated_at = now()"
                + " where name = ? and lease_holder = ? and fencing_token = ?";
        deadLetter = "insert into " + d
                + " (projection, global_seq, stream_id, stream_seq, event_type, error, attempts)"
                + " values (?, ?, ?, ?, ?, ?, ?) on conflict (projection, global_seq)"
                + " do update set error = excluded.error, attempts = excluded.attempts, created_at = now()";
        pause = "update " + p + " set paused = true, updated_at = now() where name = ?";
        resume = "update " + p + " set paused = false, backoff_until = null, updated_at = now()" + " where name = ?";
        reset = "update " + p + " set last_seq = ?, attempts = 0, backoff_until = null, updated_at = now()"
                + " where name = ?";
        // A rebuild also fulfils a pending request for one (0009), whichever node asked.
        rebuild = "update " + p + " set last_seq = 0, attempts = 0, backoff_until = null, last_error = null,"
                + " last_error_at = null, rebuild_requested_at = null, updated_at = now()"
                + " where name = ? and lease_holder = ? and fencing_token = ?";
        // Blocks appends (ROW EXCLUSIVE) and other inline rebuilds, and waits for appends in flight to commit.
        lockEvents = "lock table " + s + ".rf_events in share row exclusive mode";
        // As rebuild, it also fulfils a pending request, whoever asked.
        inlineRebuilt = "update " + p + " set last_seq = ?, attempts = 0, backoff_until = null, last_error = null,"
                + " last_error_at = null, rebuild_requested_at = null, updated_at = now() where name = ?";
        String statusFrom = "select p.last_seq, (select max(global_seq) from " + s + ".rf_events),"
                + " (select count(*) from " + s + ".rf_events e where e.global_seq > p.last_seq%1$s),"
                + " (select extract(epoch from now() - e.created_at) from " + s + ".rf_events e"
                + " where e.global_seq > p.last_seq%1$s order by e.global_seq limit 1),"
                + " p.paused, p.lease_holder, p.lease_expires,"
                + " (select count(*) from " + d + " x where x.projection = p.name),"
                + " p.attempts, p.backoff_until, p.last_error, p.last_error_at"
                + " from " + p + " p where p.name = ?";
        status = String.format(statusFrom, "");
        statusTyped = String.format(statusFrom, " and e.type = any(?)");
        deadLetters = "select projection, global_seq, stream_id, stream_seq, event_type, error, attempts, created_at"
                + " from " + d + " where projection = ? order by global_seq";
        deadLettersLimited = deadLetters + " limit ?";
        names = "select name from " + p + " order by name";
        deadLetterLock = "select attempts from " + d + " where projection = ? and global_seq = ? for update";
        deleteDeadLetter = "delete from " + d + " where projection = ? and global_seq = ?";
        deleteDeadLetters = "delete from " + d + " where projection = ?";
        requestRebuild = "update " + p + " set rebuild_requested_at = coalesce(rebuild_requested_at, now()),"
                + " updated_at = now() where name = ?";
        rebuildRequested = "select rebuild_requested_at from " + p + " where name = ?";
        cancelRebuild = "update " + p + " set rebuild_requested_at = null, updated_at = now()"
                + " where name = ? and rebuild_requested_at is not null";
        pendingRebuilds = "select name from " + p + " where name = any(?) and rebuild_requested_at is not null"
                + " order by name";
    }
}
