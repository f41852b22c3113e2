package io.rillflow.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One page of a query's results with the total number of matches (Spring Data's {@code Page}): from
 * {@code query.listPage(request)} or a compiled query method returning {@code Page<T>}. The items and the total come
 * from one statement ({@code count(*) over ()}), so they agree; only a page past the end, which has no row to carry
 * the total, costs a second {@code count(*)}.
 *
 * @param items the documents (or projections) of this page, in the query's order; fewer than the page size on the last
 *     page, none past the end
 * @param request the page that was asked for
 * @param total how many documents the query matches in all pages
 * @param <T> the item type
 */
public record Page<T>(List<T> items, PageRequest request, long total) {
    /** Copies the items; checks the request is given and the total is 0 or more. */
    public Page {
        items = Collections.unmodifiableList(new ArrayList<>(items));
        Objects.requireNonNull(request, "request");
        if (total < 0) {
            throw new IllegalArgumentException("A page's total must be 0 or more, was " + total);
        }
    }

    /** The page's number, from 1 ({@code offset / size + 1}). */
    public long number() {
        return request.offset() / request.limit() + 1;
    }

    /** The most items a page holds: the request's limit. */
    public int size() {
        return request.limit();
    }

    /** How many pages of {@link #size()} items hold all {@link #total()} matches; 0 when nothing matches. */
    public long totalPages() {
        return (total + request.limit() - 1) / request.limit();
    }

    /** Whether matches follow this page. */
    public boolean hasNext() {
        return request.offset() + items.size() < total;
    }

    /** Whether this page skipped matches. */
    public boolean hasPrevious() {
        return request.offset() > 0;
    }

    /** The request for the page after this one, of the same size. */
    public PageRequest nextRequest() {
        return request.next();
    }

    /** This page with each item converted by {@code mapper}, e.g. to a view for a response. */
    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        List<R> mapped = new ArrayList<>(items.size());
        for (T item : items) {
            mapped.add(mapper.apply(item));
        }
        return new Page<>(mapped, request, total);
    }
}
