package io.rillflow.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.RillflowException;
import io.rillflow.Store;
import io.rillflow.annotations.ProjectionMode;
import io.rillflow.events.Event;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.testing.TestDatabase;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A handler's own SQL that fails is reported as the handler's failure, with PostgreSQL's message about the user's
 * statement, and never as a failure of the checkpoint statement that shares its transaction.
 */
class HandlerSqlErrorTest {
    private static final String MISSING = "no_such_read_model";

    private Store store;

    @BeforeEach
    void open() {
        store = TestDatabase.storeBuilder(getClass())
                .projectionOptions(ProjectionOptions.defaults().withMaxAttempts(1))
                .build();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aFailingStatementInARebuildHookNamesTheHookAndTheUsersRelationNotTheCheckpoint() {
        store.projections().register(new FailingSql("shelves", ProjectionMode.ASYNC, false, true, false));
        append("Shelved");
        store.projections().runUntilIdle();
        long checkpoint = store.projections().status("shelves").checkpoint();

        assertThatThrownBy(() -> store.projections().rebuild("shelves"))
                .isInstanceOf(RillflowException.class)
                .hasMessageContaining("rebuild hook of projection shelves failed")
                .hasMessageContaining("relation \"" + MISSING + "\" does not exist")
                .hasMessageNotContaining("rf_projections")
                .hasMessageNotContaining("last_seq");
        assertThat(store.projections().status("shelves").checkpoint())
                .as("the rebuild rolled back")
                .isEqualTo(checkpoint);
    }

    @Test
    void aRebuildHookThatSwallowsItsSqlErrorIsBlamedForTheAbortedTransaction() {
        store.projections().register(new FailingSql("swallowing", ProjectionMode.ASYNC, false, true, true));
        append("Shelved");
        store.projections().runUntilIdle();
        long checkpoint = store.projections().status("swallowing").checkpoint();

        assertThatThrownBy(() -> store.projections().rebuild("swallowing"))
                .isInstanceOf(RillflowException.class)
                .hasMessageContaining("Projection swallowing left its transaction aborted")
                .hasMessageContaining("savepoint")
                .hasMessageNotContaining("rf_projections");
        assertThat(store.projections().status("swallowing").checkpoint()).isEqualTo(checkpoint);
    }

    @Test
    void aFailingStatementInAnInlineRebuildNamesTheHookNotTheTableLock() {
        store.projections().register(new FailingSql("inline_shelves", ProjectionMode.INLINE, false, true, false));

        assertThatThrownBy(() -> store.projections().rebuild("inline_shelves"))
                .isInstanceOf(RillflowException.class)
                .hasMessageContaining("rebuild hook of projection inline_shelves failed")
                .hasMessageContaining("relation \"" + MISSING + "\" does not exist")
                .hasMessageNotContaining("lock table");
    }

    @Test
    void aHandlerThatSwallowsItsSqlErrorFailsTheBatchWithItsNameNotTheCheckpointStatement() {
        store.projections().register(new FailingSql("swallowing_apply", ProjectionMode.ASYNC, true, false, true));
        append("Shelved");

        assertThatThrownBy(() -> store.projections().tickOnce("swallowing_apply"))
                .isInstanceOf(RillflowException.class)
                .hasMessageContaining("Projection swallowing_apply left its transaction aborted")
                .hasMessageNotContaining("rf_projections");
        assertThat(store.projections().status("swallowing_apply").checkpoint()).isZero();
    }

    @Test
    void aFailingStatementInAHandlerIsRecordedWithPostgresMessageNotOurs() {
        store.projections().register(new FailingSql("failing_apply", ProjectionMode.ASYNC, true, false, false));
        long seq = append("Shelved");

        store.projections().runUntilIdle();

        assertThat(store.projections().deadLetters("failing_apply"))
                .singleElement()
                .satisfies(letter -> {
                    assertThat(letter.globalSeq()).isEqualTo(seq);
                    assertThat(letter.error())
                            .contains("relation \"" + MISSING + "\" does not exist")
                            .doesNotContain("rf_projections");
                });
    }

    private long append(String type) {
        return store.events()
                .append(UUID.randomUUID(), Expected.any(), List.of(Event.of(type, Map.of())))
                .lastGlobalSeq();
    }

    /** Runs SQL against a table that does not exist, in apply or rebuild, and maybe catches the error itself. */
    private record FailingSql(String name, ProjectionMode mode, boolean inApply, boolean inRebuild, boolean swallow)
            implements ProjectionHandler {
        @Override
        public Set<String> eventTypes() {
            return Set.of("Shelved");
        }

        @Override
        public void apply(EventEnvelope event, ProjectionContext context) throws SQLException {
            if (inApply) {
                fail(context);
            }
        }

        @Override
        public void rebuild(ProjectionContext context) throws SQLException {
            if (inRebuild) {
                fail(context);
            }
        }

        private void fail(ProjectionContext context) throws SQLException {
            try (Statement s = context.connection().createStatement()) {
                s.executeUpdate("delete from " + MISSING);
            } catch (SQLException e) {
                if (!swallow) {
                    throw e;
                }
            }
        }
    }
}
