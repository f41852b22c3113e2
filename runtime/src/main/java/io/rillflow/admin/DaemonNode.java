package io.rillflow.admin;

import java.time.Instant;

/**
 * A node whose projection daemon runs, or ran, on the schema. Each running daemon records itself every third of its
 * lease time and removes its record when it stops, so a node last seen longer ago than the lease time (30 s by default)
 * died without stopping; the running daemons share the projection leases among the others.
 *
 * @param nodeId the node's name in leases ({@code ProjectionOptions.nodeId})
 * @param lastSeen when the node last recorded itself
 */
public record DaemonNode(String nodeId, Instant lastSeen) {}
