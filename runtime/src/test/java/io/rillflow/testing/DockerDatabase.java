package io.rillflow.testing;

import org.testcontainers.containers.PostgreSQLContainer;

/** A PostgreSQL in Docker for {@code -Drillflow.test.db=docker}; only loaded when asked for. */
final class DockerDatabase {
    private static final String IMAGE = "postgres:17";

    private DockerDatabase() {}

    @SuppressWarnings("resource") // Testcontainers' Ryuk removes the container when the JVM exits.
    static String start() {
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>(IMAGE);
        container.start();
        return container.getJdbcUrl() + "&user=" + container.getUsername() + "&password=" + container.getPassword();
    }
}
