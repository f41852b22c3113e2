package io.rillflow.subscriptions.internal;

import io.rillflow.events.EventEnvelope;
import io.rillflow.events.internal.LogReader;
import io.rillflow.internal.Database;
import io.rillflow.internal.LogContext;
import io.rillflow.internal.LogListener;
import io.rillflow.subscriptions.AckMode;
import io.rillflow.subscriptions.SubscriptionException;
import io.rillflow.subscriptions.SubscriptionMetrics;
import io.rillflow.subscriptions.SubscriptionOptions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker of a consumer group: holds a fair share of the group's slots under leases, reads each held slot from
 * its checkpoint up to the log's final position, hands the events out and writes checkpoints on acknowledgement.
 *
 * <p>At least once: a slot's checkpoint only passes events that were acknowledged, and a worker that takes over a
 * slot (after a death, a release or a reset) starts from the checkpoint. One worker per slot: leases are taken with
 * SKIP LOCKED and a new fencing token, and every checkpoint write names the token, so a worker that lost its slot
 * writes nothing. Per-stream order: a stream always maps to the same slot, read in global order by one worker.
 *
 * <p>Thread-safe: {@link #poll} runs on one thread while acknowledgements may come from others; waiting happens
 * outside the lock.
 */
public final class Worker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    private static final int PENDING_WAIT_MILLIS = 20;

    private final Database database;
    private final SubscriptionStatements sql;
    private final LogReader reader;
    private final String subscription;
    private final SubscriptionOptions options;
    private final String group;
    private final String worker;
    private final String schema;
    /** The tenant whose schema this worker reads, or null for a store's own schema. */
    private final String tenant;

    private final int slotCount;
    private final FilterSql filter;
    private final LogListener listener;
    private final SlotLeases leases;
    private final WorkerMetrics metrics;
    private final SlotFence fence;
    private final SlotRead slotRead;
    private final TreeMap<Integer, Slot> held = new TreeMap<>();
    private volatile boolean paused;
    private boolean groupPaused;
    private long nextMaintenance;
    private long highestDelivered;
    private int cursor;
    private volatile boolean closed;

    Worker(
            Database database,
            SubscriptionStatements sql,
            LogReader reader,
            String subscription,
            SubscriptionOptions options,
            int slotCount,
            FilterSql filter,
            String schemaName,
            String tenant) {
        this.database = database;
        this.sql = sql;
        this.reader = reader;
        this.subscription = subscription;
        this.options = options;
        this.group = options.group();
        this.worker = options.workerId();
        this.schema = schemaName;
        this.tenant = tenant;
        this.slotCount = slotCount;
        this.filter = filter;
        this.leases = new SlotLeases(database, sql, subscription, options);
        // A subscription of every tenant of a conjoined store meters each event as its tenant's.
        this.metrics = new WorkerMetrics(database, sql, subscription, options, filter.everyTenant());
        this.fence = new SlotFence(sql, subscription, group, worker);
        this.slotRead = new SlotRead(database, sql, reader, filter, slotCount, fence);
        this.listener = new LogListener(database.dataSource(), schemaName, "Subscription " + subscription);
    }

    /** The options this worker runs with. */
    public SubscriptionOptions options() {
        return options;
    }

    /** The MDC keys of this worker's work, until closed. */
    LogContext logContext() {
        return LogContext.subscription(tenant, schema, worker, subscription, group);
    }

    /** The subscription's name. */
    public String subscription() {
        return subscription;
    }

    /**
     * Up to {@code max} events, waiting up to {@code timeoutMillis} for some. In {@link AckMode#AUTO} mode the events
     * of the previous poll are acknowledged first.
     */
    public List<EventEnvelope> poll(int max, long timeoutMillis) {
        if (max < 1) {
            throw new IllegalArgumentException("poll needs a max of 1 or more, got " + max);
        }
        long deadline = System.nanoTime() + Math.max(timeoutMillis, 0) * 1_000_000L;
        synchronized (listener) {
            listener.listenQuietly();
        }
        while (true) {
            long wait;
            synchronized (this) {
                ensureOpen();
                if (options.ackMode() == AckMode.AUTO) {
                    ackDelivered();
                }
                maintain(false);
                if (!paused && !groupPaused && !held.isEmpty()) {
                    List<EventEnvelope> events = fetch(max);
                    if (!events.isEmpty()) {
                        return events;
                    }
                }
                wait = reader.hasPending()
                        ? PENDING_WAIT_MILLIS
                        : options.pollInterval().toMillis();
                wait = Math.min(wait, Math.max(1, (nextMaintenance - System.nanoTime()) / 1_000_000L));
            }
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0 || Thread.currentThread().isInterrupted()) {
                return List.of();
            }
            long slice = Math.min(wait, left);
            synchronized (listener) {
                listener.await(() -> closed, slice);
            }
        }
    }

    /** Acknowledges the delivered event {@code seq} and every earlier one of its slot; see the handle's contract. */
    public synchronized void ack(long seq) {
        Slot slot = awaiting(seq);
        long checkpoint = slot.checkpointAfter(seq);
        int remaining = slot.unacked.tailSet(seq, false).size();
        boolean written = database.withConnection(
                sql.checkpoint, c -> fence.writeCheckpoint(c, slot, checkpoint, remaining, seq));
        if (!written) {
            held.remove(slot.index);
            throw new SubscriptionException("Cannot acknowledge event " + seq + " of subscription " + subscription
                    + " group " + group + ": this worker lost slot " + slot.index
                    + " (lease expired or the group was reset); its unacknowledged events go to the slot's new holder");
        }
        acknowledged(slot, seq, checkpoint);
    }

    /**
     * Writes the acknowledgement of {@code seq} on {@code connection}, inside the caller's transaction: it commits
     * or rolls back with the caller's own writes. The next fetch of the slot checks that it committed.
     */
    public synchronized void ackInTransaction(Connection connection, long seq) {
        Slot slot = awaiting(seq);
        long checkpoint = slot.checkpointAfter(seq);
        int remaining = slot.unacked.tailSet(seq, false).size();
        boolean written;
        try {
            written = fence.writeCheckpoint(connection, slot, checkpoint, remaining, seq);
        } catch (SQLException e) {
            slot.verify = true;
            throw new SubscriptionException("Acknowledging event " + seq + " of subscription " + subscription
                    + " group " + group + " in the caller's transaction failed: " + e.getMessage());
        }
        slot.verify = true;
        if (!written) {
            throw new SubscriptionException("Cannot acknowledge event " + seq + " of subscription " + subscription
                    + " group " + group + ": it is already acknowledged or this worker lost slot " + slot.index
                    + "; roll the transaction back, the event's effects are already recorded or will be redone");
        }
        acknowledged(slot, seq, checkpoint);
    }

    /** Acknowledges everything delivered so far (automatic mode, and on close). */
    public synchronized void ackDelivered() {
        for (Slot slot : List.copyOf(held.values())) {
            if (slot.unacked.isEmpty()) {
                continue;
            }
            long last = slot.unacked.last();
            boolean written = database.withConnection(
                    sql.checkpoint, c -> fence.writeCheckpoint(c, slot, slot.position, 0, last));
            if (written) {
                acknowledged(slot, last, slot.position);
            } else {
                held.remove(slot.index);
                LOG.warn(
                        "Subscription {} group {}: worker {} lost slot {} before acknowledging; its events are"
                                + " delivered again by the new holder",
                        subscription,
                        group,
                        worker,
                        slot.index);
            }
        }
    }

    /** Forgets every unacknowledged delivery, so the events are delivered again (after a handler failure). */
    public synchronized void rewind() {
        for (Slot slot : List.copyOf(held.values())) {
            if (slot.unacked.isEmpty() && slot.position == slot.checkpoint) {
                continue;
            }
            slot.rewind(slot.checkpoint);
            database.withConnection(sql.inFlight, c -> {
                fence.inFlight(c, slot, 0);
                return null;
            });
        }
    }

    private Slot awaiting(long seq) {
        ensureOpen();
        for (Slot slot : held.values()) {
            if (slot.unacked.contains(seq)) {
                return slot;
            }
        }
        if (seq > highestDelivered) {
            throw new SubscriptionException("Cannot acknowledge event " + seq + " of subscription " + subscription
                    + " group " + group + ": it was not delivered to this worker; the highest delivered is "
                    + highestDelivered);
        }
        throw new SubscriptionException("Cannot acknowledge event " + seq + " of subscription " + subscription
                + " group " + group + ": it is not awaiting acknowledgement by this worker (already acknowledged,"
                + " below the checkpoint, or not one of its events)");
    }

    private void acknowledged(Slot slot, long seq, long checkpoint) {
        metrics.acknowledged(slot.unacked.headSet(seq, true));
        slot.unacked.headSet(seq, true).clear();
        slot.checkpoint = Math.max(slot.checkpoint, checkpoint);
    }

    private List<EventEnvelope> fetch(int max) {
        long upTo = reader.finalPosition();
        List<Slot> order = new ArrayList<>(held.values());
        int start = Math.floorMod(cursor++, order.size());
        List<EventEnvelope> out = new ArrayList<>();
        for (int k = 0; k < order.size() && out.size() < max && !groupPaused; k++) {
            Slot slot = order.get((start + k) % order.size());
            if (slot.position >= upTo && !slot.verify) {
                continue;
            }
            SlotRead.Read read;
            try {
                read = slotRead.read(slot, Math.min(max - out.size(), options.batchSize()), upTo, groupPaused);
            } catch (RuntimeException e) {
                if (out.isEmpty()) {
                    throw e;
                }
                // Hand out what the other slots gave (or it would be acknowledged unseen); this slot is read later.
                metrics.error(false, e);
                return out;
            }
            if (read == null) {
                held.remove(slot.index);
                continue;
            }
            groupPaused = read.groupPaused();
            LogReader.Batch batch = read.batch();
            // Only after the commit: a read whose transaction failed is read again, never skipped.
            slot.position = Math.max(slot.position, batch.nextCheckpoint());
            List<EventEnvelope> events = batch.events();
            for (EventEnvelope e : events) {
                slot.unacked.add(e.globalSeq());
                highestDelivered = Math.max(highestDelivered, e.globalSeq());
            }
            metrics.delivered(events);
            out.addAll(events);
        }
        return out;
    }

    /** Heartbeat, lease renewal, idle checkpoints and rebalancing; every poll interval, at most a third of the TTL. */
    private void maintain(boolean force) {
        long now = System.nanoTime();
        if (!force && now < nextMaintenance) {
            return;
        }
        // A third of the TTL keeps leases alive; the poll interval bounds how long a joining worker waits for its
        // share.
        long every = Math.min(
                options.leaseTtl().toMillis() / 3,
                Math.max(100, options.pollInterval().toMillis()));
        nextMaintenance = now + every * 1_000_000L;
        groupPaused = leases.heartbeat();
        leases.renew(held);
        advanceIdleSlots();
        int target = (slotCount + leases.liveWorkers() - 1) / leases.liveWorkers();
        if (held.size() > target) {
            for (Slot slot : List.copyOf(held.descendingMap().values())) {
                if (held.size() <= target) {
                    break;
                }
                if (slot.unacked.isEmpty()) {
                    leases.release(slot);
                    held.remove(slot.index);
                }
            }
        } else if (held.size() < target) {
            for (Slot slot : leases.acquire(target - held.size())) {
                held.put(slot.index, slot);
            }
        }
    }

    /**
     * Moves the checkpoints of slots with nothing unacknowledged to their read position: the reads found no matching
     * event there, and status (last seq, lag) should say so.
     */
    private void advanceIdleSlots() {
        for (Slot slot : List.copyOf(held.values())) {
            // Not while an acknowledgement in a caller's transaction is unconfirmed: that transaction holds the row.
            if (slot.unacked.isEmpty() && slot.position > slot.checkpoint && !slot.verify) {
                long position = slot.position;
                if (database.withConnection(
                        sql.checkpoint, c -> fence.writeCheckpoint(c, slot, position, 0, position))) {
                    slot.checkpoint = position;
                } else {
                    held.remove(slot.index);
                }
            }
        }
    }

    /** Counts an error of the log reads or of the handler, logs it and reports it in the group's status. */
    public void recordError(boolean handler, Exception error) {
        metrics.error(handler, error);
    }

    /** Stops and resumes fetching on this worker; leases stay renewed while paused. */
    public void paused(boolean value) {
        paused = value;
    }

    /** Counters since this worker started. */
    public SubscriptionMetrics metrics() {
        return metrics.snapshot();
    }

    /** The slots this worker holds now, by index (for status and tests). */
    public synchronized List<Integer> heldSlots() {
        return List.copyOf(held.keySet());
    }

    private void ensureOpen() {
        if (closed) {
            throw new SubscriptionException(
                    "The worker " + worker + " of subscription " + subscription + " group " + group + " is closed");
        }
    }

    /**
     * Leaves the group: acknowledges what was delivered in {@link AckMode#AUTO} mode, releases the slots (their
     * unacknowledged events go to the next holder) and gives the listening connection back.
     */
    @Override
    public synchronized void close() {
        leave(options.ackMode() == AckMode.AUTO);
    }

    /**
     * Leaves the group acknowledging nothing, whatever the mode: for a handler that did not stop in time, whose event
     * in hand must go to the next holder of its slot rather than be acknowledged unhandled.
     */
    public synchronized void abandon() {
        leave(false);
    }

    private void leave(boolean acknowledgeDelivered) {
        if (closed) {
            return;
        }
        try {
            if (acknowledgeDelivered) {
                ackDelivered();
            }
            advanceIdleSlots();
            for (Slot slot : held.values()) {
                leases.release(slot);
            }
            leases.leave();
        } catch (RuntimeException e) {
            LOG.warn(
                    "Worker {} could not release its slots; their leases expire by themselves: {}",
                    worker,
                    e.getMessage());
        } finally {
            held.clear();
            closed = true;
            synchronized (listener) {
                listener.close();
            }
        }
    }
}
