package io.rillflow.query;

import io.rillflow.documents.DocumentCollection;
import io.rillflow.query.internal.QueryTarget;
import java.sql.SQLException;
import java.util.Objects;

/**
 * What generated implementations of {@code @DocumentQueries} interfaces run on: the statements the processor rendered
 * at compile time, completed once per store with its schema and table, then executed with the same text on every
 * call so PostgreSQL and the driver reuse prepared plans. Obtained from {@link DocumentCollection#compiledQueries()};
 * support for generated code, not for applications.
 *
 * @param <T> the document type
 */
public final class CompiledQuerySupport<T> {
    private final QueryTarget<T> target;

    /** Created by the document collection of {@code target}. */
    CompiledQuerySupport(QueryTarget<T> target) {
        this.target = Objects.requireNonNull(target, "target");
    }

    /**
     * The statement of query method {@code method} (e.g. {@code CustomerQueries.findByEmail(String email)}) from its
     * compile-time {@code template}, with {@link SqlFragments#TABLE_PLACEHOLDER} and
     * {@link SqlFragments#SCHEMA_PLACEHOLDER} replaced by this store's table and schema.
     */
    public CompiledStatement<T> statement(String method, String template) {
        String sql = template.replace(SqlFragments.TABLE_PLACEHOLDER, target.table())
                .replace(SqlFragments.SCHEMA_PLACEHOLDER, target.quotedSchema());
        return new CompiledStatement<>(target, method, sql);
    }

    /** Binds a compiled statement's parameters in order; written by the processor as a lambda. */
    @FunctionalInterface
    public interface Binder {
        /** Binds every parameter through {@code parameters}. */
        void bind(QueryParameters parameters) throws SQLException;

        /** Binds nothing, for statements without parameters. */
        static Binder none() {
            return parameters -> {};
        }
    }
}
