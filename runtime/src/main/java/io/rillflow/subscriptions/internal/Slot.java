package io.rillflow.subscriptions.internal;

import java.util.TreeSet;

/**
 * What a worker knows of one slot it holds: its persisted checkpoint, how far it has read, and the events it
 * delivered that wait for acknowledgement. Guarded by the owning {@link Worker}.
 */
final class Slot {
    final int index;
    final long token;
    /** The checkpoint as last written or read: every event of the slot at or below it is acknowledged. */
    long checkpoint;
    /** The read position: every event of the slot at or below it was delivered (or is acknowledged). */
    long position;
    /** Delivered events not yet acknowledged, by global_seq. */
    final TreeSet<Long> unacked = new TreeSet<>();
    /** Set by an acknowledgement in the caller's transaction: the next fetch checks it committed. */
    boolean verify;

    Slot(int index, long token, long checkpoint) {
        this.index = index;
        this.token = token;
        this.checkpoint = checkpoint;
        this.position = checkpoint;
    }

    /** The checkpoint once every unacknowledged event up to {@code seq} is acknowledged. */
    long checkpointAfter(long seq) {
        Long next = unacked.higher(seq);
        return next == null ? position : next - 1;
    }

    /** Forgets what was delivered since the checkpoint, so it is delivered again. */
    void rewind(long to) {
        checkpoint = to;
        position = to;
        unacked.clear();
    }
}
