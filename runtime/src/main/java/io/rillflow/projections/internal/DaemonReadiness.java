package io.rillflow.projections.internal;

import java.util.Map;

/**
 * What {@code /health/ready} says of a store's projection daemon: whether one is meant to run (started and not asked to
 * stop), whether it does, and where each of its projections' leases stands for this node.
 *
 * @param expected whether a daemon this store started is meant to be running; without one there is nothing to check
 * @param running whether every such daemon's thread is alive (false: one ended without being asked to stop)
 * @param leases each projection the daemon runs: {@code held} by this node, {@code standby} (another node holds it),
 *     or {@code free} (nobody holds it now: the next tick takes it)
 */
public record DaemonReadiness(boolean expected, boolean running, Map<String, String> leases) {
    public DaemonReadiness {
        leases = Map.copyOf(leases);
    }
}
