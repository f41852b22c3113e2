package io.rillflow.query;

/**
 * Which page of a query's results to read: at most {@code limit} documents after skipping {@code offset} (Spring
 * Data's {@code Pageable}). A compiled query method takes one as its last parameter
 * ({@code Page<Customer> findByStatus(String status, PageRequest page)}, or a {@code List} of the page only); its
 * statement ends with {@code limit ? offset ?}, so every page runs the same prepared statement.
 *
 * @param limit the most documents to return, 1 or more
 * @param offset how many documents to skip, 0 or more
 */
public record PageRequest(int limit, long offset) {
    public PageRequest {
        if (limit < 1) {
            throw new IllegalArgumentException("A page holds at least 1 document, the limit was " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("A page offset must be 0 or more, was " + offset);
        }
    }

    /** Page {@code number} (1 = the first) of {@code size} documents. */
    public static PageRequest of(int number, int size) {
        if (number < 1) {
            throw new IllegalArgumentException("Pages are numbered from 1, got page " + number);
        }
        return new PageRequest(size, (long) (number - 1) * size);
    }

    /** The first {@code size} documents. */
    public static PageRequest first(int size) {
        return new PageRequest(size, 0);
    }

    /** The page after this one, of the same size. */
    public PageRequest next() {
        return new PageRequest(limit, offset + limit);
    }
}
