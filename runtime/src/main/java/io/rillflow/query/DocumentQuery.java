package io.rillflow.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.rillflow.RillflowException;
import io.rillflow.query.internal.QueryAccess;
import io.rillflow.query.internal.QueryRunner;
import io.rillflow.query.internal.QueryTarget;
import io.rillflow.sql.SqlFragments;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A query over one document table, built from typed conditions and run with one statement. Immutable: every
 * refining call returns a new query, so a base query can be kept and refined.
 *
 * <pre>{@code
 * List<Customer> page = customers.query()
 *     .where(Customer_.status.eq("active").and(Customer_.age.gte(18)))
 *     .orderBy(Customer_.since.desc(), Customer_.email.asc())
 *     .page(2, 20)
 *     .list();
 * Page<Customer> withTotal = customers.query().where(...).orderBy(...).listPage(2, 20);  // items, total, hasNext
 * }</pre>
 *
 * @param <T> the document type
 */
public final class DocumentQuery<T> {
    /** Which documents a query sees with respect to soft deletion. */
    private enum Deleted {
        EXCLUDE,
        INCLUDE,
        ONLY
    }

    private final QueryTarget<T> target;
    private final List<Condition> conditions;
    private final List<Order> orders;
    private final Object[] after;
    private final Integer limit;
    private final long offset;
    private final Deleted deleted;

    static {
        QueryAccess.install(new QueryAccess.Factory() {
            @Override
            public <D> DocumentQuery<D> query(QueryTarget<D> target) {
                return new DocumentQuery<>(target);
            }
        });
    }

    /** Created by a document collection; use {@code collection.query()} or a generated repository. */
    private DocumentQuery(QueryTarget<T> target) {
        this(target, List.of(), List.of(), null, null, 0, Deleted.EXCLUDE);
    }

    private DocumentQuery(
            QueryTarget<T> target,
            List<Condition> conditions,
            List<Order> orders,
            Object[] after,
            Integer limit,
            long offset,
            Deleted deleted) {
        this.target = target;
        this.conditions = conditions;
        this.orders = orders;
        this.after = after;
        this.limit = limit;
        this.offset = offset;
        this.deleted = deleted;
    }

    /** Adds a condition; several {@code where} calls must all hold. */
    public DocumentQuery<T> where(Condition condition) {
        Objects.requireNonNull(condition, "condition");
        List<Condition> more = new ArrayList<>(conditions);
        more.add(condition);
        return new DocumentQuery<>(target, List.copyOf(more), orders, after, limit, offset, deleted);
    }

    /** Sorts by these keys, replacing earlier ones. */
    public DocumentQuery<T> orderBy(Order... keys) {
        return new DocumentQuery<>(target, conditions, List.of(keys), after, limit, offset, deleted);
    }

