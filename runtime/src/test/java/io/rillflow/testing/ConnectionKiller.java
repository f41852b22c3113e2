package io.rillflow.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Chaos whose violence is bounded by progress: terminates a random busy connection of one application (its
 * {@code ApplicationName}) every 10-40 ms, but only once the projections of a schema committed a batch since the
 * previous kill, and at most {@code maxKills} times; then it lets the work finish. A killer on a clock alone kills
 * faster than a batch commits on a loaded machine, and then nothing ever commits.
 */
public final class ConnectionKiller implements AutoCloseable {
    private final String applicationName;
    private final String schema;
    private final int maxKills;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger kills = new AtomicInteger();
    private final Thread thread;
    private volatile Throwable failure;

    private ConnectionKiller(String applicationName, String schema, int maxKills) {
        this.applicationName = applicationName;
        this.schema = schema;
        this.maxKills = maxKills;
        this.thread = new Thread(this::run, "connection-killer");
        thread.setDaemon(true);
    }

    /**
     * Starts killing connections whose application name is like {@code applicationName} (a SQL pattern), at most once per batch committed by a projection or
     * process manager in {@code schema} (the sum of their checkpoints moved), and at most {@code maxKills} times.
     */
    public static ConnectionKiller start(String applicationName, String schema, int maxKills) {
        ConnectionKiller killer = new ConnectionKiller(applicationName, schema, maxKills);
        killer.thread.start();
        return killer;
    }

    /** How many connections were terminated so far. */
    public int kills() {
        return kills.get();
    }

    private void run() {
        String kill = "select pg_terminate_backend(pid) from pg_stat_activity where pid = (select pid from"
                + " pg_stat_activity where application_name like ? and (state <> 'idle' or ?) order by random() limit 1)";
        String progress = "select coalesce(sum(last_seq), 0) from \"" + schema + "\".rf_projections";
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long killedAt = -1;
        try (Connection c = TestDatabase.connection();
                PreparedStatement k = c.prepareStatement(kill);
                PreparedStatement p = c.prepareStatement(progress)) {
            while (running.get() && kills.get() < maxKills) {
                Thread.sleep(10 + random.nextInt(30));
                long position = position(p);
                if (position <= killedAt) {
                    continue;
                }
                k.setString(1, applicationName);
                k.setBoolean(2, random.nextInt(4) == 0); // sometimes an idle one, found dead on its next use
                try (ResultSet rs = k.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        kills.incrementAndGet();
                        killedAt = position;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException | RuntimeException e) {
            failure = e;
        }
    }

    private static long position(PreparedStatement progress) throws SQLException {
        try (ResultSet rs = progress.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Stops killing and waits for the killer; rethrows what made it fail, if anything did. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join();
        if (failure != null) {
            throw new IllegalStateException("The connection killer failed", failure);
        }
    }
}
