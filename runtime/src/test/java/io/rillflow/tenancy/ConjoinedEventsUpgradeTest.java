package io.rillflow.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.IdempotencyConflictException;
import io.rillflow.Store;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.testing.TestDatabase;
import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A single-tenant schema with events becomes conjoined: its streams, events, aliases, idempotency keys and snapshots
 * become the default tenant's, which the root store goes on using, while a new tenant starts empty. And the log stays
 * one: a tenant's readAll never passes another tenant's append still in flight.
 */
class ConjoinedEventsUpgradeTest {
    record Noted(String text) {}

    @Test
    void aSingleTenantSchemasEventsBecomeTheDefaultTenants() {
        String schema = TestDatabase.freshSchema(getClass());
        UUID stream;
        try (Store single = Store.builder(TestDatabase.jdbcUrl())
                .schema(schema)
                .eventType("Noted", Noted.class)
                .build()) {
            stream = single.events().resolveStreamAlias("legacy");
            single.events()
                    .builder(stream)
                    .idempotencyKey("k1")
                    .streamType("ledger")
                    .push(new Noted("1"))
                    .push(new Noted("2"))
                    .send();
            TestDatabase.execute("insert into \"" + schema + "\".rf_snapshots (stream_id, aggregate_type,"
                    + " stream_version, schema_version, shape, state) values ('" + stream + "', 'ledger', 2, 1, 's',"
                    + " '{}')");
        }
        try (Store store = Store.builder(TestDatabase.jdbcUrl())
                .schema(schema)
                .tenancy(TenancyStrategy.conjoined())
                .eventType("Noted", Noted.class)
                .build()) {
            for (String table :
                    List.of("rf_streams", "rf_events", "rf_idempotency_keys", "rf_stream_aliases", "rf_snapshots")) {
                assertThat(TestDatabase.count(
                                "select count(*) from \"" + schema + "\"." + table + " where tenant_id = '*DEFAULT*'"))
                        .as(table)
                        .isPositive();
            }
            assertThat(store.events().readStream(stream))
                    .extracting(EventEnvelope::event)
                    .containsExactly(new Noted("1"), new Noted("2"));
            assertThat(store.events().stream(stream).orElseThrow().type()).isEqualTo("ledger");
            assertThat(store.admin().streamAlias("legacy")).contains(stream);
            assertThatThrownBy(() -> store.events()
                            .builder(stream)
                            .idempotencyKey("k1")
                            .push(new Noted("again"))
                            .send())
                    .isInstanceOf(IdempotencyConflictException.class);
            assertThat(store.events()
                            .append(stream, Expected.exact(2), List.of(new Noted("3")))
                            .streamVersion())
                    .isEqualTo(3);

            store.tenants().ensure("acme");
            Store acme = store.forTenant("acme");
            assertThat(acme.events().stream(stream)).isEmpty();
            assertThat(acme.admin().streamAlias("legacy")).isEmpty();
            assertThat(acme.events().readAll(0, 100)).isEmpty();
            acme.events()
                    .builder(stream)
                    .idempotencyKey("k1")
                    .expected(Expected.noStream())
                    .push(new Noted("a"))
                    .send();
            assertThat(store.events().readAll(0, 100))
                    .extracting(EventEnvelope::event)
                    .containsExactly(new Noted("1"), new Noted("2"), new Noted("3"));
        }
    }

    @Test
    void aTenantsReadAllNeverPassesAnotherTenantsAppendInFlight() throws Exception {
        try (Store store = TestDatabase.storeBuilder(getClass())
                .tenancy(TenancyStrategy.conjoined())
                .eventType("Noted", Noted.class)
                .build()) {
            store.tenants().ensure("acme");
            store.tenants().ensure("globex");
            Store acme = store.forTenant("acme");
            Store globex = store.forTenant("globex");
            try (Connection c = TestDatabase.connection()) {
                c.setAutoCommit(false);
                long late = acme.events()
                        .within(c)
                        .append(UUID.randomUUID(), Expected.any(), List.of(new Noted("late")))
                        .firstGlobalSeq();
                long early = globex.events()
                        .append(UUID.randomUUID(), Expected.any(), List.of(new Noted("early")))
                        .firstGlobalSeq();
                assertThat(early).isGreaterThan(late);
                // The log is one: globex's event is final only once every append below it, acme's too, has ended.
                assertThat(globex.events().readAll(0, 100)).isEmpty();
                c.commit();
            }
            assertThat(acme.events().readAll(0, 100))
                    .extracting(EventEnvelope::event)
                    .containsExactly(new Noted("late"));
            assertThat(globex.events().readAll(0, 100))
                    .extracting(EventEnvelope::event)
                    .containsExactly(new Noted("early"));
        }
    }
}
