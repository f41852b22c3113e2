package io.rillflow.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.util.UUID;

/** Default names of the nodes and workers that hold leases, readable in status output and unique per process. */
public final class NodeIds {
    private NodeIds() {}

    /** {@code host/pid/random}: who holds a lease, and distinct for two daemons or workers in one JVM. */
    public static String generate() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown-host";
        }
        return host + "/" + ProcessHandle.current().pid() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
    }
}
