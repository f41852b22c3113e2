package io.rillflow.admin;

/**
 * How far the streams of one type are past their latest snapshot, as {@link StoreAdmin#snapshotBacklog} reads it.
 *
 * @param streamType the streams' type: an aggregate's name for aggregate streams
 * @param streams the streams of that type
 * @param candidates the streams at least the threshold number of events past their latest snapshot (or without one):
 *     what a snapshotter with that threshold would snapshot
 * @param largestGap the most events any stream of the type is past its latest snapshot
 */
public record SnapshotBacklog(String streamType, long streams, long candidates, long largestGap) {}