    /** At most {@code count} documents. */
    public DocumentQuery<T> limit(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("A limit must be 0 or more, was " + count);
        }
        return new DocumentQuery<>(target, conditions, orders, after, count, offset, deleted);
    }

    /** Skips the first {@code count} documents. */
    public DocumentQuery<T> offset(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("An offset must be 0 or more, was " + count);
        }
        return new DocumentQuery<>(target, conditions, orders, after, limit, count, deleted);
    }

    /** Page {@code number} (1 = the first) of {@code size} documents. */
    public DocumentQuery<T> page(int number, int size) {
        if (number < 1 || size < 1) {
            throw new IllegalArgumentException(
                    "Pages are numbered from 1 and hold at least 1 document; got page " + number + " of size " + size);
        }
        return limit(size).offset((long) (number - 1) * size);
    }

    /**
     * Keyset paging: only documents after the one whose sort keys were {@code lastSortValues}, one value per
     * {@link #orderBy} key ({@code null} for a key the last document had no value for; documents without a value
     * come where the key's nulls-first or nulls-last order puts them). Cheaper than offsets on deep pages; give a
     * unique last key (such as the id) so that no two documents tie.
     */
    public DocumentQuery<T> after(Object... lastSortValues) {
        if (orders.isEmpty() || lastSortValues.length != orders.size()) {
            throw new IllegalArgumentException("after(...) needs one value per orderBy key: " + orders.size()
                    + " key(s), " + lastSortValues.length + " value(s)");
        }
        return new DocumentQuery<>(target, conditions, orders, lastSortValues.clone(), limit, offset, deleted);
    }

    /** Sees soft-deleted documents too. */
    public DocumentQuery<T> includeDeleted() {
        return new DocumentQuery<>(target, conditions, orders, after, limit, offset, Deleted.INCLUDE);
    }

    /** Sees only soft-deleted documents. */
    public DocumentQuery<T> onlyDeleted() {
        return new DocumentQuery<>(target, conditions, orders, after, limit, offset, Deleted.ONLY);
    }

    /** Every matching document. */
    public List<T> list() {
        return run(render("data::text", true), rs -> target.decode(rs.getString(1)));
    }

    /**
     * One page of the matching documents with the total count of matches, in one statement
     * ({@code count(*) over ()}): the request's limit and offset replace any set on this query. A page past the end
     * has no row to carry the total, so only then a second statement counts the matches. Give an {@link #orderBy}
     * with a unique last key (such as the id) so pages neither repeat nor skip documents.
     */
    public Page<T> listPage(PageRequest request) {
        Objects.requireNonNull(request, "request");
        DocumentQuery<T> paged =
                new DocumentQuery<>(target, conditions, orders, after, request.limit(), request.offset(), deleted);
        List<Counted<T>> rows = paged.run(
                paged.render("data::text, count(*) over ()", true),
                rs -> new Counted<>(target.decode(rs.getString(1)), rs.getLong(2)));
        if (rows.isEmpty()) {
            return new Page<>(List.of(), request, request.offset() == 0 ? 0 : count());
        }
        return new Page<>(
                rows.stream().map(Counted::item).toList(), request, rows.get(0).total());
    }

    /** Page {@code number} (1 = the first) of {@code size} documents with the total; see {@link #listPage(PageRequest)}. */
    public Page<T> listPage(int number, int size) {
        return listPage(PageRequest.of(number, size));
    }

    /** A row of a counted page: one document and the number of matches. */
    private record Counted<T>(T item, long total) {}

    /** The first matching document in the query's order. */
    public Optional<T> first() {
        return limit(1).list().stream().findFirst();
    }

    /**
     * The only matching document, if any.
     *
     * @throws RillflowException if more than one matches
     */
    public Optional<T> optional() {
        List<T> found = limit(2).list();
        if (found.size() > 1) {
            throw new RillflowException(
                    "Expected at most one " + target.name() + " document, found several for " + toSql());
        }
        return found.stream().findFirst();
    }

    /**
     * The only matching document.
     *
     * @throws RillflowException if none or more than one matches
     */
    public T single() {
        return optional()
                .orElseThrow(() -> new RillflowException(
                        "Expected exactly one " + target.name() + " document, found none for " + toSql()));
    }

    /** How many documents match (ignoring limit and offset). */
    public long count() {
        SqlBuilder sql = render("count(*)", false);
        return run(sql, rs -> rs.getLong(1)).get(0);
    }

    /** Whether any document matches. */
    public boolean exists() {
        SqlBuilder sql = newSql();
        sql.append("select exists (");
        renderBody(sql, "1", true);
        sql.append(")");
        return run(sql, rs -> rs.getBoolean(1)).get(0);
    }

    /**
     * The matching documents fetched lazily through a server-side cursor, {@value QueryRunner#STREAM_FETCH_SIZE} at a time. The
     * stream holds a connection until it is closed: use it in try-with-resources.
     */
    public Stream<T> stream() {
        SqlBuilder sql = render("data::text", true);
        return QueryRunner.stream(
                target.database(), sql.sql(), (c, p) -> sql.bind(c, p, 1), rs -> target.decode(rs.getString(1)));
    }

    /**
     * The given fields of each matching document, read into {@code type}: a record whose components take the paths'
     * values in order (or any class Jackson can build from properties named like the record components).
     */
    public <R> List<R> select(Class<R> type, Path<?>... paths) {
        List<String> names = type.isRecord()
                ? Arrays.stream(type.getRecordComponents())
                        .map(c -> c.getName())
                        .toList()
                : Arrays.stream(paths)
                        .map(p -> p.segments().get(p.segments().size() - 1))
                        .toList();
        if (names.size() != paths.length) {
            throw new IllegalArgumentException(
                    type.getName() + " has " + names.size() + " components but " + paths.length + " paths were given");
        }
        SqlBuilder sql = render(jsonObject(names, paths), true);
        return run(sql, rs -> target.json().read(rs.getString(1), type, () -> "a selection of " + target.name()));
    }

    /** The given fields of each matching document as maps from dotted path to value (null when missing). */
    public List<Map<String, Object>> selectMaps(Path<?>... paths) {
        List<String> names = Arrays.stream(paths).map(Path::dotted).toList();
        SqlBuilder sql = render(jsonObject(names, paths), true);
        return run(sql, rs -> {
            JsonNode row = target.json().parse(rs.getString(1), () -> "a selection of " + target.name());
            Map<String, Object> values = new LinkedHashMap<>();
            for (String name : names) {
                JsonNode value = row.get(name);
                values.put(
                        name,
                        value == null || value.isNull() ? null : target.json().read(value, Object.class, () -> name));
            }
            return values;
        });
    }

    /** The SQL this query sends, for logs and {@code EXPLAIN}. */
    public String toSql() {
        return render("data::text", true).sql();
    }

    /** PostgreSQL's plan for this query ({@code EXPLAIN}), one line per row. */
    public List<String> explain() {
        SqlBuilder sql = newSql();
        sql.append("explain ");
        renderBody(sql, "data::text", true);
        return run(sql, rs -> rs.getString(1));
    }

    private static String jsonObject(List<String> names, Path<?>[] paths) {
        return SqlFragments.jsonObject(
                names, Arrays.stream(paths).map(Path::jsonExpression).toList());
    }

    private SqlBuilder render(String columns, boolean paged) {
        SqlBuilder sql = newSql();
        renderBody(sql, columns, paged);
        return sql;
    }

    private void renderBody(SqlBuilder sql, String columns, boolean paged) {
        sql.append("select ")
                .append(columns)
                .append(" from ")
                .append(target.table())
                .append(" where ")
                .append(target.tenant().andPrefix());
        sql.append(
                switch (deleted) {
                    case EXCLUDE -> SqlFragments.LIVE;
                    case INCLUDE -> "true";
                    case ONLY -> "deleted_at is not null";
                });
        for (Condition condition : conditions) {
            sql.append(" and ");
            condition.render(sql);
        }
        if (after != null) {
            sql.append(" and ");
            renderAfter(sql);
        }
        if (!paged) {
            return;
        }
        if (!orders.isEmpty()) {
            sql.append(" order by ");
            for (int i = 0; i < orders.size(); i++) {
                if (i > 0) {
                    sql.append(", ");
                }
                orders.get(i).render(sql);
            }
        }
        if (limit != null) {
            sql.append(" limit ").append(Integer.toString(limit));
        }
        if (offset > 0) {
            sql.append(" offset ").append(Long.toString(offset));
        }
    }

    /**
     * (k1 after v1) or (k1 = v1 and k2 after v2) or ...: "after" follows each key's direction and where its nulls go,
     * so documents without a value are neither skipped nor repeated.
     */
    private void renderAfter(SqlBuilder sql) {
        sql.append('(');
        for (int i = 0; i < orders.size(); i++) {
            if (i > 0) {
                sql.append(" or ");
            }
            sql.append('(');
            for (int j = 0; j < i; j++) {
                renderSame(sql, orders.get(j).path(), after[j]);
                sql.append(" and ");
            }
            renderLater(sql, orders.get(i), after[i]);
            sql.append(')');
        }
        sql.append(')');
    }

    private static void renderSame(SqlBuilder sql, Path<?> path, Object value) {
        String key = path.typedExpression(sql.quotedSchema());
        if (value == null) {
            sql.append(key).append(" is null");
        } else {
            sql.append(key).append(" = ");
            sql.bind(path.sqlType(), value);
        }
    }

    private static void renderLater(SqlBuilder sql, Order order, Object value) {
        String key = order.path().typedExpression(sql.quotedSchema());
        if (value == null) {
            // After a null: the values, if nulls come first; nothing, if they come last.
            sql.append(order.nullsGoFirst() ? key + " is not null" : "false");
            return;
        }
        sql.append('(').append(key).append(order.ascending() ? " > " : " < ");
        sql.bind(order.path().sqlType(), value);
        if (!order.nullsGoFirst()) {
            sql.append(" or ").append(key).append(" is null");
        }
        sql.append(')');
    }

    private SqlBuilder newSql() {
        return new SqlBuilder(target.quotedSchema(), target.json());
    }

    private <R> List<R> run(SqlBuilder sql, QueryRunner.RowReader<R> reader) {
        return QueryRunner.list(target.database(), sql.sql(), (c, p) -> sql.bind(c, p, 1), reader);
    }
}
