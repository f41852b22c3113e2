package io.rillflow.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.DocumentNotFoundException;
import io.rillflow.InvalidIdentifierException;
import io.rillflow.Store;
import io.rillflow.events.Event;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.projections.ProjectionContext;
import io.rillflow.projections.ProjectionHandler;
import io.rillflow.projections.TickResult;
import io.rillflow.projections.UnknownProjectionException;
import io.rillflow.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin works from the database alone: a second store with no handler registered administers what the
 * application's store registered, and the application's daemon sees the change.
 */
class StoreAdminTest {
    record Note(String text) {}

    private static Store app;
    private static Store operator;

    @BeforeAll
    static void open() {
        app = TestDatabase.store(StoreAdminTest.class);
        operator = Store.builder(TestDatabase.jdbcUrl())
                .schema(app.schemaName())
                .migrateOnStart(false)
                .build();
        app.projections().register(new Noop("audit"));
        app.projections().register(new Noop("totals"));
    }

    @AfterAll
    static void close() {
        operator.close();
        app.close();
    }

    @Test
    void projectionsRegisteredElsewhereAreListedAndPausedFromTheDatabase() {
        assertThat(operator.projections().names()).isEmpty();
        assertThat(operator.admin().projectionNames()).containsExactly("audit", "totals");

        operator.admin().pauseProjection("audit");
        assertThat(app.projections().status("audit").paused()).isTrue();
        app.events().append(UUID.randomUUID(), Expected.any(), List.of(Event.of("Noted", Map.of("n", 1))));
        assertThat(app.projections().tickOnce("audit").outcome()).isEqualTo(TickResult.Outcome.PAUSED);

        operator.admin().resumeProjection("audit");
        assertThat(operator.admin().projectionStatus("audit").paused()).isFalse();
        app.projections().runUntilIdle();
        assertThat(operator.admin().projectionStatus("audit").lagEvents()).isZero();

        operator.admin().resetProjectionCheckpoint("audit", 0);
        assertThat(app.projections().status("audit").checkpoint()).isZero();
    }

    @Test
    void unknownProjectionChangesNothingAndNamesTheKnownOnes() {
        assertThatThrownBy(() -> operator.admin().pauseProjection("audit'; drop table x; --"))
                .isInstanceOf(UnknownProjectionException.class)
                .hasMessageContaining("audit, totals");
        assertThatThrownBy(() -> operator.admin().deadLetters("totals", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was 0");
    }

    @Test
    void deadLettersAreListedWithALimitAndDeleted() {
        for (long seq = 1; seq <= 3; seq++) {
            TestDatabase.execute("insert into \"" + app.schemaName() + "\".rf_projection_dead_letters (projection,"
                    + " global_seq, stream_id, stream_seq, event_type, error, attempts) values ('totals', " + seq
                    + ", gen_random_uuid(), 1, 'Noted', 'boom', 3)");
        }
        assertThat(operator.admin().deadLetters("totals", 2))
                .extracting(d -> d.globalSeq())
                .containsExactly(1L, 2L);
        assertThat(operator.admin().deleteDeadLetter("totals", 2)).isTrue();
        assertThat(operator.admin().deleteDeadLetter("totals", 2)).isFalse();
        assertThat(app.projections().deadLetters("totals"))
                .extracting(d -> d.globalSeq())
                .containsExactly(1L, 3L);
    }

    @Test
    void aliasesAreLookedUpWithoutRecordingAndListedByLiteralPrefix() {
        UUID order = app.events().resolveStreamAlias("orders:1");
        app.events().resolveStreamAlias("orders%2");
        app.events().resolveStreamAlias("ordersX");
        app.events().append(order, Expected.any(), List.of(Event.of("Noted", Map.of("n", 1))));

        assertThat(operator.admin().streamAlias("orders:1")).contains(order);
        assertThat(operator.admin().streamAlias("orders:9")).isEmpty();
        assertThat(operator.admin().streamAliases("orders:9", 10)).isEmpty();
        assertThat(operator.admin().streamAliases("orders%", 10))
                .extracting(StreamAlias::alias)
                .containsExactly("orders%2");
        List<StreamAlias> aliases = operator.admin().streamAliases("orders", 2);
        assertThat(aliases).extracting(StreamAlias::alias).containsExactly("orders%2", "orders:1");
        assertThat(aliases.get(1).version()).isEqualTo(1);
    }

    @Test
    void documentsAreReadAndSoftDeletedByTableNameAsTheTypedCollectionSeesThem() {
        var notes = app.documents(Note.class, Long.class);
        notes.put(7L, new Note("hello"));

        RawDocument read = operator.admin().document("note", "7").orElseThrow();
        assertThat(read.json()).isEqualTo("{\"text\": \"hello\"}");
        assertThat(read.version()).isEqualTo(1);
        assertThat(read.deletedAt()).isNull();

        assertThat(operator.admin().softDeleteDocument("note", "7")).isTrue();
        assertThat(operator.admin().softDeleteDocument("note", "7")).isFalse();
        assertThat(notes.get(7L)).isEmpty();
        assertThat(operator.admin().document("note", "7").orElseThrow().version())
                .isEqualTo(2);
        assertThat(operator.admin().restoreDocument("note", "7")).isTrue();
        assertThat(notes.get(7L).orElseThrow().value()).isEqualTo(new Note("hello"));

        assertThat(operator.admin().document("note", "8")).isEmpty();
        assertThatThrownBy(() -> operator.admin().softDeleteDocument("note", "8"))
                .isInstanceOf(DocumentNotFoundException.class);
        assertThatThrownBy(() -> operator.admin().document("note", "seven"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid document id \"seven\": the ids of rf_doc_note are of type bigint");
        assertThatThrownBy(() -> operator.admin().document("nope", "1"))
                .isInstanceOf(UnknownDocumentTableException.class)
                .hasMessageContaining("rf_doc_nope")
                .hasMessageContaining("note");
        assertThatThrownBy(() -> operator.admin().document("note\"; drop", "1"))
                .isInstanceOf(InvalidIdentifierException.class);
        assertThat(operator.admin().documentNames()).contains("note");
    }

    private record Noop(String name) implements ProjectionHandler {
        @Override
        public void apply(EventEnvelope event, ProjectionContext context) {}
    }
}
