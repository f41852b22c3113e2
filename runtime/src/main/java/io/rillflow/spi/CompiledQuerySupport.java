package io.rillflow.spi;

import io.rillflow.documents.DocumentCollection;
import io.rillflow.documents.internal.TableCollection;
import io.rillflow.query.internal.QueryTarget;
import io.rillflow.sql.SqlFragments;
import java.sql.SQLException;
import java.util.Objects;

/**
 * What generated implementations of {@code @DocumentQueries} interfaces run on: the statements the processor rendered
 * at compile time, completed once per store with its schema and table, then executed with the same text on every
 * call so PostgreSQL and the driver reuse prepared plans. Obtained with {@link #of(DocumentCollection)};
 * support for generated code, not for applications.
 *
 * @param <T> the document type
 */
public final class CompiledQuerySupport<T> {
    private final QueryTarget<T> target;

    private CompiledQuerySupport(QueryTarget<T> target) {
        this.target = Objects.requireNonNull(target, "target");
    }

    /**
     * The support of {@code collection}, a collection of a store ({@code store.documents(Product.class)}); generated
     * query implementations call it once per store.
     *
     * @throws IllegalArgumentException if {@code collection} is not a store's collection
     */
    public static <T> CompiledQuerySupport<T> of(DocumentCollection<T, ?> collection) {
        if (!(collection instanceof TableCollection<T, ?> table)) {
            throw new IllegalArgumentException("Compiled queries run on a store's collection (store.documents(type)),"
                    + " not on "
                    + (collection == null ? "null" : collection.getClass().getName()));
        }
        return new CompiledQuerySupport<>(table.queryTarget());
    }

    /**
     * The statement of query method {@code method} (e.g. {@code CustomerQueries.findByEmail(String email)}) from its
     * compile-time {@code template}, with {@link SqlFragments#TABLE_PLACEHOLDER} and
     * {@link SqlFragments#SCHEMA_PLACEHOLDER} replaced by this store's table and schema, and
     * {@link SqlFragments#TENANT_PLACEHOLDER} by the tenant filter of a conjoined store (by nothing otherwise).
     *
     * @throws IllegalStateException if the store is conjoined and the template, compiled by an older processor, has no
     *     tenant placeholder: it would read every tenant's rows
     */
    public CompiledStatement<T> statement(String method, String template) {
        if (target.tenant().present() && !template.contains(SqlFragments.TENANT_PLACEHOLDER)) {
            throw new IllegalStateException("The compiled query " + method + " has no tenant filter: it was compiled"
                    + " by a processor older than conjoined tenancy. Recompile it with this version of"
                    + " rillflow-processor to run it on a conjoined store");
        }
        String sql = template.replace(
                        SqlFragments.TENANT_PLACEHOLDER, target.tenant().andPrefix())
                .replace(SqlFragments.TABLE_PLACEHOLDER, target.table())
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
