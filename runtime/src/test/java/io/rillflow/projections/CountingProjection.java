package io.rillflow.projections;

import io.rillflow.Store;
import io.rillflow.events.EventEnvelope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A read model that counts how often each event was applied: one row per global_seq with a counter. Exactly once
 * means every event of its types has a row with count 1, and nothing else has a row.
 */
final class CountingProjection implements ProjectionHandler {
    private final String name;
    private final Set<String> types;
    private final String table;
    private final String upsert;
    /** Events the handler refuses, to make poison events. */
    private volatile Predicate<EventEnvelope> poison = e -> false;
    /** Whether poison events fail with an Error (as an assertion would) instead of an exception. */
    private volatile boolean failWithError;

    CountingProjection(Store store, String name, Set<String> types) {
        this.name = name;
        this.types = types;
        this.table = "\"" + store.schemaName() + "\".counted_" + name;
        this.upsert = "insert into " + table + " (global_seq, applied) values (?, 1)"
                + " on conflict (global_seq) do update set applied = " + table + ".applied + 1";
        execute(
                store,
                "create table if not exists " + table + " (global_seq bigint primary key, applied int not null)");
    }

    void poison(Predicate<EventEnvelope> poison) {
        this.poison = poison;
        this.failWithError = false;
    }

    void poisonWithError(Predicate<EventEnvelope> poison) {
        this.poison = poison;
        this.failWithError = true;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> eventTypes() {
        return types;
    }

    @Override
    public void apply(EventEnvelope event, ProjectionContext context) throws SQLException {
        if (poison.test(event)) {
            if (failWithError) {
                throw new AssertionError("cannot project " + event.type() + " #" + event.globalSeq());
            }
            throw new IllegalStateException("cannot project " + event.type() + " #" + event.globalSeq());
        }
        try (PreparedStatement p = context.connection().prepareStatement(upsert)) {
            p.setLong(1, event.globalSeq());
            p.executeUpdate();
        }
    }

    @Override
    public void rebuild(ProjectionContext context) throws SQLException {
        try (Statement s = context.connection().createStatement()) {
            s.execute("delete from " + table);
        }
    }

    /** global_seq to how often it was applied. */
    Map<Long, Integer> counts(Store store) {
        Map<Long, Integer> counts = new TreeMap<>();
        try (Connection c = store.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select global_seq, applied from " + table)) {
            while (rs.next()) {
                counts.put(rs.getLong(1), rs.getInt(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }

    static void execute(Store store, String sql) {
        try (Connection c = store.dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** The global_seqs of the stored events, of {@code types} or all if empty, in order. */
    static Map<Long, String> events(Store store, Set<String> types) {
        Map<Long, String> events = new TreeMap<>();
        try (Connection c = store.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("select global_seq, type from \"" + store.schemaName() + "\".rf_events")) {
            while (rs.next()) {
                if (types.isEmpty() || types.contains(rs.getString(2))) {
                    events.put(rs.getLong(1), rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return events;
    }
}
