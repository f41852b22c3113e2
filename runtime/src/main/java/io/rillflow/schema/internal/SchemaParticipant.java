package io.rillflow.schema.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A part of the store whose tables follow from what the application declares (document types and their indexes)
 * rather than from versioned migrations. Its changes are computed by comparing the declarations with the catalog, so
 * they are empty once the database matches, and run after the migrations in {@code sync()}.
 */
public interface SchemaParticipant {
    /** What this database still needs, checked on {@code connection}; {@link Changes#isEmpty()} when up to date. */
    Changes pendingChanges(Connection connection) throws SQLException;

    /** The names of every table and index this participant declares, whether or not the database has them yet. */
    List<String> declaredNames();

    /**
     * The changes a participant needs.
     *
     * @param inTransaction statements that run in the migration transaction (new tables, indexes on empty tables)
     * @param online changes that must run outside any transaction, one at a time (index builds on tables with rows)
     * @param undeclaredIndexes names of indexes this participant once created that the code no longer declares; kept
     *     until {@link SchemaManager#dropUndeclaredIndexes()} is called
     */
    record Changes(List<String> inTransaction, List<OnlineChange> online, List<String> undeclaredIndexes) {
        /** Nothing to do and nothing to report. */
        public static final Changes NONE = new Changes(List.of(), List.of(), List.of());

        public Changes {
            inTransaction = List.copyOf(inTransaction);
            online = List.copyOf(online);
            undeclaredIndexes = List.copyOf(undeclaredIndexes);
        }

        /** These changes followed by {@code next}'s. */
        public Changes plus(Changes next) {
            return new Changes(
                    concat(inTransaction, next.inTransaction),
                    concat(online, next.online),
                    concat(undeclaredIndexes, next.undeclaredIndexes));
        }

        private static <T> List<T> concat(List<T> first, List<T> second) {
            List<T> all = new ArrayList<>(first);
            all.addAll(second);
            return all;
        }

        /** Whether sync has nothing to do (undeclared indexes are only reported). */
        public boolean isEmpty() {
            return inTransaction.isEmpty() && online.isEmpty();
        }
    }

    /**
     * A change that cannot run in a transaction, such as {@code CREATE INDEX CONCURRENTLY}: applied after the
     * migration transaction committed, on a connection in auto-commit mode, while the schema lock is held.
     */
    interface OnlineChange {
        /** The statements {@link #apply} runs, in order, as {@code plan()} shows them. */
        List<String> statements();

        /**
         * Runs the statements on {@code autoCommit}. On failure it leaves what was there before usable (cleaning up
         * what it half built) and throws a {@link io.rillflow.RillflowException} that says what to fix.
         */
        void apply(Connection autoCommit) throws SQLException;
    }
}
