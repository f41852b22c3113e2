package io.rillflow.embedded;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * A JVM that the crash tests kill: it starts a durable server on the directory given as its first argument (or the
 * shared test server for {@value #SHARED}), commits one row per further argument into {@code kept}, prints the data
 * directory and {@code READY}, and waits to be killed.
 */
public final class EmbeddedServerChild {
    static final String SHARED = "--shared";

    private EmbeddedServerChild() {}

    public static void main(String[] args) throws Exception {
        EmbeddedPostgresServer server = args[0].equals(SHARED)
                ? EmbeddedPostgresServer.shared()
                : EmbeddedPostgresServer.start(Path.of(args[0]));
        try (Connection c = DriverManager.getConnection(server.jdbcUrl());
                Statement s = c.createStatement()) {
            s.execute("create table if not exists kept(v text)");
            for (int i = 1; i < args.length; i++) {
                s.execute("insert into kept values ('" + args[i] + "')");
            }
        }
        System.out.println("DIRECTORY " + server.dataDirectory());
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
