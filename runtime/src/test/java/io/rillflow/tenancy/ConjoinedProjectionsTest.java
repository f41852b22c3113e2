package io.rillflow.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.Store;
import io.rillflow.annotations.ProjectionMode;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.projections.ProjectionContext;
import io.rillflow.projections.ProjectionHandler;
import io.rillflow.testing.TestDatabase;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Projections of a conjoined store: inline ones run in the appending tenant's transaction, with its store, and a rebuild
 * replays each event as its tenant; async ones are accepted (see {@code ConjoinedDaemonTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConjoinedProjectionsTest {
    record Noted(String text) {}

    record Note(String text) {}

    private Store store;
    private Store acme;

    @BeforeAll
    void open() {
        store = TestDatabase.storeBuilder(getClass())
                .tenancy(TenancyStrategy.conjoined())
                .eventType("Noted", Noted.class)
                .build();
        store.projections().register(new Handler("inline_notes", ProjectionMode.INLINE));
        store.tenants().ensure("acme");
        acme = store.forTenant("acme");
    }

    @AfterAll
    void close() {
        store.close();
    }

    /** Writes a note per event; refuses the text "fail", failing the append it runs in. */
    private record Handler(String name, ProjectionMode mode) implements ProjectionHandler {
        @Override
        public Set<String> eventTypes() {
            return Set.of("Noted");
        }

        @Override
        public void apply(EventEnvelope event, ProjectionContext context) {
            Noted noted = (Noted) event.event();
            if (noted.text().equals("fail")) {
                throw new IllegalStateException("refused");
            }
            context.documents(Note.class, UUID.class, "conjoined_note").put(event.streamId(), new Note(noted.text()));
        }
    }

    @Test
    void anInlineProjectionRunsInTheAppendingTenantsTransaction() {
        UUID stream = UUID.randomUUID();
        acme.events().append(stream, Expected.noStream(), List.of(new Noted("projected")));
        assertThat(acme.documents(Note.class, UUID.class, "conjoined_note").load(stream))
                .contains(new Note("projected"));

        UUID failed = UUID.randomUUID();
        assertThatThrownBy(() -> acme.events().append(failed, Expected.noStream(), List.of(new Noted("fail"))))
                .hasRootCauseMessage("refused");
        assertThat(acme.events().stream(failed)).isEmpty();
    }

    @Test
    void anInlineRebuildReplaysEachTenantsEventsIntoItsOwnDocuments() {
        UUID shared = UUID.randomUUID();
        store.events().append(shared, Expected.noStream(), List.of(new Noted("root's")));
        acme.events().append(shared, Expected.noStream(), List.of(new Noted("acme's")));

        store.projections().rebuild("inline_notes");

        assertThat(store.documents(Note.class, UUID.class, "conjoined_note").load(shared))
                .contains(new Note("root's"));
        assertThat(acme.documents(Note.class, UUID.class, "conjoined_note").load(shared))
                .contains(new Note("acme's"));
    }

    @Test
    void asyncProjectionsAreAccepted() {
        store.projections().register(new Handler("async_notes", ProjectionMode.ASYNC));
        assertThat(store.projections().names()).contains("async_notes");
    }
}
