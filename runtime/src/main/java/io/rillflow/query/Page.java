package io.rillflow.query;

/**
 * A slice of a query's results: at most {@code limit} documents after skipping {@code offset}. A compiled query method
 * takes one as its last parameter ({@code List<Customer> findByStatus(String status, Page page)}); its statement ends
 * with {@code limit ? offset ?}, so every page runs the same prepared statement.
 *
 * @param limit the most documents to return, 1 or more
 * @param offset how many documents to skip, 0 or more
 */
public record Page(int limit, long offset) {
    /** Checks the limit is 1 or more and the offset 0 or more. */
    public Page {
        if (limit < 1) {
            throw new IllegalArgumentException("A page holds at least 1 document, the limit was " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("A page offset must be 0 or more, was " + offset);
        }
    }

    /** Page {@code number} (1 = the first) of {@code size} documents. */
    public static Page of(int number, int size) {
        if (number < 1) {
            throw new IllegalArgumentException("Pages are numbered from 1, got page " + number);
        }
        return new Page(size, (long) (number - 1) * size);
    }

    /** The first {@code size} documents. */
    public static Page first(int size) {
        return new Page(size, 0);
    }

    /** The page after this one, of the same size. */
    public Page next() {
        return new Page(limit, offset + limit);
    }
}
