package io.rillflow.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.ConcurrencyException;
import io.rillflow.Store;
import io.rillflow.events.Event;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.events.StreamInfo;
import io.rillflow.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A database whose streams were written before appends became insert-only (migration 0007) keeps every stream's
 * type, version and events, and takes version-checked appends where they left off.
 */
class InsertOnlyUpgradeTest {
    private static final int INSERT_ONLY = 7;

    @Test
    void streamsWrittenBeforeMigration7KeepTheirVersionsAndTakeNewAppends() throws SQLException {
        String schema = TestDatabase.freshSchema(getClass());
        UUID cart = UUID.randomUUID();
        try (Connection c = TestDatabase.connection()) {
            migrateBefore(c, schema, INSERT_ONLY);
            // Two appends the way the runtime made them then: rf_append moving rf_streams.version.
            try (PreparedStatement p = c.prepareStatement("select 1 from \"" + schema + "\".rf_append(?, 'cart', ?,"
                    + " array['Added'], array[1], array['{\"n\": 1}'::jsonb], '{}'::jsonb, null, null, null, false)")) {
                p.setObject(1, cart);
                p.setLong(2, 0);
                p.executeQuery().close();
                p.setLong(2, 1);
                p.executeQuery().close();
            }
        }

        try (Store store = Store.builder(TestDatabase.jdbcUrl()).schema(schema).build()) {
            assertThat(store.schema().applied())
                    .extracting(AppliedMigration::version)
                    .contains(INSERT_ONLY);
            StreamInfo before = store.events().stream(cart).orElseThrow();
            assertThat(before.version()).isEqualTo(2);
            assertThat(before.type()).isEqualTo("cart");

            assertThatThrownBy(() ->
                            store.events().append(cart, Expected.exact(1), List.of(Event.of("Added", Map.of("n", 2)))))
                    .isInstanceOfSatisfying(ConcurrencyException.class, e -> assertThat(e.actual())
                            .isEqualTo(2));
            assertThat(store.events()
                            .append(cart, Expected.exact(2), List.of(Event.of("Added", Map.of("n", 3))))
                            .streamVersion())
                    .isEqualTo(3);
            assertThat(store.events().readStream(cart))
                    .extracting(EventEnvelope::streamSeq)
                    .containsExactly(1L, 2L, 3L);
        }
    }

    /** Applies and records the shipped migrations below {@code version}, as a store of that time would have. */
    private static void migrateBefore(Connection c, String schema, int version) throws SQLException {
        String quoted = "\"" + schema + "\"";
        try (Statement s = c.createStatement()) {
            s.execute("create schema " + quoted);
            s.execute("create table " + quoted + ".rf_migrations (version integer primary key, name text not null,"
                    + " checksum text not null, applied_at timestamptz not null default now(),"
                    + " execution_ms bigint not null)");
        }
        List<Migration> shipped;
        try (Store unmigrated = Store.builder(TestDatabase.jdbcUrl())
                .schema(schema)
                .migrateOnStart(false)
                .maxConnections(1)
                .build()) {
            shipped = unmigrated.schema().migrations();
        }
        for (Migration m : shipped) {
            if (m.version() >= version) {
                continue;
            }
            try (Statement s = c.createStatement()) {
                s.execute(m.sql());
            }
            try (PreparedStatement p = c.prepareStatement("insert into " + quoted
                    + ".rf_migrations (version, name, checksum, execution_ms) values (?, ?, ?, 0)")) {
                p.setInt(1, m.version());
                p.setString(2, m.name());
                p.setString(3, m.checksum());
                p.executeUpdate();
            }
        }
    }
}
