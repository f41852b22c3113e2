package io.rillflow.admin;

import java.net.InetSocketAddress;

/**
 * A running admin HTTP endpoint of a store, started with {@link StoreAdmin#serve}: {@code GET /metrics} (Prometheus
 * text), {@code GET /health/live} and {@code GET /health/ready} (JSON; 503 when not ready). Closing it stops the
 * server; the store stays open.
 */
public interface AdminServer extends AutoCloseable {
    /** The address it listens on: the port is the one the system chose when the bind address asked for port 0. */
    InetSocketAddress address();

    /** Stops accepting requests and ends the server's threads; requests in progress get at most a second. */
    @Override
    void close();
}
