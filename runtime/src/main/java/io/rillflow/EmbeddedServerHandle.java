package io.rillflow;

import java.nio.file.Path;

/**
 * Keeps every reference to the optional {@code rillflow-embedded} module in one class, loaded only when an embedded
 * store is asked for, so applications without that jar never touch it.
 */
final class EmbeddedServerHandle implements AutoCloseable {
    private static final String SERVER_CLASS = "io.rillflow.embedded.EmbeddedPostgresServer";

    private final io.rillflow.embedded.EmbeddedPostgresServer server;

    private EmbeddedServerHandle(io.rillflow.embedded.EmbeddedPostgresServer server) {
        this.server = server;
    }

    static EmbeddedServerHandle start(Path directory) {
        try {
            Class.forName(SERVER_CLASS, false, EmbeddedServerHandle.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new RillflowException("Store.embedded(...) needs the io.rillflow:rillflow-embedded artifact on the"
                    + " class path; add it as a dependency, or connect to a server with Store.connect(url)");
        }
        try {
            return new EmbeddedServerHandle(io.rillflow.embedded.EmbeddedPostgresServer.start(directory));
        } catch (RuntimeException e) {
            throw new RillflowException(e.getMessage(), e);
        }
    }

    String jdbcUrl() {
        return server.jdbcUrl();
    }

    @Override
    public void close() {
        server.close();
    }
}
