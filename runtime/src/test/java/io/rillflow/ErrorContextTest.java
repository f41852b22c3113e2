package io.rillflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.documents.DocumentCollection;
import io.rillflow.events.Event;
import io.rillflow.events.Expected;
import io.rillflow.testing.TestDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A database error names what was attempted: the statement that failed, or the pool wait that ran out. */
class ErrorContextTest {
    record Note(String text) {}

    @Test
    void aPlainAppendThatFailsQuotesItsOwnStatementNotRfAppend() {
        try (Store store = TestDatabase.store(getClass())) {
            refuseEventsOfType(store, "Refused");
            UUID stream = UUID.randomUUID();

            assertThatThrownBy(() -> store.events().append(stream, Expected.any(), List.of(Event.of("Refused", 1))))
                    .isInstanceOf(RillflowException.class)
                    .hasMessageContaining("refused by the test trigger")
                    .hasMessageContaining("[statement: with s as (insert into")
                    .hasMessageNotContaining("rf_append(");
            // The keyed route does run rf_append, and says so.
            assertThatThrownBy(() -> store.events()
                            .builder(stream)
                            .idempotencyKey("k1")
                            .push(Event.of("Refused", 1))
                            .send())
                    .hasMessageContaining("refused by the test trigger")
                    .hasMessageContaining("[statement: select stream_version, first_global_seq, last_global_seq from")
                    .hasMessageContaining(".rf_append(");
            assertThat(store.events().readStream(stream)).isEmpty();
        }
    }

    @Test
    void aPoolWaitThatRunsOutSaysSoWithThePoolsStateAndNoStatement() throws Exception {
        try (Store store = TestDatabase.storeBuilder(getClass())
                .maxConnections(1)
                .connectTimeout(Duration.ofMillis(300))
                .build()) {
            DocumentCollection<Note, UUID> notes = store.documents(Note.class, UUID.class);
            UUID id = UUID.randomUUID();
            notes.put(id, new Note("kept"));
            try (Connection held = store.dataSource().getConnection()) {
                assertThat(held.isValid(1)).isTrue();
                assertThatThrownBy(() -> notes.load(id))
                        .isInstanceOfSatisfying(PoolTimeoutException.class, e -> {
                            assertThat(e.setting()).isEqualTo("connectTimeout");
                            assertThat(e.limit()).isEqualTo(Duration.ofMillis(300));
                        })
                        .hasMessageStartingWith(
                                "No connection from the pool within 300 ms" + " (StoreBuilder.connectTimeout)")
                        .hasMessageContaining("pool size 1, active 1, idle 0, waiting ")
                        .hasMessageNotContaining("[null]")
                        .hasMessageNotContaining("statement:");
            }
            assertThat(notes.load(id)).contains(new Note("kept"));
        }
    }

    /** A trigger that refuses events of {@code type}, so an append fails inside the statement that inserts them. */
    static void refuseEventsOfType(Store store, String type) {
        String s = "\"" + store.schemaName() + "\"";
        TestDatabase.execute("create function " + s + ".refuse() returns trigger language plpgsql as $$ begin"
                + " raise exception 'refused by the test trigger'; end $$");
        TestDatabase.execute("create trigger refuse before insert on " + s + ".rf_events for each row when (new.type"
                + " = '" + type + "') execute function " + s + ".refuse()");
    }
}
