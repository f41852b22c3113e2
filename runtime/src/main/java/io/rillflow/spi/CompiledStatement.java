package io.rillflow.spi;

import io.rillflow.RillflowException;
import io.rillflow.query.Page;
import io.rillflow.query.PageRequest;
import io.rillflow.query.internal.QueryRunner;
import io.rillflow.query.internal.QueryTarget;
import io.rillflow.spi.CompiledQuerySupport.Binder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One compiled query method's statement on one store: fixed SQL text, run with the parameters its {@link Binder}
 * binds. Results are documents read with the store's mapper, or projections read from the JSON objects the statement
 * selects. Support for generated code, not for applications.
 *
 * @param <T> the document type
 */
public final class CompiledStatement<T> {
    private final QueryTarget<T> target;
    private final String method;
    private final String sql;

    CompiledStatement(QueryTarget<T> target, String method, String sql) {
        this.target = target;
        this.method = method;
        this.sql = sql;
    }

    /** The SQL sent on every call. */
    public String sql() {
        return sql;
    }

    /** Every row as a document. */
    public List<T> list(Binder binder) {
        return QueryRunner.list(target.database(), sql, bind(binder), rs -> target.decode(rs.getString(1)));
    }

    /** Every row as a {@code type} projection. */
    public <R> List<R> list(Binder binder, Class<R> type) {
        return QueryRunner.list(target.database(), sql, bind(binder), rs -> project(rs.getString(1), type));
    }

    /**
     * The only row as a document, if any.
     *
     * @throws RillflowException if the statement returns more than one row
     */
    public Optional<T> optional(Binder binder) {
        return atMostOne(list(binder));
    }

    /** The only row as a {@code type} projection, if any; see {@link #optional(Binder)}. */
    public <R> Optional<R> optional(Binder binder, Class<R> type) {
        return atMostOne(list(binder, type));
    }

    /** The rows as documents, fetched lazily through a cursor; close the stream (try-with-resources). */
    public Stream<T> stream(Binder binder) {
        return QueryRunner.stream(target.database(), sql, bind(binder), rs -> target.decode(rs.getString(1)));
    }

    /** The rows as {@code type} projections, fetched lazily through a cursor; close the stream. */
    public <R> Stream<R> stream(Binder binder, Class<R> type) {
        return QueryRunner.stream(target.database(), sql, bind(binder), rs -> project(rs.getString(1), type));
    }

    /**
     * A page of documents with the total: this statement selects each document and {@code count(*) over ()};
     * {@code total}, the same query's {@code count(*)}, runs only for a page past the end, which has no row to carry
     * the total. {@code binder} binds both: the count skips the page's limit and offset.
     */
    public Page<T> page(Binder binder, PageRequest request, CompiledStatement<T> total) {
        return page(binder, request, total, rs -> target.decode(rs.getString(1)));
    }

    /** A page of {@code type} projections with the total; see {@link #page(Binder, PageRequest, CompiledStatement)}. */
    public <R> Page<R> page(Binder binder, PageRequest request, CompiledStatement<T> total, Class<R> type) {
        return page(binder, request, total, rs -> project(rs.getString(1), type));
    }

    private <R> Page<R> page(
            Binder binder, PageRequest request, CompiledStatement<T> total, QueryRunner.RowReader<R> item) {
        Objects.requireNonNull(request, "request");
        List<Counted<R>> rows = QueryRunner.list(
                target.database(), sql, bind(binder), rs -> new Counted<>(item.read(rs), rs.getLong(2)));
        if (rows.isEmpty()) {
            long count = request.offset() == 0
                    ? 0
                    : QueryRunner.list(
                                    total.target.database(), total.sql, total.bind(binder, true), rs -> rs.getLong(1))
                            .get(0);
            return new Page<>(List.of(), request, count);
        }
        return new Page<>(
                rows.stream().map(Counted::item).toList(), request, rows.get(0).total());
    }

    /** A row of a counted page: one item and the number of matches. */
    private record Counted<R>(R item, long total) {}

    /** The single {@code bigint} the statement selects, such as a count. */
    public long count(Binder binder) {
        return QueryRunner.list(target.database(), sql, bind(binder), rs -> rs.getLong(1))
                .get(0);
    }

    /** The single {@code boolean} the statement selects. */
    public boolean exists(Binder binder) {
        return QueryRunner.list(target.database(), sql, bind(binder), rs -> rs.getBoolean(1))
                .get(0);
    }

    /** Runs a delete or update; the number of documents it changed. */
    public long update(Binder binder) {
        return QueryRunner.update(target.database(), sql, bind(binder));
    }

    private QueryRunner.StatementBinder bind(Binder binder) {
        return bind(binder, false);
    }

    private QueryRunner.StatementBinder bind(Binder binder, boolean counting) {
        return (Connection c, PreparedStatement p) ->
                binder.bind(new QueryParameters(c, p, target.json(), method, counting));
    }

    private <R> R project(String json, Class<R> type) {
        return target.json().read(json, type, () -> "a " + type.getSimpleName() + " projection of " + target.name());
    }

    private <R> Optional<R> atMostOne(List<R> rows) {
        if (rows.size() > 1) {
            throw new RillflowException(method + " expects at most one " + target.name() + " document, found "
                    + rows.size() + " or more [statement: " + sql + "]");
        }
        return rows.stream().findFirst();
    }

    @Override
    public String toString() {
        return method + ": " + sql;
    }
}
