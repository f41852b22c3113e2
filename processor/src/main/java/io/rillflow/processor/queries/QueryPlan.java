package io.rillflow.processor.queries;

import java.util.List;

/**
 * What a query method asks, parsed from its name or its {@code @Query}, before it is checked against the method's
 * parameters and return type.
 *
 * @param subject what the statement does
 * @param where the criteria, or null for every live document
 * @param order the sort keys
 * @param limit the most rows to return ({@code First}, {@code Top3}, {@code limit 50}), or null
 */
record QueryPlan(Subject subject, Criterion where, List<OrderKey> order, Integer limit) {
    QueryPlan {
        order = List.copyOf(order);
    }

    /** What a query method's statement does. */
    enum Subject {
        FIND,
        COUNT,
        EXISTS,
        DELETE,
        SOFT_DELETE
    }

    /** A condition on documents. */
    sealed interface Criterion permits Predicate, Junction, Negation {}

    /**
     * One field compared through one operator.
     *
     * @param field the field
     * @param operator the operator
     * @param ignoreCase whether strings compare ignoring case
     * @param parameters the names of the method parameters it takes, {@link Operator#parameters()} of them
     */
    record Predicate(Field field, Operator operator, boolean ignoreCase, List<String> parameters) implements Criterion {
        Predicate {
            parameters = List.copyOf(parameters);
        }
    }

    /** All ({@code and}) or any ({@code or}) of several criteria. */
    record Junction(boolean and, List<Criterion> parts) implements Criterion {
        Junction {
            parts = List.copyOf(parts);
        }
    }

    /** The negation of a criterion. */
    record Negation(Criterion inner) implements Criterion {}

    /** One sort key. */
    record OrderKey(Field field, boolean ascending) {}
}
